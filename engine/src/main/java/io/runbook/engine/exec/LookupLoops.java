package io.runbook.engine.exec;

import io.runbook.engine.error.UserError;
import io.runbook.engine.playbook.Task;
import io.runbook.engine.vars.VarScope;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The {@code with_<lookup>} loops that read the world: sequence, subelements, fileglob, first_found, and any other
 * lookup through the templar's {@code lookup()} (so {@code with_X: terms} is {@code lookup('X', terms, wantlist=True)}).
 */
final class LookupLoops {
    private final RunState run;
    private final Task task;
    private final VarScope vars;

    LookupLoops(RunState run, Task task, VarScope vars) {
        this.run = run;
        this.task = task;
        this.vars = vars;
    }

    List<Object> items(String lookup, Object terms) {
        return switch (lookup) {
            case "sequence" -> sequence(terms);
            case "subelements" -> io.runbook.engine.vars.Subelements.items(LoopItems.asList(terms), task.loopPosition());
            case "fileglob" -> fileglob(terms);
            case "first_found" -> firstFound(terms);
            default -> viaTemplar(lookup, terms);
        };
    }

    private List<Object> sequence(Object terms) {
        List<Object> out = new ArrayList<>();
        for (Object term : LoopItems.asList(terms)) {
            out.addAll(io.runbook.engine.vars.Sequence.items(String.valueOf(term), task.loopPosition()));
        }
        return out;
    }

    /** Files matching each pattern (the pattern's folder is looked for as files/ is), sorted, as absolute paths. */
    private List<Object> fileglob(Object terms) {
        List<Object> out = new ArrayList<>();
        for (Object term : LoopItems.asList(terms)) {
            String pattern = String.valueOf(term);
            Path p = Path.of(pattern);
            String dirName = p.getParent() == null ? "" : p.getParent().toString();
            Path dir = lookupFile(dirName.isEmpty() ? "." : dirName);
            PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + p.getFileName());
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> files = Files.list(dir)) {
                files.filter(Files::isRegularFile).filter(f -> matcher.matches(f.getFileName())).sorted()
                        .forEach(f -> out.add(f.toAbsolutePath().normalize().toString()));
            } catch (IOException e) {
                throw new UserError(task.loopPosition(), "with_fileglob: cannot read " + dir + ": " + e.getMessage());
            }
        }
        return out;
    }

    /** A file a lookup names, found along the task's {@code ansible_search_path} as the lookup finds it ({@code files/} first). */
    private Path lookupFile(String name) {
        return io.runbook.engine.vars.SearchPath.find(io.runbook.engine.vars.SearchPath.folders(vars.get("ansible_search_path"),
                task.baseDir()), null, "files", name,
                io.runbook.engine.vars.HomeDir.of(run.options.environment())).foundOrLast();
    }

    /** The first file that exists, of names (or {@code files:} in {@code paths:}), looked for as files/ is. */
    private List<Object> firstFound(Object terms) {
        List<String> candidates = new ArrayList<>();
        boolean skip = false;
        for (Object term : LoopItems.asList(terms)) {
            if (term instanceof Map<?, ?> m) {
                skip |= Boolean.TRUE.equals(io.runbook.engine.module.ArgValidator.parseBool(m.get("skip")));
                List<Object> files = splitList(m.get("files"));
                List<Object> paths = splitList(m.get("paths"));
                for (Object f : files) {
                    if (paths.isEmpty()) {
                        candidates.add(String.valueOf(f));
                    } else {
                        paths.forEach(dir -> candidates.add(Path.of(String.valueOf(dir)).resolve(String.valueOf(f)).toString()));
                    }
                }
            } else {
                splitList(term).forEach(t -> candidates.add(String.valueOf(t)));
            }
        }
        for (String c : candidates) {
            Path found = lookupFile(c);
            if (Files.exists(found)) {
                List<Object> one = new ArrayList<>();
                one.add(found.toString());
                return one;
            }
        }
        if (skip) {
            return new ArrayList<>();
        }
        throw new UserError(task.loopPosition(), "No file was found when using first_found.");
    }

    private static List<Object> splitList(Object v) {
        if (v == null) {
            return List.of();
        }
        if (v instanceof List<?> l) {
            return new ArrayList<>(l);
        }
        List<Object> out = new ArrayList<>();
        for (String s : String.valueOf(v).split("[,;]")) {
            if (!s.isBlank()) {
                out.add(s.strip());
            }
        }
        return out;
    }

    /** The terms, rendered once already (Ansible's listify), are passed as unsafe so that lookup() does not render them again. */
    private List<Object> viaTemplar(String lookup, Object terms) {
        List<Object> once = new ArrayList<>(LoopItems.asList(terms));
        once.replaceAll(io.runbook.engine.vars.Templar::unsafe);
        Object items = run.templar.renderLoopLookup("{{ lookup('" + lookup + "', *__loop_terms, wantlist=True) }}",
                vars.with(Map.of("__loop_terms", once)), task.loopPosition());
        return LoopItems.asList(items);
    }
}
