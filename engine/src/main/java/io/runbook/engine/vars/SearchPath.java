package io.runbook.engine.vars;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a file named relative on the controller is found, as Ansible's {@code DataLoader.path_dwim_relative_stack}
 * finds it for every action ({@code copy}/{@code template}/{@code script} {@code src}, {@code include_vars}) and
 * lookup ({@code file}, {@code template}, {@code fileglob}, {@code first_found}): each folder of the search path in
 * turn, first its subfolder for the kind ({@code files}, {@code templates}, {@code vars}; left out when the name
 * starts with it already) and then the folder itself; last the play's folder the same way. A name starting with
 * {@code /} or {@code ~} is taken as it is.
 *
 * @param found    the first candidate that exists, or null
 * @param searched the candidates in the order looked at (empty for an absolute name)
 */
public record SearchPath(String name, Path found, List<Path> searched) {
    public SearchPath {
        searched = List.copyOf(searched);
    }

    /**
     * {@code name} looked for along {@code stack} (a task's search path: its roles innermost first, its file's folder)
     * and then {@code playDir} (none when null: the stack ends with it already, as {@code ansible_search_path} does);
     * {@code home} is what a name's {@code ~} means (the controller's).
     */
    public static SearchPath find(List<Path> stack, Path playDir, String subdir, String name, String home) {
        if (name.startsWith("~") || name.startsWith("/")) {
            Path given = Path.of(HomeDir.expand(name, home)).normalize();
            return new SearchPath(name, Files.exists(given) ? given : null, List.of());
        }
        boolean inSubdir = name.split("/", -1)[0].equals(subdir);
        List<Path> searched = new ArrayList<>();
        List<Path> folders = new ArrayList<>(stack);
        if (playDir != null) {
            folders.add(playDir);
        }
        for (Path folder : folders) {
            Path dir = folder.toAbsolutePath().normalize();
            if (!inSubdir) {
                searched.add(Path.of(dir.toString(), subdir, name));
            }
            searched.add(Path.of(dir.toString(), name));
        }
        Path found = searched.stream().filter(Files::exists).findFirst().map(Path::normalize).orElse(null);
        return new SearchPath(name, found, searched);
    }

    /** A task's {@code ansible_search_path} value as folders; {@code fallback} alone when it has none. */
    public static List<Path> folders(Object ansibleSearchPath, Path fallback) {
        List<Path> out = new ArrayList<>();
        if (ansibleSearchPath instanceof List<?> dirs) {
            dirs.forEach(d -> out.add(Path.of(Secrets.plain(d))));
        }
        if (out.isEmpty()) {
            out.add(fallback == null ? Path.of("") : fallback);
        }
        return out;
    }

    /** The found file, or the last place looked at when none was (what a caller that reports its own error names). */
    public Path foundOrLast() {
        return found != null ? found : searched.isEmpty() ? Path.of(name) : searched.get(searched.size() - 1);
    }

    /** Ansible's words when nothing was found (its {@code AnsibleFileNotFound}), the places looked at listed. */
    public String notFound() {
        StringBuilder out = new StringBuilder("Could not find or access '").append(name).append("'");
        if (!searched.isEmpty()) {
            out.append("\nSearched in:");
            searched.forEach(p -> out.append("\n\t").append(p));
        }
        return out.append(" on the Ansible Controller.\nIf you are using a module and expect the file to exist on the remote,"
                + " see the remote_src option").toString();
    }
}
