package io.runbook.engine.exec;

import io.runbook.engine.error.UserError;
import io.runbook.engine.playbook.Task;
import io.runbook.engine.vars.Templar;
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
    private final RunState run;

    IncludeVarsAction(RunState run) {
        this.run = run;
    }

    Map<String, Object> run(Task task, HostState host, Map<String, Object> args) {
        Object dir = args.get("dir");
        Object file = args.containsKey("file") ? args.get("file") : args.get("_raw_params");
        List<Path> files = new ArrayList<>();
        if (dir != null) {
            files.addAll(dirFiles(task, String.valueOf(dir), args));
        } else if (file != null) {
            Path p = FileSearch.find(task, "vars", String.valueOf(file));
            if (!Files.isRegularFile(p)) {
                return failure("Could not find or access '" + file + "' on the Ansible Controller.");
            }
            files.add(p);
        } else {
            return failure("include_vars needs a file name (or file:, or dir:)");
        }
        Map<String, Object> vars = new LinkedHashMap<>();
        for (Path p : files) {
            vars.putAll(VarsFilesLayer.read(p));
        }
        Map<String, Object> facts = args.get("name") == null ? vars : Map.of(String.valueOf(args.get("name")), vars);
        host.includedVars.putAll(facts);
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("ansible_facts", Templar.unsafe(facts));
        r.put("ansible_included_var_files", files.stream().map(Path::toString).toList());
        r.put("changed", false);
        r.put("failed", false);
        return r;
    }

    private static List<Path> dirFiles(Task task, String dir, Map<String, Object> args) {
        Path root = task.role() != null && !Path.of(dir).isAbsolute()
                ? task.role().role().path().resolve("vars").resolve(dir).normalize()
                : FileSearch.find(task, "vars", dir);
        if (!Files.isDirectory(root)) {
            throw new UserError(task.position(), "include_vars: " + dir + " is not a folder (looked for " + root + ")");
        }
        List<String> extensions = strings(args.get("extensions"), DEFAULT_EXTENSIONS);
        List<String> ignored = strings(args.get("ignore_files"), List.of());
        Pattern matching = args.get("files_matching") == null ? null : Pattern.compile(String.valueOf(args.get("files_matching")));
        int depth = args.get("depth") instanceof Number n && n.intValue() > 0 ? n.intValue() : Integer.MAX_VALUE;
        try (Stream<Path> walk = Files.walk(root, depth)) {
            return walk.filter(Files::isRegularFile).sorted().filter(p -> {
                String name = p.getFileName().toString();
                int dot = name.lastIndexOf('.');
                String ext = dot < 0 ? "" : name.substring(dot + 1);
                return extensions.contains(ext) && ignored.stream().noneMatch(i -> name.matches(glob(i)))
                        && (matching == null || matching.matcher(name).find());
            }).toList();
        } catch (IOException e) {
            throw new UserError(task.position(), "include_vars: cannot read " + root + ": " + e.getMessage());
        }
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

    private static Map<String, Object> failure(String msg) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("failed", true);
        r.put("msg", msg);
        r.put("changed", false);
        return r;
    }
}
