package io.runbook.engine.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.runbook.engine.error.SourcePosition;
import io.runbook.engine.error.UserError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostPatternTest {
    private static final SourcePosition WHERE = new SourcePosition(Path.of("site.yml"), 3, 10);
    private static final Inventory INV = Fixture.load("patterns/hosts.yml");

    private static List<String> select(String pattern) {
        HostSelection s = INV.select(pattern, WHERE);
        assertEquals(List.of(), s.warnings(), "unexpected warnings for " + pattern);
        return s.names();
    }

    private static UserError bad(String pattern) {
        return assertThrows(UserError.class, () -> HostPattern.parse(pattern, WHERE));
    }

    @Test
    void allAndStarSelectEveryHostInTheOrderOfAllsHosts() {
        // as ansible 2.14 --list-hosts: all's own hosts (bastion, under all: hosts:), then its groups' in order
        List<String> every = List.of("bastion.example.com", "web-1", "web-2", "web-3", "db-1", "db-2");
        assertEquals(every, select("all"));
        assertEquals(every, select("*"));
    }

    /** In the pattern's order, as ansible 2.14's --list-hosts on this inventory (a host met again stays where it was). */
    @Test
    void colonAndCommaBothMeanUnionInThePatternsOrderWithoutDuplicates() {
        List<String> dbAndWeb = List.of("db-1", "db-2", "web-1", "web-2", "web-3");
        assertEquals(dbAndWeb, select("db:web"));
        assertEquals(dbAndWeb, select("db,web,prod"));
        assertEquals(List.of("db-1", "web-1"), select("db-1, web-1"));
        assertEquals(List.of("web-1", "db-1", "web-3", "db-2"), select("prod:staging"));
    }

    @Test
    void intersectionsAndExclusionsKeepTheOrderOfWhatTheyFilter() {
        assertEquals(List.of("web-3", "db-2"), select("staging:web:db:&staging"));
        assertEquals(List.of("db-2", "db-1"), select("db-2:db-1:!web-1"));
        assertEquals(List.of("web-3", "db-2"), select("prod:staging:!prod"));
    }

    /** What ansible 2.14's split_host_pattern makes of colons: checked with ansible --list-hosts on addresses.ini. */
    @Test
    void anAddressIsOneTermAndACommaListSplitsOnCommasOnly() {
        Inventory inv = Fixture.load("patterns/addresses.ini");
        assertEquals(List.of("::1"), inv.select("::1", WHERE).names());
        assertEquals(List.of("fe80::2"), inv.select("fe80::2", WHERE).names());
        assertEquals(List.of("web1", "web2", "fe80::2"), inv.select("web,fe80::2", WHERE).names());
        assertEquals(List.of("web1", "web2", "db1", "::1", "fe80::2"), inv.select("web:db", WHERE).names());
        assertEquals(List.of("web1"), inv.select("web:!web2", WHERE).names());
        // a host and port is one term, which names no host (Ansible's warning)
        HostSelection withPort = inv.select("web1:22", WHERE);
        assertEquals(List.of(), withPort.names());
        assertEquals(1, withPort.warnings().size(), withPort.warnings().toString());
        assertTrue(withPort.warnings().get(0).contains("web1:22"), withPort.warnings().toString());
        assertEquals(List.of("web:db"), HostPattern.split("web:db,", WHERE));
        // parse_address reads these as IPv6 addresses (its pattern checks only the start of 'db::web'), so one term each
        assertEquals(List.of("cafe::1"), inv.select("cafe::1", WHERE).names());
        assertEquals(List.of("db::web"), HostPattern.split("db::web", WHERE));
        assertEquals(List.of("[fe80::2]:22"), HostPattern.split("[fe80::2]:22", WHERE));
    }

    @Test
    void ampersandIntersects() {
        assertEquals(List.of("web-1"), select("web:&prod"));
    }

    @Test
    void bangExcludes() {
        assertEquals(List.of("bastion.example.com", "web-1", "web-2", "db-1"), select("all:!staging"));
    }

    @Test
    void unionsApplyBeforeIntersectionsBeforeExclusionsWhateverTheWrittenOrder() {
        assertEquals(List.of("web-2", "web-3"), select("!web-1:web"));
        assertEquals(List.of("web-1", "db-1"), select("&prod:web:db"));
        assertEquals(List.of("web-1"), select("!db:&prod:web:db"));
    }

    @Test
    void onlyExclusionsStartFromAll() {
        assertEquals(List.of("bastion.example.com", "db-1", "db-2"), select("!web"));
        assertEquals(List.of("web-1", "db-1"), select("&prod"));
    }

    @Test
    void globsMatchGroupsAndHosts() {
        assertEquals(List.of("web-1", "web-2", "web-3"), select("web-*"));
        assertEquals(List.of("bastion.example.com"), select("*.example.com"));
        assertEquals(List.of("web-1", "web-2", "db-1", "db-2"), select("*-[!3]"));
        assertEquals(List.of("web-1", "web-2", "web-3", "db-1"), select("web:pro?"));
    }

    @Test
    void tildeStartsARegexMatchedFromTheStartOfTheName() {
        assertEquals(List.of("web-1", "db-1"), select("~(web|db)-1"));
        assertEquals(List.of("web-1", "web-2", "web-3", "db-1", "db-2"), select("~(web|db)$"));
        HostSelection none = INV.select("~eb", WHERE);
        assertEquals(List.of(), none.names());
        assertEquals(List.of("Could not match supplied host pattern, ignoring: ~eb"), none.warnings());
    }

    @Test
    void regexKeepsItsCommasAndColonsInsideGroupsAndBraces() {
        assertEquals(List.of("web-1", "web-2", "db-2"), select("~web-(1|2):~db-[2]"));
        assertEquals(List.of("web-1", "web-2", "web-3"), select("~w{1,2}eb"));
        assertEquals(List.of("web-2", "web-3"), select("web:!~web-(?:1)"));
    }

    @Test
    void subscriptsPickByPositionWithInclusiveSlices() {
        assertEquals(List.of("web-1"), select("web[0]"));
        assertEquals(List.of("web-3"), select("web[-1]"));
        assertEquals(List.of("web-2", "web-3"), select("web[1:2]"));
        assertEquals(List.of("web-2", "web-3"), select("web[1:]"));
        assertEquals(List.of("web-1", "web-2", "web-3"), select("web[0:10]"));
        assertEquals(List.of("web-1", "db-2"), select("web[0]:db[1]"));
    }

    @Test
    void aTrailingNumberInBracketsIsASubscriptAsInAnsible() {
        assertEquals(List.of("db-2"), select("db[1]"));
        UserError e = assertThrows(UserError.class, () -> INV.select("web-[1]", WHERE));
        assertEquals("site.yml:3:10: no hosts matched the subscripted pattern 'web-[1]': 'web-' matches no host or "
                + "group (brackets in a pattern are a subscript; host ranges such as 'cp-[1:3]' only expand in "
                + "inventories, so select them with 'cp-*')", e.format());
    }

    @Test
    void subscriptBeyondTheGroupIsAnErrorAtThePattern() {
        UserError e = assertThrows(UserError.class, () -> INV.select("db[5]", WHERE));
        assertEquals("site.yml:3:10: no hosts matched the subscripted pattern 'db[5]': 'db' has 2 hosts (indexes 0 to 1)",
                e.format());
    }

    @Test
    void unmatchedNameIsAWarningNotAnError() {
        HostSelection s = INV.select("web:nosuch:!alsonot", WHERE);
        assertEquals(List.of("web-1", "web-2", "web-3"), s.names());
        assertEquals(List.of("Could not match supplied host pattern, ignoring: nosuch",
                "Could not match supplied host pattern, ignoring: alsonot"), s.warnings());
    }

    @Test
    void anEmptyGroupMatchesNothingWithoutWarning() {
        HostSelection s = INV.select("empty", WHERE);
        assertTrue(s.isEmpty());
        assertEquals(List.of(), s.warnings());
    }

    @Test
    void implicitLocalhostMatchesWhenNamedExactly() {
        HostSelection s = INV.select("localhost", WHERE);
        assertEquals(List.of("localhost"), s.names());
        assertTrue(s.hosts().get(0).implicit());
        assertEquals(List.of(), s.warnings());
        assertEquals(6, select("all").size());
    }

    @Test
    void unclosedBracketIsAUserErrorAtThePattern() {
        UserError e = bad("web[0");
        assertEquals("site.yml:3:10: unclosed '[' at character 4 of host pattern 'web[0' (close it, e.g. 'grp[0]' or "
                + "'grp[1:3]')", e.format());
    }

    @Test
    void strayClosingBracketIsAUserError() {
        assertEquals("unexpected ']' at character 4 of host pattern 'web]'", bad("web]").getMessage());
    }

    @Test
    void invalidRegexIsAUserError() {
        UserError e = bad("web:~db(");
        assertEquals(WHERE, e.position());
        assertTrue(e.getMessage().startsWith("invalid regular expression 'db(' in host pattern 'web:~db(': "), e.getMessage());
    }

    @Test
    void aBlankPatternAndABareOperatorAreUserErrors() {
        assertEquals("empty host pattern", bad("  ").getMessage());
        assertEquals("'&' in host pattern 'web:&' must be followed by a host or group name", bad("web:&").getMessage());
        assertEquals("'!' in host pattern '!' must be followed by a host or group name", bad("!").getMessage());
    }

    @Test
    void emptyTermsAreLeftOutAsInAnsible() {
        // ansible-core's limit_inventory target (issue 61964): split_host_pattern drops them, none left is every host
        assertEquals(List.of("web-1"), select("web-1,"));
        assertEquals(List.of("web-1"), select(",,web-1"));
        assertEquals(List.of("web-1", "db-1"), select("web-1, ,    ,db-1"));
        assertEquals(select("web:db"), select("web::db"));
        assertEquals(select("web"), select(":web:"));
        assertEquals(select("all"), select(",,"));
    }

    @Test
    void aLimitOfNoTermsLimitsNothing() {
        for (String limit : List.of("", ",", ",,")) {
            assertEquals(select("all"), INV.select(HostPattern.parse("all", WHERE), HostPattern.parseLimit(limit, WHERE)).names(), limit);
        }
    }

    @Test
    void removedDashSubscriptFormSaysHowToWriteIt() {
        UserError e = bad("web[0-1]");
        assertEquals("subscript '[0-1]' in host pattern 'web[0-1]' uses the removed [x-y] form", e.getMessage());
        assertEquals("write [0:1]", e.hint());
    }

    @Test
    void limitIntersectsWithThePlayPattern() {
        HostPattern play = HostPattern.parse("web", WHERE);
        HostPattern limit = HostPattern.parseLimit("prod:staging", SourcePosition.of("--limit"));
        assertEquals(List.of("web-1", "web-3"), INV.select(play, limit).names());
        // the limit keeps the play pattern's order, whatever its own
        HostPattern reversed = HostPattern.parse("web-3:db-2:web-1", WHERE);
        assertEquals(List.of("web-3", "web-1"), INV.select(reversed, HostPattern.parseLimit("web", SourcePosition.of("--limit"))).names());
    }

    @Test
    void limitFromFileReadsOneHostPerLine(@TempDir Path dir) throws IOException {
        Path retry = dir.resolve("site.retry");
        Files.writeString(retry, "db-1\n\nweb-2\nweb-9\n");
        HostPattern limit = HostPattern.parseLimit("@" + retry, SourcePosition.of("--limit"));
        HostSelection s = INV.select(HostPattern.parse("all", WHERE), limit);
        assertEquals(List.of("web-2", "db-1"), s.names());
        assertEquals(List.of("Could not match supplied host pattern, ignoring: web-9"), s.warnings());
    }

    @Test
    void missingLimitFileIsAUserError() {
        UserError e = assertThrows(UserError.class,
                () -> HostPattern.parseLimit("@nowhere.retry", SourcePosition.of("--limit")));
        assertEquals("--limit: limit file not found: nowhere.retry", e.format());
    }
}
