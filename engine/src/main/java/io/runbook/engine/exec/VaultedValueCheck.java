package io.runbook.engine.exec;

import io.runbook.engine.error.SourcePosition;
import io.runbook.engine.error.UserError;
import io.runbook.engine.inventory.ExplainedVar;
import io.runbook.engine.inventory.Host;
import io.runbook.engine.inventory.Inventory;
import io.runbook.engine.playbook.Block;
import io.runbook.engine.playbook.Include;
import io.runbook.engine.playbook.Play;
import io.runbook.engine.playbook.Playbook;
import io.runbook.engine.playbook.Role;
import io.runbook.engine.playbook.Task;
import io.runbook.engine.playbook.TaskNode;
import io.runbook.engine.playbook.VarsFile;
import io.runbook.engine.vars.SecretText;
import io.runbook.engine.vault.Vault;
import io.runbook.engine.vault.VaultedValue;
import io.runbook.engine.yaml.YMap;
import io.runbook.engine.yaml.YamlLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Before anything runs: every {@code !vault} value the run can use, whose vault id a password was given for, must
 * open with the passwords given. A mistyped password is then bad input, refused with each such value's place
 * (exit 3), before any task changes anything; where Ansible, which opens a value when a task uses it, fails that task
 * halfway through the run. The values looked at are those the plays' hosts see (inventory, play {@code vars} and
 * {@code vars_files}, roles' {@code vars} and {@code defaults}, block and task {@code vars}, extra vars) whose name a
 * template or condition of the run mentions ({@link NamesInUse}), and those written straight into a task's
 * arguments. A value whose vault id no password was given for is not opened: it stays harmless until used, as
 * another environment's values must.
 */
public final class VaultedValueCheck {
    /** A {@code !vault} value the run may use: its variable (or argument) and how it is found. */
    private record Candidate(VaultedValue value, String name, String shown, boolean direct) {
    }

    private final RunOptions options;
    private final List<UserError> problems = new ArrayList<>();
    private final Set<VaultedValue> checked = java.util.Collections.newSetFromMap(new IdentityHashMap<>());

    public VaultedValueCheck(RunOptions options) {
        this.options = options;
    }

    /** Checks the values one playbook (with the inventory it sees) can use. */
    public void add(Playbook playbook, Inventory inventory) {
        if (!Vault.active().hasSecrets()) {
            return;  // no password given: every value stays sealed until a task uses it
        }
        Map<VaultedValue, Candidate> candidates = new IdentityHashMap<>();
        NamesInUse names = new NamesInUse();
        names.file(playbook.file());
        Set<String> hosts = new LinkedHashSet<>();
        for (Play play : playbook.plays()) {
            names.baseDir(play.baseDir());
            names.file(play.position().file());
            names.tree(play.baseDir().resolve("templates"));
            variables(play.vars(), candidates, names);
            for (VarsFile vf : play.varsFiles()) {
                vf.candidates().stream().filter(c -> !c.contains("{{") && !c.contains("{%"))
                        .map(c -> play.baseDir().resolve(c).normalize()).filter(Files::isRegularFile).findFirst()
                        .ifPresent(f -> {
                            names.file(f);
                            variables(varsFile(f), candidates, names);
                        });
            }
            for (Role role : roles(play)) {
                names.tree(role.path());
                List.of(role.defaults(), role.vars(), role.varsKeyword(), role.params()).forEach(v -> variables(v, candidates, names));
            }
            List.of(play.preTasks(), play.tasks(), play.postTasks(), play.handlers()).forEach(l -> nodes(l, candidates, names));
            if (inventory != null) {
                hosts.addAll(hosts(play, inventory));
            }
        }
        variables(options.extraVars(), candidates, names);
        inventoryValues(inventory, hosts, candidates, names);
        names.scan();
        if (inventory != null && names.contains("hostvars")) {
            // hostvars['other'].x reads any host's variables: every host's values may be used
            Set<String> all = new LinkedHashSet<>();
            inventory.hosts().forEach(h -> all.add(h.name()));
            all.removeAll(hosts);
            inventoryValues(inventory, all, candidates, names);
            names.scan();
        }
        for (Candidate c : candidates.values()) {
            if (checked.add(c.value()) && c.value().passwordGiven() && (c.direct() || names.contains(c.name())) && !c.value().opens()) {
                problems.add(problem(c));
            }
        }
    }

    /** Refuses the run when a value the run can use does not open with the passwords given for its vault id. */
    public void throwIfAny() {
        if (!problems.isEmpty()) {
            // by file, then line and column as numbers
            problems.sort((a, b) -> {
                int byFile = String.valueOf(a.position().file()).compareTo(String.valueOf(b.position().file()));
                int byLine = Integer.compare(a.position().line(), b.position().line());
                return byFile != 0 ? byFile : byLine != 0 ? byLine : Integer.compare(a.position().column(), b.position().column());
            });
            throw new VaultPasswordError(problems);
        }
    }

