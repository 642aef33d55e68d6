package io.runbook.engine.inventory;

import io.runbook.engine.error.SourcePosition;
import io.runbook.engine.error.UserError;
import io.runbook.engine.yaml.YList;
import io.runbook.engine.yaml.YMap;
import io.runbook.engine.yaml.YNode;
import io.runbook.engine.yaml.YScalar;
import io.runbook.engine.yaml.YamlLoader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * An executable inventory, as Ansible's script plugin runs one: the program is started with {@code --list} and its JSON
 * gives the groups (a mapping with {@code hosts}, {@code vars} and {@code children}, or just a list of hosts) and,
 * under {@code _meta.hostvars}, every host's variables; without {@code _meta} each host's come from
 * {@code --host NAME}. A program that fails, or prints no JSON mapping, stops the run before anything is touched,
 * naming the program and what it printed on stderr.
 */
final class ScriptInventoryReader {
    private final InventoryBuilder builder;
    /** The run's environment: the script's. */
    private final io.runbook.engine.env.RunEnvironment environment;

    ScriptInventoryReader(InventoryBuilder builder, io.runbook.engine.env.RunEnvironment environment) {
        this.environment = environment;
        this.builder = builder;
    }

    /** An inventory file that is a program: executable, starting with {@code #!} (a hosts file with +x is still read). */
    static boolean isScript(Path file) {
        if (!Files.isExecutable(file)) {
            return false;
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] start = in.readNBytes(2);
            return start.length == 2 && start[0] == '#' && start[1] == '!';
        } catch (IOException e) {
            return false;
        }
    }

    void read(Path file) {
        readListing(run(file, "--list"), SourcePosition.of(file + " --list"),
                host -> run(file, "--host", host), host -> SourcePosition.of(file + " --host " + host));
    }

    /**
     * A script's {@code --list} mapping (or another source's in that shape): its groups, then its {@code _meta.hostvars};
     * without {@code _meta}, each host's variables from {@code hostVars}.
     */
    void readListing(YMap top, SourcePosition where, java.util.function.Function<String, YMap> hostVars,
                     java.util.function.Function<String, SourcePosition> hostWhere) {
        YMap meta = top.get("_meta").filter(YMap.class::isInstance).map(YMap.class::cast).orElse(null);
        List<String> hosts = new ArrayList<>();
        for (YMap.Entry e : top.entries()) {
            if (!e.key().equals("_meta")) {
                readGroup(e.key(), e.value(), where, hosts);
            }
        }
        YMap allHostVars = meta == null ? null : meta.get("hostvars").filter(YMap.class::isInstance).map(YMap.class::cast).orElse(null);
        if (meta != null) {
            if (allHostVars != null) {
                for (YMap.Entry e : allHostVars.entries()) {
                    if (!builder.hosts.containsKey(e.key())) {
                        builder.addHost(Inventory.UNGROUPED, e.key(), where);
                    }
                    setVars(builder.hosts.get(e.key()).vars, e.value(), where);
                }
            }
            return;
        }
        for (String host : hosts) {
            setVars(builder.hosts.get(host).vars, hostVars.apply(host), hostWhere.apply(host));
        }
    }

    private void readGroup(String written, YNode node, SourcePosition where, List<String> hosts) {
        String name = builder.group(written, where).name;
        if (node instanceof YList list) {
            list.items().forEach(h -> addHost(name, h, where, hosts));
        } else if (node instanceof YMap map) {
            map.get("hosts").filter(YList.class::isInstance).map(YList.class::cast)
                    .ifPresent(l -> l.items().forEach(h -> addHost(name, h, where, hosts)));
            map.get("vars").ifPresent(v -> setVars(builder.groups.get(name).vars, v, where));
            map.get("children").filter(YList.class::isInstance).map(YList.class::cast).ifPresent(l -> l.items().forEach(c -> {
                builder.addChild(name, builder.group(text(c), where).name, where);
            }));
        } else if (!(node instanceof YScalar s && s.isNull())) {
            throw new UserError(where, "group '" + name + "' of the inventory script must be a list of hosts or a mapping "
                    + "with hosts, vars and children, not " + node.describe());
        }
    }

    private void addHost(String group, YNode node, SourcePosition where, List<String> hosts) {
        String host = text(node);
        if (!builder.hosts.containsKey(host)) {
            hosts.add(host);
        }
        builder.addHost(group, host, where);
    }

    private void setVars(java.util.Map<String, PositionedValue> into, YNode node, SourcePosition where) {
        if (node instanceof YMap vars) {
            vars.entries().forEach(v -> builder.setVar(into, v.key(), new PositionedValue(vaulted(v.value().toPlain(), where), where)));
        } else if (!(node instanceof YScalar s && s.isNull())) {
            throw new UserError(where, "variables of the inventory script must be a mapping, not " + node.describe());
        }
    }

    /**
     * A listing's value with each mapping that has {@code __ansible_vault} (Ansible's JSON for a vaulted value) made the
     * {@code !vault} value of its envelope, as Ansible's JSON decoder reads a listing.
     */
    static Object vaulted(Object value, SourcePosition where) {
        if (value instanceof java.util.Map<?, ?> map) {
            if (map.get("__ansible_vault") instanceof CharSequence envelope) {
                return io.runbook.engine.vars.SecretText.vaulted(io.runbook.engine.vault.Vault.active().seal(envelope.toString(), where));
            }
            java.util.Map<Object, Object> out = new java.util.LinkedHashMap<>();
            map.forEach((k, v) -> out.put(k, vaulted(v, where)));
            return out;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(v -> vaulted(v, where)).toList();
        }
        return value;
    }

    private static String text(YNode node) {
        return String.valueOf(node.toPlain());
    }

    /** The program's JSON mapping for these arguments. */
    private YMap run(Path file, String... args) {
        List<String> command = new ArrayList<>(List.of(file.toAbsolutePath().toString()));
        command.addAll(List.of(args));
        SourcePosition where = SourcePosition.of(file.toString());
        String out;
        String err;
        int code;
        try {
            Process p = environment.applyTo(new ProcessBuilder(command)).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> drain(p.getErrorStream()));
            out = drain(p.getInputStream());
            code = p.waitFor();
            err = stderr.join();
        } catch (IOException e) {
            throw new UserError(where, "Inventory script (" + file + ") could not be run: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserError(where, "Inventory script (" + file + ") was interrupted");
        }
        if (code != 0) {
            throw new UserError(where, "Inventory script (" + file + ") had an execution error: exit " + code
                    + (err.isBlank() ? "" : ": " + err.strip()));
        }
        List<YNode> docs;
        try {
            docs = out.isBlank() ? List.of() : YamlLoader.loadAll(out, file);
        } catch (UserError e) {
            throw new UserError(where, "Inventory script (" + file + " " + String.join(" ", args) + ") did not print JSON: "
                    + e.getMessage());
        }
        if (docs.size() != 1 || !(docs.get(0) instanceof YMap map)) {
            throw new UserError(where, "Inventory script (" + file + " " + String.join(" ", args) + ") must print one JSON "
                    + "mapping (groups, and _meta.hostvars)");
        }
        return map;
    }

    static String drain(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
