package io.runbook.engine.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.runbook.engine.error.SourcePosition;
import io.runbook.engine.error.UserError;
import java.io.IOException;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

class InventoryJsonTest {
    private static final Inventory INV = Fixture.load("listing/hosts.yml");

    @Test
    void listHasTheShapeOfAnsibleInventoryList() throws IOException {
        assertEquals(Files.readString(Fixture.path("listing/expected-list.json")), INV.toListJson());
    }

    @Test
    void listWithLimitKeepsOnlyTheSelectedHostsAndTheirGroups() throws IOException {
        HostPattern limit = HostPattern.parseLimit("eu", SourcePosition.of("--limit"));
        assertEquals(Files.readString(Fixture.path("listing/expected-list-limit-eu.json")), INV.toListJson(limit));
    }

    @Test
    void hostPrintsTheMergedVarsWithSortedKeys() throws IOException {
        assertEquals(Files.readString(Fixture.path("listing/expected-host-cp-us-1.json")), INV.toHostJson("cp-us-1"));
    }

    @Test
    void hostWithoutVarsPrintsAnEmptyObject() {
        assertEquals("{}", Fixture.load("patterns/hosts.yml").toHostJson("web-1"));
    }

    @Test
    void unknownHostIsAUserErrorWithDidYouMean() {
        UserError e = assertThrows(UserError.class, () -> INV.toHostJson("cp-us-2"));
        assertEquals("unknown host 'cp-us-2' (did you mean 'cp-us-1'?)", e.format());
    }

    @Test
    void stringsAreEscapedAsJson() {
        assertEquals("{\n    \"a\": \"quote \\\" backslash \\\\ newline \\n caf\u00e9\"\n}",
                InventoryJson.write(java.util.Map.of("a", "quote \" backslash \\ newline \n caf\u00e9")));
    }
}