    private static UserError problem(Candidate c) {
        VaultedValue v = c.value();
        String id = v.vaultId() == null ? "default" : v.vaultId();
        String check = v.vaultId() == null || v.vaultId().equals("default") ? "check the vault passwords given"
                : "check the password given for vault id '" + id + "'";
        return new UserError(v.position(), "Decryption failed (no vault secrets were found that could decrypt) for vault id '"
                + id + "' (" + c.shown() + ")", check + "; tried " + v.secretsTried() + "; nothing ran");
    }

    private void inventoryValues(Inventory inventory, Set<String> hosts, Map<VaultedValue, Candidate> candidates, NamesInUse names) {
        if (inventory == null) {
            return;
        }
        for (String host : hosts) {
            for (ExplainedVar v : inventory.explain(host)) {
                variable(v.name(), v.value(), candidates, names);
            }
        }
    }

    private void variables(Map<String, Object> vars, Map<VaultedValue, Candidate> candidates, NamesInUse names) {
        vars.forEach((name, value) -> variable(name, value, candidates, names));
    }

    private static void variable(String name, Object value, Map<VaultedValue, Candidate> candidates, NamesInUse names) {
        names.value(value);
        vaulted(value, name, (sealed, path) -> candidates.putIfAbsent(sealed,
                new Candidate(sealed, name, "variable " + path, false)));
    }

    /** Tasks' own vars, and {@code !vault} values written straight into their arguments (used whenever the task runs). */
    private void nodes(List<TaskNode> nodes, Map<VaultedValue, Candidate> candidates, NamesInUse names) {
        for (TaskNode node : nodes) {
            if (node.position() != null && node.position().file() != null) {
                names.file(node.position().file());
            }
            variables(node.keywords().vars(), candidates, names);
            if (node instanceof Block b) {
                List.of(b.block(), b.rescue(), b.always()).forEach(l -> nodes(l, candidates, names));
            } else if (node instanceof Task t && t.action().endsWith("set_fact")) {
                variables(t.args(), candidates, names);  // a fact keeps the value sealed until it is used, as a variable
            } else if (node instanceof Task t) {
                t.args().forEach((arg, value) -> vaulted(value, arg, (sealed, path) -> candidates.putIfAbsent(sealed,
                        new Candidate(sealed, arg, "argument " + path + " of task '" + (t.name() == null ? t.action() : t.name()) + "'",
                                true))));
            } else if (node instanceof Include i) {
                names.value(i.args());
                if (i.isRole() && i.file() != null && !i.file().contains("{{") && options.roleSearch() != null) {
                    options.roleSearch().folder(i.file(), i.baseDir()).ifPresent(dir -> includedRole(dir, candidates, names));
                }
            }
        }
    }

    /** A role an include_role names literally (loaded when it runs): its files, and the values of its defaults and vars. */
    private void includedRole(Path dir, Map<VaultedValue, Candidate> candidates, NamesInUse names) {
        names.tree(dir);
        for (String sub : List.of("defaults", "vars")) {
            try (java.util.stream.Stream<Path> files = Files.walk(dir.resolve(sub))) {
                files.filter(f -> f.toString().endsWith(".yml") || f.toString().endsWith(".yaml") || f.toString().endsWith(".json"))
                        .forEach(f -> variables(varsFile(f), candidates, names));
            } catch (java.io.IOException | java.io.UncheckedIOException e) {
                // no such folder, or one the include reports when it runs
            }
        }
    }

    /** Calls {@code found} with each {@code !vault} value not opened yet in {@code value}, and its path ({@code db.password}). */
    private static void vaulted(Object value, String path, java.util.function.BiConsumer<VaultedValue, String> found) {
        if (value instanceof SecretText s && s.unopened() != null) {
            found.accept(s.unopened(), path);
        } else if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> vaulted(v, path + "." + k, found));
        } else if (value instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                vaulted(item, path + "[" + i++ + "]", found);
            }
        }
    }

    private static Map<String, Object> varsFile(Path file) {
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        try {
            YamlLoader.load(file).filter(d -> d instanceof YMap).map(d -> (YMap) d)
                    .ifPresent(m -> m.entries().forEach(e -> out.put(e.key(), e.value().toPlain())));
        } catch (UserError e) {
            // read (and refused) when the play starts, as before
        }
        return out;
    }

    private static Set<Role> roles(Play play) {
        Set<Role> out = new LinkedHashSet<>();
        for (Role r : play.roles()) {
            out.addAll(r.allDependencies());
            out.add(r);
        }
        return out;
    }

    /** The play's hosts within --limit; every host when its pattern is a template (rendered only when it starts). */
    private Set<String> hosts(Play play, Inventory inventory) {
        String pattern = play.hostsText();
        List<String> selected = pattern.contains("{{") || pattern.contains("{%")
                ? inventory.hosts().stream().map(Host::name).toList()
                : inventory.select(pattern, play.hostsPosition()).names();
        Set<String> out = new LinkedHashSet<>(selected);
        if (options.limit() != null) {
            out.retainAll(new HashSet<>(inventory.select(options.limit(), SourcePosition.of("--limit")).names()));
        }
        return out;
    }
}
