package io.runbook.engine.inventory;

import io.runbook.engine.error.SourcePosition;
import io.runbook.engine.error.UserError;
import io.runbook.engine.yaml.YMap;
import io.runbook.engine.yaml.YNode;
import io.runbook.engine.yaml.YamlLoader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * An inventory plugin the engine has not, run by the controller's ansible-core as its inventory manager runs it
 * (inventory_plugin.py in the controller's {@code python3}): a Python plugin of {@code ANSIBLE_INVENTORY_PLUGINS}, of
 * an {@code inventory_plugins/} folder beside the playbook (or {@code --playbook-dir}), a collection's, or one of
 * ansible-core's own ({@code generator}); its options, its inventory cache ({@code cache: true} with a cache plugin)
 * and {@code ANSIBLE_*} settings are Ansible's. The groups, hosts and variables it makes are read as an inventory
 * script's listing. A plugin that fails stops the run before anything runs, as a failing script does.
 */
final class PythonInventoryPlugin {
    /**
     * Made at a plugin's first run, not with the class: every inventory read makes one of these, and a Jackson
     * {@code ObjectMapper}'s set-up (its ~400 classes, a {@code SimpleDateFormat} and the calendar data of every locale
     * it reads) is no part of reading an inventory without such plugins (StartUpClassesTest).
     */
    private static final class Json {
        static final com.fasterxml.jackson.databind.ObjectMapper MAPPER = new com.fasterxml.jackson.databind.ObjectMapper();
    }

    /** What a plugin did with a source. */
    enum Outcome { READ, NOT_LOADED, NOT_VERIFIED }

    /** A plugin that failed: its own message too, as Ansible's inventory manager shows it. */
    static final class Failed extends UserError {
        private final String pluginMessage;

        Failed(SourcePosition where, String message, String pluginMessage) {
            super(where, message);
            this.pluginMessage = pluginMessage;
        }

        /** What the plugin said (its exception's text). */
        String pluginMessage() {
            return pluginMessage;
        }
    }

    private final InventoryBuilder builder;
    private final Path playbookDir;
    /** The run's environment ({@code ANSIBLE_*} settings and all): the plugin's process's, not the engine's. */
    private final io.runbook.engine.env.RunEnvironment environment;
    /** The {@code -v} lines of the plugins used: Ansible's auto plugin's. */
    private final List<VerboseLine> used;

    PythonInventoryPlugin(InventoryBuilder builder, Path playbookDir, io.runbook.engine.env.RunEnvironment environment, List<VerboseLine> used) {
        this.builder = builder;
        this.environment = environment;
        this.playbookDir = playbookDir;
        this.used = used;
    }

    /** Whether the controller's ansible-core loads an inventory plugin of this name. */
    boolean loads(String name, SourcePosition where) {
        return ask(name, name, "", where).path("loaded").asBoolean();
    }

    /**
     * Runs plugin {@code name} (or, for {@code auto}, the one {@code source}'s {@code plugin:} names) on {@code source}
     * and adds what it made; {@code shown} is the plugin's name in a failure, {@code where} where it is shown.
     */
    Outcome read(String name, String shown, Path source, SourcePosition where) {
        String path = source.toAbsolutePath().normalize().toString();
        return read(name, shown, path, where, SourcePosition.of(source.toString()));
    }

    /**
     * As {@link #read(String, String, Path, SourcePosition)}, a source that is no file (a {@code -i} string such as a
     * comma list, as Ansible's inventory manager offers it to every enabled plugin); {@code at} is where what it made
     * comes from.
     */
    Outcome read(String name, String shown, String source, SourcePosition where, SourcePosition at) {
        com.fasterxml.jackson.databind.JsonNode answer = ask(name, shown, source, where);
        if (answer.has("loaded")) {
            return Outcome.NOT_LOADED;
        }
        if (answer.has("verified")) {
            return Outcome.NOT_VERIFIED;
        }
        YNode listing = YamlLoader.loadAll(answer.get("listing").toString(), at.file()).get(0);
        new ScriptInventoryReader(builder, environment).readListing((YMap) listing, at, host -> null, host -> at);
        if (name.equals("auto")) {
            used.add(new VerboseLine(1, "Using inventory plugin '" + answer.path("plugin").asText()
                    + "' to process inventory source '" + source + "'"));
        }
        return Outcome.READ;
    }

    /** The inventory so far, for the plugin to see: groups and hosts in order, with their variables. */
    private Map<String, Object> state() {
        List<Object> groups = new ArrayList<>();
        builder.groups.values().forEach(g -> groups.add(Map.of("name", g.name, "hosts", List.copyOf(g.hosts),
                "children", List.copyOf(g.children), "vars", plain(g.vars))));
        List<Object> hosts = new ArrayList<>();
        builder.hosts.values().forEach(h -> hosts.add(Map.of("name", h.name, "vars", plain(h.vars))));
        return Map.of("groups", groups, "hosts", hosts, "vault", secrets());
    }

    private static Map<String, Object> plain(Map<String, PositionedValue> vars) {
        Map<String, Object> out = new LinkedHashMap<>();
        vars.forEach((k, v) -> out.put(k, plain(v.value())));
        return out;
    }

    /**
     * A value as JSON carries it: text for what is not JSON's; a vaulted value as Ansible's JSON writes one
     * ({@code {"__ansible_vault": ENVELOPE}}), for the plugin to see as Ansible's plugins do (decrypted when used). One a
     * secret given opens is opened here too, so that its plaintext is masked in all output, as the engine's own are.
     */
    private static Object plain(Object value) {
        if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean) {
            return value;
        }
        if (value instanceof io.runbook.engine.vars.SecretText secret && secret.vaultEnvelope() != null) {
            maskWhenOpened(secret);
            return Map.of("__ansible_vault", secret.vaultEnvelope());
        }
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, v) -> out.put(String.valueOf(k), plain(v)));
            return out;
        }
        if (value instanceof java.util.Collection<?> c) {
            return c.stream().map(PythonInventoryPlugin::plain).toList();
        }
        return String.valueOf(value);
    }

    /**
     * Opens the vaulted values of a YAML file a plugin read (its options, such a plugin reads its file with Ansible's
     * loader) that a secret given opens, so that their plaintext is masked; a file of another kind is left as it is.
     */
    static void maskFileWhenOpened(Path file) {
        try {
            YamlLoader.load(file).filter(YMap.class::isInstance).ifPresent(top -> maskWhenOpened(((YMap) top).toPlain()));
        } catch (UserError e) {
            // not YAML: no vaulted value of the engine's kind in it
        }
    }

    /** Opens the vaulted values of {@code value} (a plugin file's) that a secret given opens, so that their plaintext is masked. */
    static void maskWhenOpened(Object value) {
        if (value instanceof io.runbook.engine.vars.SecretText secret) {
            maskWhenOpened(secret);
        } else if (value instanceof Map<?, ?> m) {
            m.values().forEach(PythonInventoryPlugin::maskWhenOpened);
        } else if (value instanceof java.util.Collection<?> c) {
            c.forEach(PythonInventoryPlugin::maskWhenOpened);
        }
    }

    /** Opens a vaulted value a secret given opens, so that its plaintext (which the plugin may show) is masked. */
    static void maskWhenOpened(io.runbook.engine.vars.SecretText secret) {
        io.runbook.engine.vault.VaultedValue sealed = secret.unopened();
        if (sealed != null && sealed.opens()) {
            sealed.open();
        }
    }

    /** The vault secrets given, for the plugin's loader: label and password (base64), sent on its standard input only. */
    private static List<Object> secrets() {
        List<Object> out = new ArrayList<>();
        for (io.runbook.engine.vault.Vault.Secret s : io.runbook.engine.vault.Vault.active().secrets()) {
            out.add(Map.of("label", s.label(), "password", java.util.Base64.getEncoder().encodeToString(s.password())));
        }
        return out;
    }

    private com.fasterxml.jackson.databind.JsonNode ask(String name, String shown, String source, SourcePosition where) {
        String python = io.runbook.engine.pyplugin.PluginProcess.controllerPython();
        String script;
        try (InputStream in = PythonInventoryPlugin.class.getResourceAsStream("inventory_plugin.py")) {
            script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("inventory_plugin.py is missing from the engine", e);
        }
        List<String> command = new ArrayList<>(List.of(python, "-c", script, name, source,
                playbookDir == null ? "" : playbookDir.toAbsolutePath().normalize().toString()));
        String out;
        String err;
        int code;
        try {
            ProcessBuilder pb = environment.applyTo(new ProcessBuilder(command));
            pb.environment().put("PYTHONDONTWRITEBYTECODE", "1");  // no __pycache__ beside the plugin
            Process p = pb.start();
            try (java.io.OutputStream in = p.getOutputStream()) {
                in.write(Json.MAPPER.writeValueAsBytes(state()));
            }
            CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> ScriptInventoryReader.drain(p.getErrorStream()));
            out = ScriptInventoryReader.drain(p.getInputStream());
            code = p.waitFor();
            err = stderr.join().strip();
        } catch (IOException e) {
            throw new UserError(where, "inventory plugin '" + shown + "' cannot be run: the controller's " + python
                    + " cannot be started (" + e.getMessage() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserError(where, "inventory plugin '" + shown + "' was interrupted");
        }
        if (code != 0) {
            String message = err.isEmpty() ? "exit " + code : err;
            throw new Failed(where, "inventory plugin '" + shown + "' failed" + (source.isEmpty() ? " to load" : " on " + source)
                    + ": " + message, message);
        }
        // the warnings the plugin displayed (Ansible's display wraps them): shown with the inventory's
        String[] parts = err.split("\\[WARNING\\]: ");
        for (int i = 1; i < parts.length; i++) {
            builder.warnings.add(parts[i].strip().replaceAll("\\s*\\n\\s*", " "));
        }
        try {
            return Json.MAPPER.readTree(out);
        } catch (IOException e) {
            throw new UserError(where, "inventory plugin '" + shown + "' gave no inventory: " + out.strip());
        }
    }
}
