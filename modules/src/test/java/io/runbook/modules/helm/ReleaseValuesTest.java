package io.runbook.modules.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.runbook.engine.module.Args;
import io.runbook.engine.module.ModuleContext;
import io.runbook.engine.module.Progress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How values_files, values and set merge into the release's user-supplied values. */
class ReleaseValuesTest {

    @Test
    void filesInOrderThenValuesThenSetWithMappingsMergedKeyByKey(@TempDir Path dir) throws Exception {
        Path base = dir.resolve("mp-values.yaml");
        Files.writeString(base, "image:\n  registry: containers.dl.tetrate.io\n  tag: 1.9.0\nspec:\n  hub: a\n");
        Path site = dir.resolve("site.yaml.mustache");
        Files.writeString(site, "spec:\n  organization: \"{{ org }}\"\n");
        Map<String, Object> merged = ReleaseValues.merge(new Renderer(), List.of(base, site),
                Map.of("image", Map.of("registry", "registry.example.com")),
                Map.of("spec.hub", "registry.example.com/tsb", "labels.app\\.kubernetes\\.io/name", "mp"));
        assertEquals(Map.of(
                "image", Map.of("registry", "registry.example.com", "tag", "1.9.0"),
                "spec", Map.of("hub", "registry.example.com/tsb", "organization", "tetrate"),
                "labels", Map.of("app.kubernetes.io/name", "mp")), merged);
    }

    @Test
    void dottedKeysSplitOnUnescapedDots() {
        assertEquals(List.of("a", "b.c", "d"), ReleaseValues.splitKey("a.b\\.c.d"));
        assertEquals(List.of("single"), ReleaseValues.splitKey("single"));
    }

    /** Only render() matters here: it fills {@code {{ org }}}. */
    private static final class Renderer implements ModuleContext {
        @Override public Args args() { return new Args(Map.of(), java.util.Set.of(), Map.of(), null); }
        @Override public String host() { return "h"; }
        @Override public Map<String, Object> vars() { return Map.of(); }
        @Override public boolean checkMode() { return false; }
        @Override public boolean diffMode() { return false; }
        @Override public Path baseDir() { return Path.of("."); }
        @Override public String render(String template) { return template.replace("{{ org }}", "tetrate"); }
        @Override public Progress progress() { return Progress.NONE; }
        @Override public void warn(String message) { }
        @Override public void secret(String value) { }
        @Override public <T> T shared(Object key, Class<T> type, Supplier<T> factory) { return factory.get(); }
        @Override public <T> Optional<T> service(Class<T> type) { return Optional.empty(); }
    }

}
