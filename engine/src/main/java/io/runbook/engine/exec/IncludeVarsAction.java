package io.runbook.engine.exec;

import io.runbook.engine.error.UserError;
import io.runbook.engine.playbook.Task;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@code include_vars}: loads a vars file ({@code file}, or the free-form name), or every file of a folder
 * ({@code dir}, with {@code files_matching}, {@code ignore_files}, {@code extensions}, {@code depth}), looked for in
 * the role's {@code vars/} first; the variables go to the host at include_vars precedence, or under {@code name}.
 */
final class IncludeVarsAction {
    private static final List<String> DEFAULT_EXTENSIONS = List.of("yaml", "yml", "json");
    private IncludeVarsAction() {
    }

    static Map<String, Object> run(Task task, Path playDir, Map<String, Object> args, Map<String, Object> taskVars, String home) {
        Object dir = args.get("dir");
        Object file = args.containsKey("file") ? args.get("file") : args.get("_raw_params");
        List<Path> files = new ArrayList<>();
        if (dir != null) {
            files.addAll(dirFiles(task, playDir, String.valueOf(dir), args, home));
            List<String> extensions = strings(args.get("extensions"), DEFAULT_EXTENSIONS);
            boolean ignoreUnknown = Boolean.TRUE.equals(io.runbook.engine.module.ArgValidator.parseBool(args.get("ignore_unknown_extensions")));
            for (Path p : List.copyOf(files)) {
                if (extensions.contains(extension(p))) {
                    continue;
                }
                if (!ignoreUnknown) {
                    return failure(p + " does not have a valid extension: " + String.join(", ", extensions));
                }
                files.remove(p);
            }
        } else if (file != null) {
            if (String.valueOf(file).isEmpty()) {
                return failure("Could not find file on the Ansible Controller.");
            }
            io.runbook.engine.vars.SearchPath search = FileSearch.find(task, playDir, "vars", String.valueOf(file), home);
            if (search.found() == null || !Files.isRegularFile(search.found())) {
                return failure(search.notFound());
            }
            files.add(search.found());
        } else {
            return failure("include_vars needs a file name (or file:, or dir:)");
        }
        Map<String, Object> vars = new LinkedHashMap<>();
        for (Path p : files) {
            vars.putAll(VarsFilesLayer.read(p));
        }
        if ("merge".equals(args.get("hash_behaviour"))) {
            // as Ansible's combine_vars(merge=True): each mapping merged into the variable's value of now, recursively
            vars.replaceAll((k, v) -> io.runbook.engine.vars.HashBehaviour.merge(taskVars.get(k), v));
        }
        Map<String, Object> facts = args.get("name") == null ? vars : Map.of(String.valueOf(args.get("name")), vars);
        // the host gets them when the task ended ok (TaskFacts), combined with what include_vars set before by the
        // run's hash_behaviour, as Ansible's set_host_variable; they are templates like any variable's value
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("ansible_facts", facts);
        r.put("ansible_included_var_files", files.stream().map(Path::toString).toList());
        r.put("changed", false);
        r.put("failed", false);
        return r;
    }

    private static List<Path> dirFiles(Task task, Path playDir, String dir, Map<String, Object> args, String home) {
        Path root = task.role() != null && !Path.of(dir).isAbsolute() ? roleDir(task.role().role().path(), dir)
                : FileSearch.find(task, playDir, "vars", dir, home).foundOrLast();
        if (!Files.isDirectory(root)) {
            throw new UserError(task.position(), "include_vars: " + dir + " is not a folder (looked for " + root + ")");
        }
        List<String> ignored = strings(args.get("ignore_files"), List.of());
        Pattern matching = args.get("files_matching") == null ? null : Pattern.compile(String.valueOf(args.get("files_matching")));
        int depth = args.get("depth") instanceof Number n && n.intValue() > 0 ? n.intValue() : Integer.MAX_VALUE;
        try (Stream<Path> walk = Files.walk(root, depth)) {
            Path roleMain = task.role() == null ? null : task.role().role().path().resolve("vars/main.yml").normalize();
            return walk.filter(Files::isRegularFile).sorted().filter(p -> {
                String name = p.getFileName().toString();
                return ignored.stream().noneMatch(i -> name.matches(glob(i))) && !p.normalize().equals(roleMain)
                        && (matching == null || matching.matcher(name).find());
            }).toList();
        } catch (IOException e) {
            throw new UserError(task.position(), "include_vars: cannot read " + root + ": " + e.getMessage());
        }
    }

    /** As Ansible: {@code vars/x} is the role's own {@code vars/x} when it exists, anything else is under its vars/. */
    private static Path roleDir(Path role, String dir) {
        if (dir.split("/")[0].equals("vars") && Files.exists(role.resolve(dir))) {
            return role.resolve(dir).normalize();
        }
        return role.resolve("vars").resolve(dir).normalize();
    }

    /** What follows the last dot of the name, as Python's splitext ("" for none, and for a dot file). */
    private static String extension(Path p) {
        String name = p.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot <= 0 ? "" : name.substring(dot + 1);
    }

    private static String glob(String g) {
        return g.replace(".", "\\.").replace("*", ".*").replace("?", ".");
    }

    private static List<String> strings(Object v, List<String> fallback) {
        if (v == null) {
            return fallback;
        }
        if (v instanceof List<?> l) {
            return l.stream().map(String::valueOf).toList();
        }
        return List.of(String.valueOf(v).split(","));
    }

    /** As Ansible's include_vars: the failure is in 'message' (not 'msg'), and nothing is loaded. */
    private static Map<String, Object> failure(String message) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("ansible_facts", Map.of());
        r.put("ansible_included_var_files", List.of());
        r.put("changed", false);
        r.put("failed", true);
        r.put("message", message);
        return r;
    }
}
