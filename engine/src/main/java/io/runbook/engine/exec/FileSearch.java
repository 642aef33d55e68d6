package io.runbook.engine.exec;

import io.runbook.engine.error.UserError;
import io.runbook.engine.module.Arg;
import io.runbook.engine.module.Module;
import io.runbook.engine.playbook.Role;
import io.runbook.engine.playbook.Task;
import io.runbook.engine.playbook.TaskNode;
import io.runbook.engine.vars.SearchPath;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A task's search path, as Ansible's {@code get_search_path}: the task's role and the roles that led to it
 * (innermost first: an included or depended-on role before the role that includes it or depends on it), then the
 * folder of the task's file; the play's folder comes last ({@code ansible_search_path}). Files are looked for
 * along it by {@link SearchPath}; arguments a module marks with {@link Arg#lookIn} are resolved this way before the
 * module runs.
 */
final class FileSearch {
    private FileSearch() {
    }

    /** A file a task names on the controller that is nowhere on its search path: Ansible's words, at the task. */
    static final class NotFound extends UserError {
        NotFound(Task task, SearchPath search) {
            super(task.position(), search.notFound());
        }
    }

    /** The folders of {@code node}'s search path, without the play's folder. */
    static List<Path> stack(TaskNode node) {
        List<Path> out = new ArrayList<>();
        if (node.role() != null) {
            out.add(node.role().role().path().toAbsolutePath().normalize());
            List<Role> chain = node.role().chain();
            for (int i = chain.size() - 1; i >= 0; i--) {
                out.add(chain.get(i).path().toAbsolutePath().normalize());
            }
        }
        Path taskDir = node instanceof Task t ? t.baseDir()
                : node.position() != null && node.position().file() != null ? node.position().file().toAbsolutePath().getParent() : null;
        if (taskDir != null && !out.contains(taskDir.toAbsolutePath().normalize())) {
            out.add(taskDir.toAbsolutePath().normalize());
        }
        return out;
    }

    /** Ansible's {@code ansible_search_path} for a task: its {@link #stack}, then the play's folder unless there. */
    static List<String> searchPath(TaskNode node, Path playDir) {
        List<Path> dirs = stack(node);
        Path play = playDir.toAbsolutePath().normalize();
        if (!dirs.contains(play)) {
            dirs.add(play);
        }
        return dirs.stream().map(Path::toString).toList();
    }

    /** {@code name} looked for as an action of {@code task} looks for it: {@code subdir}/ first in each folder. */
    static SearchPath find(Task task, Path playDir, String subdir, String name, String home) {
        return SearchPath.find(stack(task), playDir, subdir, name, home);
    }

    /** The file {@code name} found for {@code task}; fails as Ansible's action when there is none. */
    static Path require(Task task, Path playDir, String subdir, String name, String home) {
        SearchPath search = find(task, playDir, subdir, name, home);
        if (search.found() == null) {
            throw new NotFound(task, search);
        }
        return search.found();
    }

    /**
     * The rendered arguments with each relative path of an argument marked {@code lookIn} replaced by the found file
     * (a trailing {@code /} kept: it means a folder's contents); fails as Ansible's action when one is nowhere. With
     * {@code remote_src: true} the paths are the host's, and nothing is looked for.
     */
    static Map<String, Object> resolveSources(Task task, Path playDir, Module module, Map<String, Object> rendered,
                                               String home) {
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
                    String found = require(task, playDir, arg.lookIn(), s, home).toString();
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
