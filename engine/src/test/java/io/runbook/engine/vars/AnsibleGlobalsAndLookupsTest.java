package io.runbook.engine.vars;

import static io.runbook.engine.vars.Fixtures.WHERE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.runbook.engine.error.UserError;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** undef(), the subelements lookup and Unicode spaces in expressions, with ansible-core 2.14's results and messages. */
class AnsibleGlobalsAndLookupsTest {
    private final Templar templar = new Templar();
    private final Conditions conditions = new Conditions();
    private final Map<String, Object> vars = new HashMap<>(Map.of(
            "users", List.of(Map.of("name", "alice", "mysql", Map.of("hosts", List.of("db1", "db2"))),
                    Map.of("name", "bob", "mysql", Map.of("password", "x"))),
            "required", "{{ undef(hint='set required in the inventory') }}"));

    private Object render(String template) {
        return templar.render(template, vars, WHERE);
    }

    private String failure(String template) {
        return assertThrows(UserError.class, () -> render(template), template).getMessage();
    }

    @Test
    void undefIsUndefinedUntilUsedAndThenFailsWithItsHint() {
        assertEquals(false, render("{{ required is defined }}"));
        assertEquals("fallback", render("{{ required | default('fallback') }}"));
        assertTrue(failure("{{ required }}").contains("set required in the inventory"));
        assertTrue(failure("{{ undef() ~ 'x' }}").contains("Mandatory variable has not been overridden"));
    }

    @Test
    void subelementsIsALookupToo() {
        assertEquals(List.of(List.of(Map.of("name", "alice", "mysql", Map.of()), "db1"),
                List.of(Map.of("name", "alice", "mysql", Map.of()), "db2")),
                render("{{ lookup('subelements', users, 'mysql.hosts', {'skip_missing': True}, wantlist=True) }}"));
        assertEquals(List.of(), render("{{ query('subelements', {'skipped': true}, 'mysql.hosts') }}"));
    }

    @Test
    void subelementsFailsWithAnsiblesMessages() {
        assertTrue(failure("{{ lookup('subelements', 9001, 'groups') }}").contains("subelements lookup expects a dictionary, got '9001'"));
        assertTrue(failure("{{ lookup('subelements', users, 'mysql.hosts') }}")
                .contains("could not find 'hosts' key in iterated item '{'password': 'x'}'"));
        assertTrue(failure("{{ lookup('subelements', users, 'name.x') }}").contains("the key name should point to a dictionary, got 'alice'"));
        assertTrue(failure("{{ lookup('subelements', users, True) }}").contains("first a dict or a list, second a string"));
        assertTrue(failure("{{ lookup('subelements', users, 'a', 'wolves') }}").contains("the optional third item must be a dict"));
    }

    @Test
    void aNoBreakSpaceSeparatesWordsAsInJinja() {
        assertEquals(2, render("{{ 1\u00a0+ 1 }}"));
        assertEquals(true, conditions.test("users\u00a0| length == 2", vars, WHERE));
    }

    @Test
    void nowIsTheControllersTimeAsADatetimeOrFormatted() {
        int year = java.time.LocalDate.now().getYear();
        assertEquals(String.valueOf(year), render("{{ now(fmt='%Y') }}"));
        assertEquals(year, render("{{ now().year }}"));
        assertEquals(true, render("{{ now(fmt='%s.%f') | float > 1700000000 }}"));
    }

    @Test
    void theFileLookupStripsTheLeftWhenAsked(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Files.writeString(dir.resolve("data.txt"), "  Hello World\n");
        vars.put("path", dir.resolve("data.txt").toString());
        assertEquals(new UnsafeText("  Hello World"), render("{{ lookup('file', path) }}"));
        assertEquals(new UnsafeText("Hello World"), render("{{ lookup('file', path, lstrip=True) }}"));
        assertEquals(new UnsafeText("Hello World\n"), render("{{ lookup('file', path, lstrip=True, rstrip=False) }}"));
    }
}
