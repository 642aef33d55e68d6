package io.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What copy and template register, key for key as ansible-playbook 2.14 registers it (measured): its copy action
 * plugin's result for new content, the file module's for the same content, and in check mode, for new content, only
 * {@code changed} and {@code diff}.
 */
class CopyResultsTest {
    private static final Set<String> COPIED = Set.of("changed", "checksum", "dest", "diff", "failed", "gid", "group",
            "md5sum", "mode", "owner", "size", "src", "state", "uid");
    private static final Set<String> SAME = Set.of("changed", "checksum", "dest", "diff", "failed", "gid", "group",
            "mode", "owner", "path", "size", "state", "uid");
    private static final Set<String> PREDICTED = Set.of("changed", "diff", "failed");

    @TempDir
    Path work;

    @Test
    void newContentRegistersTheCopyAndTheSameContentTheFileItIs() {
        RunResult r = run();
        assertEquals(0, r.exitCode(), r.toString());
        Map<String, Object> text = registered(r, "new_text");
        assertEquals(COPIED, text.keySet(), r.toString());
        assertEquals("dynamically generated", text.get("src"), "Ansible's names a temporary file, gone after the task");
        assertEquals("9cd599a3523898e6a12e13ec787da50a", text.get("md5sum"));
        Map<String, Object> file = registered(r, "new_file");
        assertEquals(COPIED, file.keySet(), r.toString());
        assertEquals(Path.of(EngineRun.fixture("copy-results/files/app.conf")).toAbsolutePath().toString(), file.get("src"));
        assertEquals(COPIED, registered(r, "template_new").keySet(), r.toString());
        for (String same : List.of("same_text", "same_file", "mode_only")) {
            Map<String, Object> result = registered(r, same);
            assertEquals(SAME, result.keySet(), same + ": " + r);
            assertEquals(result.get("dest"), result.get("path"));
        }
        assertEquals("0600", registered(r, "mode_only").get("mode"));
        assertEquals(Map.of("changed", false, "failed", false, "dest", work + "/same.txt", "src", "dynamically generated"),
                registered(r, "left_alone"), r.toString());
        r.assertRecap("localhost", 10, 6, 0, 0, 0, 0, 0);  // as ansible-playbook counts it
    }

    @Test
    void checkModeRegistersOnlyChangedAndDiffForNewContent() {
        RunResult r = run("--check");
        assertEquals(0, r.exitCode(), r.toString());
        for (String predicted : List.of("new_text", "new_file", "template_new")) {
            assertEquals(Map.of("changed", true, "failed", false, "diff", List.of()), registered(r, predicted),
                    predicted + ": " + r);
        }
        for (String same : List.of("same_text", "same_file", "mode_only")) {
            assertEquals(SAME, registered(r, same).keySet(), same + ": " + r);
        }
        Map<String, Object> mode = registered(r, "mode_only");
        assertEquals(true, mode.get("changed"));
        assertEquals("0644", mode.get("mode"), "the file module in check mode registers the file as it is");
        r.assertRecap("localhost", 10, 6, 0, 0, 0, 0, 0);
    }

    @Test
    void checkModeWithDiffRegistersTheTextsToo() {
        RunResult r = run("--check", "--diff");
        assertEquals(0, r.exitCode(), r.toString());
        Map<String, Object> text = registered(r, "new_text");
        assertEquals(PREDICTED, text.keySet(), r.toString());
        assertEquals(List.of(Map.of("before", "", "after", "new\n", "after_header", "dynamically generated")), text.get("diff"));
        assertEquals(PREDICTED, registered(r, "new_file").keySet(), r.toString());
    }

    /** A registered result, as the playbook's last task shows them all. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> registered(RunResult r, String name) {
        return ((Map<String, Map<String, Object>>) r.msg("what was registered", "localhost")).get(name);
    }

    private RunResult run(String... options) {
        List<String> args = new java.util.ArrayList<>(List.of(EngineRun.fixture("copy-results/results.yml"),
                "-i", "localhost,", "-c", "local", "-e", "dir=" + work));
        args.addAll(List.of(options));
        return EngineRun.cli(args.toArray(String[]::new));
    }
}
