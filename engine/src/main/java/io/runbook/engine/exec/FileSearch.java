package io.runbook.engine.exec;

import io.runbook.engine.module.Arg;
import io.runbook.engine.module.Module;
import io.runbook.engine.playbook.Role;
import io.runbook.engine.playbook.Task;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a task's relative file names are found, as Ansible's search path: the task's role (and the roles that led
 * to it, innermost first), then the folder of the task's file, each first in the named subfolder
 * ({@code templates}, {@code files}, {@code vars}) and then in itself. Arguments a module marks with
 * {@link Arg#lookIn} are resolved this way before the module runs.
 */
final class FileSearch {
    private FileSearch() {
    }

    /** The folders searched for {@code task}, in order. */
    static List<Path> dirs(Task task) {
        List<Path> out = new ArrayList<>();
        if (task.role() != null) {
            out.add(task.role().role().path());
            List<Role> chain = task.role().chain();
            for (int i = chain.size() - 1; i >= 0; i--) {
                out.add(chain.get(i).path());
            }
        }
        out.add(task.baseDir());
        if (task.role() != null) {
            out.add(task.role().role().path().resolve("tasks"));
        }
        return out;
    }

    /**
     * Ansible's {@code ansible_search_path} for a task: its role and the roles that led to it (innermost first), the
     * folder of its file, then the playbook's folder; where lookups ({@code file}, {@code template}, …) look, each
     * first in its subfolder ({@code files}, {@code templates}).
     */
    static List<String> searchPath(io.runbook.engine.playbook.TaskNode node, Path playbookDir) {
        List<String> out = new ArrayList<>();
        if (node.role() != null) {
            out.add(node.role().role().path().toAbsolutePath().normalize().toString());
            List<Role> chain = node.role().chain();
            for (int i = chain.size() - 1; i >= 0; i--) {
                out.add(chain.get(i).path().toAbsolutePath().normalize().toString());
            }
        }
        Path taskDir = node instanceof Task t ? t.baseDir()
                : node.position() != null && node.position().file() != null ? node.position().file().toAbsolutePath().getParent() : null;
        for (Path dir : java.util.Arrays.asList(taskDir, playbookDir)) {
            String d = dir == null ? null : dir.toAbsolutePath().normalize().toString();
            if (d != null && !out.contains(d)) {
                out.add(d);
            }
        }
        return out;
    }

    /** The first {@code dir/subdir/name} or {@code dir/name} that exists, else {@code name} against the task's folder. */
    static Path find(Task task, String subdir, String name) {
        Path given = Path.of(name.startsWith("~/") ? System.getProperty("user.home") + name.substring(1) : name);
        if (given.isAbsolute()) {
            return given;
        }
        for (Path dir : dirs(task)) {
            for (Path candidate : List.of(dir.resolve(subdir).resolve(given), dir.resolve(given))) {
                if (Files.exists(candidate)) {
                    return candidate.normalize();
                }
            }
        }
        return task.baseDir().resolve(given).normalize();
    }

    /**
     * The rendered arguments with each relative path of an argument marked {@code lookIn} replaced by the found file
     * (a trailing {@code /} kept: it means a folder's contents). With {@code remote_src: true} the paths are the
     * host's, and nothing is looked for.
     */
    static Map<String, Object> resolveSources(Task task, Module module, Map<String, Object> rendered) {
        Map<String, Object> out = new LinkedHashMap<>(rendered);
        if (io.runbook.engine.module.ArgValidator.isTrue(rendered.get("remote_src"))) {
            return out;
        }
        for (Arg arg : module.spec().args()) {
            if (arg.lookIn() == null) {
                continue;
            }
            for (String key : names(arg)) {
                if (out.get(key) instanceof String s && !s.isEmpty()) {
                    String found = find(task, arg.lookIn(), s).toString();
                    out.put(key, s.endsWith("/") && !found.endsWith("/") ? found + "/" : found);
                }
            }
        }
        return out;
    }

    private static List<String> names(Arg arg) {
        List<String> out = new ArrayList<>(arg.aliases());
        out.add(0, arg.name());
        return out;
    }
}
