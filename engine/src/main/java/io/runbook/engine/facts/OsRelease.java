package io.runbook.engine.facts;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The distribution facts, from {@code /etc/os-release} (and Debian's {@code /etc/debian_version}) as Ansible's
 * distribution collector reads them: of the controller, or of a remote host from the files' text.
 */
public final class OsRelease {
    private static final Map<String, String> FAMILIES = Map.ofEntries(Map.entry("debian", "Debian"),
            Map.entry("ubuntu", "Debian"), Map.entry("rhel", "RedHat"), Map.entry("centos", "RedHat"),
            Map.entry("fedora", "RedHat"), Map.entry("rocky", "RedHat"), Map.entry("almalinux", "RedHat"),
            Map.entry("amzn", "RedHat"), Map.entry("ol", "RedHat"), Map.entry("sles", "Suse"),
            Map.entry("opensuse-leap", "Suse"), Map.entry("alpine", "Alpine"), Map.entry("arch", "Archlinux"));
    private static final Map<String, String> NAMES = Map.of("debian", "Debian", "ubuntu", "Ubuntu", "rhel", "RedHat",
            "centos", "CentOS", "fedora", "Fedora", "rocky", "Rocky", "almalinux", "AlmaLinux", "amzn", "Amazon",
            "alpine", "Alpine", "arch", "Archlinux");

    private OsRelease() {
    }

    /** The controller's distribution. */
    static Map<String, Object> read() {
        return parse(file("/etc/os-release"), file("/etc/debian_version"), System.getProperty("os.name"));
    }

    private static String file(String path) {
        try {
            return Files.readString(Path.of(path));
        } catch (IOException | RuntimeException e) {
            // missing: the distribution facts stay generic
            return "";
        }
    }

    /**
     * The distribution of a machine from the text of its os-release and debian_version files (empty when missing);
     * {@code system} (uname -s) names it when os-release does not.
     */
    public static Map<String, Object> parse(String osRelease, String debianVersionFile, String system) {
        Map<String, String> kv = new LinkedHashMap<>();
        for (String line : osRelease.split("\\R")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                kv.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip().replaceAll("^[\"']|[\"']$", ""));
            }
        }
        String id = kv.getOrDefault("ID", "").toLowerCase();
        String name = NAMES.getOrDefault(id, kv.getOrDefault("NAME", system));
        String debian = debianVersionFile.strip();
        String version = debian.matches("\\d+(\\.\\d+)*") ? debian : kv.getOrDefault("VERSION_ID", "");
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("distribution", name);
        f.put("distribution_version", version);
        f.put("distribution_major_version", version.contains(".") ? version.substring(0, version.indexOf('.')) : version);
        f.put("distribution_release", kv.getOrDefault("VERSION_CODENAME", ""));
        f.put("os_family", FAMILIES.getOrDefault(id, name));
        return f;
    }
}
