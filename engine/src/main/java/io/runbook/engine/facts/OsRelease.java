package io.runbook.engine.facts;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The distribution facts, from {@code /etc/os-release} as Ansible's distribution collector reads them. */
final class OsRelease {
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

    static Map<String, Object> read() {
        Map<String, String> kv = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(Path.of("/etc/os-release"))) {
                int eq = line.indexOf('=');
                if (eq > 0) {
                    kv.put(line.substring(0, eq), line.substring(eq + 1).replaceAll("^\"|\"$", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            // no os-release: the distribution facts stay generic
        }
        String id = kv.getOrDefault("ID", "").toLowerCase();
        String name = NAMES.getOrDefault(id, kv.getOrDefault("NAME", System.getProperty("os.name")));
        String version = debianVersion().orElse(kv.getOrDefault("VERSION_ID", ""));
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("distribution", name);
        f.put("distribution_version", version);
        f.put("distribution_major_version", version.contains(".") ? version.substring(0, version.indexOf('.')) : version);
        f.put("distribution_release", kv.getOrDefault("VERSION_CODENAME", ""));
        f.put("os_family", FAMILIES.getOrDefault(id, name));
        return f;
    }

    /** Debian's point release ("12.11") is in /etc/debian_version, not in os-release. */
    private static java.util.Optional<String> debianVersion() {
        try {
            String v = Files.readString(Path.of("/etc/debian_version")).strip();
            return v.matches("\\d+(\\.\\d+)*") ? java.util.Optional.of(v) : java.util.Optional.empty();
        } catch (IOException e) {
            return java.util.Optional.empty();
        }
    }
}
