package io.runbook.engine.facts;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.time.temporal.WeekFields;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The facts of the machine the engine runs on, for hosts with {@code ansible_connection: local}: the subset of
 * Ansible's setup facts that Java can read cheaply (names as in {@code ansible_facts}, without the prefix). What
 * does not change during a run is read once.
 */
public final class LocalFacts {
    private static volatile Map<String, Object> stable;

    private LocalFacts() {
    }

    /**
     * The facts of the subsets asked for ({@code min}, {@code hardware}, {@code network}, {@code virtual}, {@code loadavg};
     * others give nothing), in a run with this environment ({@code env}, {@code user_shell}).
     */
    public static Map<String, Object> gather(Set<String> subsets, io.runbook.engine.env.RunEnvironment environment) {
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, Object> stable = stable();
        if (!stable.containsKey("fqdn")) {
            String node = environment.getOrDefault("HOSTNAME", "localhost");
            out.putAll(HostNames.names(node, node));
        }
        stable.forEach((name, value) -> {
            out.put(name, value);
            if (name.equals("user_dir") && !stable.containsKey("user_shell")) {
                // the account database names no shell: the run's SHELL, as Ansible's user collector
                out.put("user_shell", environment.getOrDefault("SHELL", "/bin/sh"));
            }
        });
        String debianChroot = environment.get("debian_chroot");
        if (debianChroot != null && !debianChroot.isEmpty() && out.containsKey("is_chroot")) {
            out.put("is_chroot", true);
        }
        out.put("date_time", dateTime());
        out.put("env", new LinkedHashMap<>(environment.asMap()));
        // the shell scripts of the network and the other collectors run beside each other and the hardware one
        var network = subsets.contains("network")
                ? java.util.concurrent.CompletableFuture.supplyAsync(NetworkFacts::local) : null;
        var system = subsets.stream().anyMatch(SystemFacts.COLLECTORS::contains)
                ? java.util.concurrent.CompletableFuture.supplyAsync(SystemFacts::local) : null;
        if (subsets.contains("hardware")) {
            out.putAll(hardware());
        }
        if (network != null) {
            out.putAll(network.join());
        }
        if (system != null) {
            out.putAll(system.join());
        }
        if (subsets.contains("virtual")) {
            out.putAll(VirtualFacts.gather());
        }
        if (subsets.contains("loadavg")) {
            out.putAll(loadavg());
        }
        return out;
    }

    /** Ansible's {@code ansible_date_time}, in UTC when the machine's zone is UTC, else local time. */
    public static Map<String, Object> dateTime() {
        ZonedDateTime now = ZonedDateTime.now();
        String zone = now.getZone().getDisplayName(TextStyle.SHORT, Locale.ROOT);
        return dateTime(now, zone.equals("Z") ? "UTC" : zone);
    }

