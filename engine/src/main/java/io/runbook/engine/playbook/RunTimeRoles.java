package io.runbook.engine.playbook;

import io.runbook.engine.error.UserError;
import io.runbook.engine.pyplugin.ReadTimePlugins;
import io.runbook.engine.yaml.YNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The roles an {@code include_role} loads when it runs, told to the playbook's {@link ReadTimePlugins} as the include is
 * read: Ansible adds such a role's plugin folders (and its dependencies') when it loads it, so the tasks after it may use
 * its filters, tests and lookups. A role whose name is templated is not known until it runs, nor are the roles it
 * includes or imports itself: then any plain name may be one of their plugins. A collection's role adds none, as in
 * Ansible (only a role outside collections has its plugin folders added).
 */
final class RunTimeRoles {
    private final RoleSearch search;
    private final Path playbookDir;
    private final ReadTimePlugins plugins;

    RunTimeRoles(RoleSearch search, Path playbookDir, ReadTimePlugins plugins) {
        this.search = search;
        this.playbookDir = playbookDir;
        this.plugins = plugins;
    }

    /** An include_role of the role written {@code name}, in the tasks of {@code outer} (or null). */
    void included(String name, RoleScope outer) {
        role(name, outer == null ? null : outer.role().path().getParent(), new HashSet<>());
    }

    private void role(String name, Path siblingsDir, Set<Path> seen) {
        if (name.contains("{{") || name.contains("{%")) {
            plugins.openEnded();
            return;
        }
        Optional<Path> found;
        try {
            found = Optional.of(search.find(name, playbookDir, siblingsDir, null));
        } catch (UserError e) {
            return;  // the include says so when it runs
        }
        Path path = found.get();
        if (!seen.add(path) || path.toString().contains("/ansible_collections/")) {
            return;
        }
        plugins.addRole(path);
        if (includesRoles(path.resolve("tasks"))) {
            plugins.openEnded();
        }
        try {
            RoleFiles.meta(path).flatMap(m -> m.get("dependencies")).filter(d -> !PlaybookParser.isNull(d))
                    .ifPresent(deps -> {
                        for (YNode entry : NodeReader.list(deps, "dependencies").items()) {
                            role(RoleRequest.ofEntry(entry, io.runbook.engine.vars.HashBehaviour.REPLACE).name(),
                                    path.getParent(), seen);
                        }
                    });
        } catch (UserError e) {
            // a mistake in the role's meta: its include reports it when it runs
        }
    }

    /** Whether a role's task files include or import a role themselves (whose plugins this cannot know yet). */
    private static boolean includesRoles(Path tasks) {
        try (Stream<Path> files = Files.walk(tasks)) {
            return files.filter(Files::isRegularFile).anyMatch(f -> {
                try {
                    String text = Files.readString(f);
                    return text.contains("include_role") || text.contains("import_role");
                } catch (IOException | UncheckedIOException e) {
                    return false;
                }
            });
        } catch (IOException | UncheckedIOException e) {
            return false;
        }
    }
}
