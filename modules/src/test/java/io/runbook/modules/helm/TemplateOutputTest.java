package io.runbook.modules.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** show_only as {@code helm template -s} reads it: Go's filepath.Match over each document's template path. */
class TemplateOutputTest {
    @Test
    void globsMatchWithinOneFolderAsGoFilepathMatch() {
        assertTrue(TemplateOutput.pathMatches("templates/*.yaml", "templates/service.yaml"));
        assertFalse(TemplateOutput.pathMatches("templates/*", "templates/tests/test.yaml"), "* stays in its folder");
        assertTrue(TemplateOutput.pathMatches("templates/*/*", "templates/tests/test.yaml"));
        assertTrue(TemplateOutput.pathMatches("templates/[a-c]onfigmap.yaml", "templates/configmap.yaml"));
        assertFalse(TemplateOutput.pathMatches("templates/[^c]onfigmap.yaml", "templates/configmap.yaml"));
        assertTrue(TemplateOutput.pathMatches("templates/config?ap.yaml", "templates/configmap.yaml"));
        assertTrue(TemplateOutput.pathMatches("templates/\\*.yaml", "templates/*.yaml"), "\\ quotes");
        assertFalse(TemplateOutput.pathMatches("templates/[.yaml", "templates/[.yaml"), "a malformed pattern matches nothing");
    }

    @Test
    void showOnlyKeepsTheNamedTemplatesDocumentsPatternByPattern() throws Exception {
        String text = "---\n# Source: web/templates/a.yaml\nkind: A\n---\n# Source: web/templates/b.yaml\nkind: B\n"
                + "---\n# Source: web/templates/a.yaml\nkind: A2\n";
        assertEquals("---\n# Source: web/templates/b.yaml\nkind: B\n---\n# Source: web/templates/a.yaml\nkind: A\n"
                + "---\n# Source: web/templates/a.yaml\nkind: A2\n", TemplateOutput.showOnly(text, List.of("templates/b.yaml", "templates/a.yaml")));
        TemplateOutput.NoSuchTemplate e = assertThrows(TemplateOutput.NoSuchTemplate.class,
                () -> TemplateOutput.showOnly(text, List.of("templates/c.yaml")));
        assertEquals("could not find template templates/c.yaml in chart", e.getMessage());
    }
}
