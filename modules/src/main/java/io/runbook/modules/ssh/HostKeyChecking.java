package io.runbook.modules.ssh;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Ansible's {@code host_key_checking} setting: {@code ANSIBLE_HOST_KEY_CHECKING} in the environment, else
 * {@code host_key_checking} in the {@code [defaults]} section of the first {@code ansible.cfg} Ansible would
 * read ({@code ANSIBLE_CONFIG}, {@code ./ansible.cfg}, {@code ~/.ansible.cfg}, {@code /etc/ansible/ansible.cfg}).
 * Reads only this one setting; general ansible.cfg support can take it over.
 */
final class HostKeyChecking {
    /** Whether checking is on, and if it is off, what turned it off (for the warning). */
    record Setting(boolean on, String source) {
    }

    private HostKeyChecking() {
    }

    static Setting read() {
        return read(System.getenv(), Path.of("").toAbsolutePath(), Path.of(System.getProperty("user.home")));
    }

    static Setting read(Map<String, String> env, Path cwd, Path home) {
        String fromEnv = env.get("ANSIBLE_HOST_KEY_CHECKING");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return new Setting(truth(fromEnv), "ANSIBLE_HOST_KEY_CHECKING=" + fromEnv);
        }
        for (Path cfg : candidates(env, cwd, home)) {
            if (Files.isRegularFile(cfg)) {
                String value = defaultsValue(cfg, "host_key_checking");
                return value == null ? new Setting(true, null) : new Setting(truth(value), "host_key_checking = " + value + " in " + cfg);
            }
        }
        return new Setting(true, null);
    }

    private static List<Path> candidates(Map<String, String> env, Path cwd, Path home) {
        String named = env.get("ANSIBLE_CONFIG");
        return named != null && !named.isBlank()
                ? List.of(Path.of(named), cwd.resolve("ansible.cfg"), home.resolve(".ansible.cfg"), Path.of("/etc/ansible/ansible.cfg"))
                : List.of(cwd.resolve("ansible.cfg"), home.resolve(".ansible.cfg"), Path.of("/etc/ansible/ansible.cfg"));
    }

    /** A key of the INI file's [defaults] section (ansible.cfg's own syntax: key = value, # and ; comments). */
    static String defaultsValue(Path cfg, String key) {
        List<String> lines;
        try {
            lines = Files.readAllLines(cfg);
        } catch (IOException e) {
            return null;
        }
        boolean inDefaults = false;
        for (String raw : lines) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            if (line.startsWith("[")) {
                inDefaults = line.equals("[defaults]");
                continue;
            }
            int eq = line.indexOf('=');
            if (inDefaults && eq > 0 && line.substring(0, eq).strip().equals(key)) {
                String value = line.substring(eq + 1).strip();
                int comment = value.indexOf(" ;");
                return comment >= 0 ? value.substring(0, comment).strip() : value;
            }
        }
        return null;
    }

    /** Ansible's boolean words. */
    static boolean truth(String value) {
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "false", "no", "off", "0", "n", "f" -> false;
            default -> true;
        };
    }
}
