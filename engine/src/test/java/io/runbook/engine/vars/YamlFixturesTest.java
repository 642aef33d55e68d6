package io.runbook.engine.vars;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.runbook.engine.yaml.YList;
import io.runbook.engine.yaml.YMap;
import io.runbook.engine.yaml.YNode;
import io.runbook.engine.yaml.YScalar;
import io.runbook.engine.yaml.YamlLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Real YAML files, loaded as the engine loads them: each value is rendered at the position it was read from. */
class YamlFixturesTest {
    private static final Path DIR = Path.of("src/test/resources/vars");

    private final Templar templar = new Templar();
    private final Conditions conditions = new Conditions();

    @SuppressWarnings("unchecked")
    private final Map<String, Object> vars =
            (Map<String, Object>) YamlLoader.load(DIR.resolve("group_vars.yml")).orElseThrow().toPlain();
    private final List<YNode> tasks = ((YList) YamlLoader.load(DIR.resolve("tasks.yml")).orElseThrow()).items();

    private YScalar field(int task, String... path) {
        YNode node = tasks.get(task);
        for (String key : path) {
            node = ((YMap) node).get(key).orElseThrow();
        }
        return (YScalar) node;
    }

    private Object render(YScalar scalar) {
        return templar.render(scalar.value(), vars, scalar.position());
    }

    private boolean when(int task) {
        YScalar when = field(task, "when");
        return conditions.test((String) when.value(), vars, when.position());
    }

    @Test
    void groupVarsTemplatesAndFiltersRenderInTasks() {
        assertEquals("API is https://prod.example.org:6443 with 2 nodes", render(field(0, "debug", "msg")));
        assertTrue(when(0));
        assertEquals(List.of("prod"), render(field(1, "loop")));
        assertEquals("secret-key", render(field(2, "copy", "content")));
        assertTrue(when(2));
        assertTrue(when(3));
    }

    @Test
    void undefinedVariableNamesTheVariableAndItsLine() {
        YScalar msg = field(3, "debug", "msg");
        UndefinedVariableError error = assertThrows(UndefinedVariableError.class, () -> render(msg));
        assertEquals("src/test/resources/vars/tasks.yml:18:10: undefined variable 'cluster.nmae' (did you mean 'name'?)",
                error.format());
    }
}