    /** {@code ansible_date_time} of a moment in a machine's zone, {@code zoneName} as its {@code date +%Z} says. */
    public static Map<String, Object> dateTime(ZonedDateTime now, String zoneName) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("date", now.toLocalDate().toString());
        t.put("day", two(now.getDayOfMonth()));
        t.put("epoch", String.valueOf(now.toEpochSecond()));
        t.put("epoch_int", String.valueOf(now.toEpochSecond()));
        t.put("hour", two(now.getHour()));
        ZonedDateTime utc = now.withZoneSameInstant(java.time.ZoneOffset.UTC);
        t.put("iso8601", utc.format(Formats.ISO8601));
        t.put("iso8601_basic", now.format(Formats.ISO8601_BASIC));
        t.put("iso8601_basic_short", now.format(Formats.ISO8601_BASIC_SHORT));
        t.put("iso8601_micro", utc.format(Formats.ISO8601_MICRO));
        t.put("minute", two(now.getMinute()));
        t.put("month", two(now.getMonthValue()));
        t.put("second", two(now.getSecond()));
        t.put("time", now.format(Formats.TIME));
        t.put("tz", zoneName);
        t.put("tz_dst", zoneName);
        t.put("tz_offset", now.format(Formats.TZ_OFFSET));
        t.put("weekday", now.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH));
        t.put("weekday_number", String.valueOf(now.getDayOfWeek().getValue() % 7));
        t.put("weeknumber", two(now.get(WeekFields.of(java.time.DayOfWeek.MONDAY, 7).weekOfYear())));
        t.put("year", String.valueOf(now.getYear()));
        return t;
    }

    /** The formats of {@code ansible_date_time}, made once (when first used) instead of for every host and task. */
    private static final class Formats {
        static final DateTimeFormatter ISO8601 = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'");
        static final DateTimeFormatter ISO8601_BASIC = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSSSSS");
        static final DateTimeFormatter ISO8601_BASIC_SHORT = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss");
        static final DateTimeFormatter ISO8601_MICRO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'");
        static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");
        static final DateTimeFormatter TZ_OFFSET = DateTimeFormatter.ofPattern("xx");
    }

    private static String two(int n) {
        return n < 10 ? "0" + n : String.valueOf(n);
    }

    private static Map<String, Object> stable() {
        Map<String, Object> s = stable;
        if (s == null) {
            s = Collections.unmodifiableMap(readStable());
            stable = s;
        }
        return s;
    }

    private static Map<String, Object> readStable() {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("system", capitalize(System.getProperty("os.name")));
        f.put("kernel", System.getProperty("os.version"));
        String arch = System.getProperty("os.arch");
        f.put("architecture", arch.equals("amd64") ? "x86_64" : arch);
        f.put("machine", arch.equals("amd64") ? "x86_64" : arch);
        String bits = System.getProperty("sun.arch.data.model", "64");
        f.put("userspace_bits", bits);
        if (arch.equals("amd64") || arch.equals("x86_64") || arch.matches("i.86")) {
            f.put("userspace_architecture", bits.equals("64") ? "x86_64" : "i386");
        }
        String kernelVersion = VirtualFacts.content("/proc/sys/kernel/version");
        if (kernelVersion != null) {
            f.put("kernel_version", kernelVersion);  // uname -v
        }
        String machineId = VirtualFacts.content("/var/lib/dbus/machine-id");
        machineId = machineId != null ? machineId : VirtualFacts.content("/etc/machine-id");
        if (machineId != null) {
            f.put("machine_id", machineId.lines().findFirst().orElse(machineId));
        }
        f.putAll(OsRelease.read());
        f.putAll(LocalUser.facts());
        f.putAll(KernelCmdline.facts(VirtualFacts.content("/proc/cmdline")));
        f.put("is_chroot", isChroot());
        f.put("pkg_mgr", pkgMgr());
        Map<String, Object> names = HostNames.local(String.valueOf(f.get("system")),
                String.valueOf(f.getOrDefault("distribution", "")));
        String node = names.containsKey("fqdn") ? null : hostName();
        if (node != null) {  // no /bin/sh
            names.putAll(HostNames.names(node, node));
        }
        f.putAll(names);
        f.put("local", Map.of());
        return f;
    }

    /** The machine's name as Java finds it, or null (the run's {@code HOSTNAME} is then used, else localhost). */
    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return null;
        }
    }

    private static String pkgMgr() {
        for (String[] candidate : new String[][] {{"/usr/bin/apt-get", "apt"}, {"/usr/bin/dnf", "dnf"},
                {"/usr/bin/yum", "yum"}, {"/sbin/apk", "apk"}, {"/usr/bin/zypper", "zypper"}, {"/usr/bin/pacman", "pacman"}}) {
            if (Files.isExecutable(Path.of(candidate[0]))) {
                return candidate[1];
            }
        }
        return "unknown";
    }

    private static String capitalize(String s) {
        return s == null || s.isEmpty() ? "" : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static Map<String, Object> hardware() {
        Map<String, Object> f = new LinkedHashMap<>();
        if (!Files.isDirectory(Path.of("/proc/self"))) {  // not Linux: what Java knows
            int cpus = Runtime.getRuntime().availableProcessors();
            f.put("processor_vcpus", cpus);
            f.put("processor_count", 1);
            f.put("processor_cores", cpus);
        } else {  // Linux: its hardware collector's facts
            var script = java.util.concurrent.CompletableFuture.supplyAsync(LinuxHardware::local);  // while /sys is walked
            Map<String, Object> devices = BlockDevices.facts();
            f.putAll(script.join());
            f.putAll(devices);
        }
        return f;
    }

    /** Ansible's loadavg collector: the 1, 5 and 15 minute load averages (os.getloadavg), from /proc/loadavg. */
    private static Map<String, Object> loadavg() {
        return loadavg(VirtualFacts.content("/proc/loadavg"));
    }

    /** The loadavg fact from /proc/loadavg's text (null when missing): none when it has no three figures. */
    public static Map<String, Object> loadavg(String text) {
        String[] w = text == null ? new String[0] : text.split("\\s+");
        if (w.length < 3) {
            return Map.of();
        }
        try {
            Map<String, Object> avg = new LinkedHashMap<>();
            avg.put("1m", Double.parseDouble(w[0]));
            avg.put("5m", Double.parseDouble(w[1]));
            avg.put("15m", Double.parseDouble(w[2]));
            return Map.of("loadavg", avg);
        } catch (NumberFormatException e) {
            return Map.of();
        }
    }

    /**
     * Ansible's chroot collector: debian_chroot set, or / another file system object than init's root; when that
     * cannot be read, / not the root inode of its file system type (2; btrfs 256, xfs 128). The run's
     * {@code debian_chroot} is looked at when the facts are gathered ({@link #gather}).
     */
    private static boolean isChroot() {
        Path root = Path.of("/");
        try {
            Path init = Path.of("/proc/1/root/.");
            return !Files.getAttribute(root, "unix:ino").equals(Files.getAttribute(init, "unix:ino"))
                    || !Files.getAttribute(root, "unix:dev").equals(Files.getAttribute(init, "unix:dev"));
        } catch (IOException | RuntimeException e) {
            try {
                String type = Files.getFileStore(root).type();
                long rootInode = type.contains("btrfs") ? 256 : type.contains("xfs") ? 128 : 2;
                return ((Number) Files.getAttribute(root, "unix:ino")).longValue() != rootInode;
            } catch (IOException | RuntimeException again) {
                return false;
            }
        }
    }
}
