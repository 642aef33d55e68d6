package io.runbook.engine.module;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.runbook.engine.error.SourcePosition;
import io.runbook.engine.error.UserError;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ArgValidatorTest {
    private static final SourcePosition TASK = new SourcePosition(Path.of("play.yml"), 4, 7);
    private static final SourcePosition STATE = new SourcePosition(Path.of("play.yml"), 6, 16);
    private static final ArgSpec SPEC = ArgSpec.builder()
            .arg(Arg.str("name").required())
            .arg(Arg.str("state").choices("present", "absent").defaultValue("present"))
            .arg(Arg.bool("wait").defaultValue(false))
            .arg(Arg.duration("timeout").defaultValue("10m"))
            .arg(Arg.list("names").elements(ArgType.STR).aliases("secrets"))
            .arg(Arg.str("key_secret").secret())
            .build();

    private static Args coerce(Map<String, Object> args) {
        return ArgValidator.coerce("m", SPEC, args, Map.of("state", STATE), TASK, Path.of("/pb"), "/home/user");
    }

    @Test
    void ansibleBooleanSpellingsAreAccepted() {
        for (Object yes : List.of("yes", "on", "True", 1, true)) {
            assertTrue(coerce(Map.of("name", "x", "wait", yes)).bool("wait"), String.valueOf(yes));
        }
        for (Object no : List.of("no", "off", "false", 0, false)) {
            assertFalse(coerce(Map.of("name", "x", "wait", no)).bool("wait"), String.valueOf(no));
        }
    }

    @Test
    void defaultsApplyAndDurationsParse() {
        Args a = coerce(Map.of("name", "x"));
        assertEquals("present", a.string("state"));
        assertEquals(Duration.ofMinutes(10), a.duration("timeout"));
        assertEquals(Duration.ofSeconds(90), coerce(Map.of("name", "x", "timeout", "1m30s")).duration("timeout"));
        assertEquals(Duration.ofSeconds(45), coerce(Map.of("name", "x", "timeout", 45)).duration("timeout"));
    }

    @Test
    void wrongChoicePointsAtTheArgumentWithDidYouMean() {
        UserError e = assertThrows(UserError.class, () -> coerce(Map.of("name", "x", "state", "presnt")));
        assertEquals("play.yml:6:16: argument 'state' of module 'm' must be one of present, absent, got 'presnt' (did you mean 'present'?)", e.format());
    }

    @Test
    void unknownArgumentSuggestsTheNearestName() {
        UserError e = assertThrows(UserError.class, () -> coerce(Map.of("name", "x", "stat", "absent")));
        assertEquals("play.yml:4:7: unknown argument 'stat' for module 'm' (did you mean 'state'?)", e.format());
    }

    @Test
    void missingRequiredArgumentIsNamed() {
        UserError e = assertThrows(UserError.class, () -> coerce(Map.of()));
        assertEquals("play.yml:4:7: module 'm' is missing required argument 'name'", e.format());
    }

    @Test
    void aliasesAndCommaListsWork() {
        assertEquals(List.of("a", "b"), coerce(Map.of("name", "x", "secrets", "a, b")).strings("names"));
    }

    @Test
    void wrongTypeOfSecretNeverShowsTheValue() {
        UserError e = assertThrows(UserError.class, () -> coerce(Map.of("name", "x", "key_secret", List.of("hunter22"))));
        assertFalse(e.format().contains("hunter22"), e.format());
    }

    @Test
    void freeFormTextIsKeptForModulesThatDoNotDeclareIt() {
        ArgSpec free = ArgSpec.builder().freeForm().arg(Arg.str("chdir")).build();
        Args a = ArgValidator.coerce("c", free, Map.of("_raw_params", "ls -l"), Map.of(), TASK, null, "/home/user");
        assertEquals("ls -l", a.string("_raw_params"));
    }

    @Test
    void otherKeysReachTheModuleAsWrittenWhenTheSpecTakesThem() {
        ArgSpec open = ArgSpec.builder().arg(Arg.str("name").required().aliases("host")).otherKeys("host variables").build();
        Map<String, Object> written = new java.util.LinkedHashMap<>();
        written.put("host", "h1");
        written.put("zones", List.of("a", "b"));
        written.put("port", 22);
        ArgValidator.checkWritten("add_host", open, written, Map.of(), TASK);
        Args a = ArgValidator.coerce("add_host", open, written, Map.of(), TASK, null, "/home/user");
        assertEquals("h1", a.string("name"));
        assertEquals("host", a.writtenAs("name"));
        assertEquals(List.of("zones", "port"), List.copyOf(a.others().keySet()));
        assertEquals(List.of("a", "b"), a.others().get("zones"));
        assertEquals(22, a.others().get("port"));
        UserError e = assertThrows(UserError.class, () -> coerce(Map.of("name", "x", "zones", "a")));
        assertTrue(e.format().contains("unknown argument 'zones' for module 'm'"), e.format());
    }
}
