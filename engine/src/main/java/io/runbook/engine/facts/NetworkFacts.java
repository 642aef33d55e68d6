package io.runbook.engine.facts;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ansible-core 2.14's Linux network collector: each interface of /sys/class/net with its sysfs facts (macaddress,
 * mtu, active, type, module, pciid, speed, promisc, bridge and bonding facts), its addresses as {@code ip addr show
 * primary|secondary dev} lists them (ipv4, ipv4_secondaries, ipv6 with scope; an address label its own interface),
 * ethtool's features and timestamping when ethtool is there; {@code default_ipv4}/{@code default_ipv6} from
 * {@code ip route get}; {@code all_ipv4_addresses}/{@code all_ipv6_addresses}. Nothing without {@code ip}. Read by
 * one shell script ({@link #SCRIPT}, section {@code @@network}) on the controller or over a host's connection.
 */
public final class NetworkFacts {
    private static final String V4_PROBE = "8.8.8.8";
    private static final String V6_PROBE = "2404:6800:400a:800::1012";
    private static final Map<String, String> TYPES = Map.of("1", "ether", "32", "infiniband", "512", "ppp",
            "772", "loopback", "65534", "tunnel");
    private static final String FILES = "address mtu operstate type flags speed bonding/slaves bonding/mode bonding/miimon"
            + " bonding/lacp_rate bonding/primary bonding/all_slaves_active bonding_slave/perm_hwaddr bridge/bridge_id"
            + " bridge/stp_state";
    private static final Pattern TIMESTAMPING = Pattern.compile("SOF_TIMESTAMPING_(\\w+)");
    private static final Pattern FILTERS = Pattern.compile("HWTSTAMP_FILTER_(\\w+)");
    private static final Pattern HEADER = Pattern.compile("^\\d+: ([^:@ ]+)[@:]");
    private static final Pattern PHC = Pattern.compile("PTP Hardware Clock: (\\d+)");

    /**
     * Section {@code @@network}: {@code @route4}, {@code @route6}, {@code ip addr}'s {@code @primary} and
     * {@code @secondary} addresses of all interfaces, then per interface {@code @nic NAME} and its sysfs facts (read
     * by the shell's own read, the few forks the script makes for every interface the ethtool ones).
     */
    public static final String SCRIPT = String.join("\n",
            "echo @@network; (PATH=\"$PATH:/sbin:/usr/sbin:/usr/local/sbin\"",
            "command -v ip >/dev/null 2>&1 || exit 0; e=$(command -v ethtool 2>/dev/null)",
            "echo @route4; ip -4 route get " + V4_PROBE + " 2>/dev/null",
            "echo @route6; ip -6 route get " + V6_PROBE + " 2>/dev/null",
            "if o=$(ip addr show primary 2>/dev/null); then echo @primary; printf '%s\\n' \"$o\"",
            "elif o=$(ip addr show 2>/dev/null); then echo @primary; printf '%s\\n' \"$o\"; fi",
            "o=$(ip addr show secondary 2>/dev/null) && { echo @secondary; printf '%s\\n' \"$o\"; }",
            "for p in /sys/class/net/*; do [ -d \"$p\" ] || continue; d=${p##*/}; echo \"@nic $d\"",
            "  for f in " + FILES + "; do [ -e \"$p/$f\" ] || continue",
            "    v=; [ -r \"$p/$f\" ] && read -r v 2>/dev/null < \"$p/$f\"; echo \"@file $f $v\"; done",
            "  [ -e \"$p/device/driver/module\" ] && m=$(readlink -f \"$p/device/driver/module\") && echo \"@module ${m##*/}\"",
            "  [ -e \"$p/device\" ] && m=$(readlink \"$p/device\") && echo \"@pciid ${m##*/}\"",
            "  [ -e \"$p/bridge\" ] && { echo @bridge; for b in \"$p\"/brif/*; do [ -e \"$b\" ] && echo \"@brif ${b##*/}\"; done; }",
            "  [ -e \"$p/bonding\" ] && echo @bonding",
            "  if [ -n \"$e\" ]; then o=$(\"$e\" -k \"$d\" 2>/dev/null) && { echo @features; printf '%s\\n' \"$o\"; }",
            "    o=$(\"$e\" -T \"$d\" 2>/dev/null) && { echo @timestamping; printf '%s\\n' \"$o\"; }; fi",
            "done; echo @end)", "");

    private NetworkFacts() {
    }

    /** The controller's network facts, from {@link #SCRIPT} run by /bin/sh. */
    static Map<String, Object> local() {
        return facts(LinuxHardware.sections(LinuxHardware.output("/bin/sh", "-c", SCRIPT)).getOrDefault("network", ""));
    }

    /** The facts from the {@code @@network} section's text; none when it has no {@code ip} (Ansible's without ip). */
    public static Map<String, Object> facts(String section) {
        Parse p = new Parse();
        String part = "";
        Map<String, Object> nic = null;
        String device = null;
        List<String> block = new ArrayList<>();
        boolean any = false;
        for (String line : (section + "\n@end").split("\n", -1)) {
            if (line.startsWith("@")) {
                p.part(device, part, block);
                block.clear();
            }
            if (line.startsWith("@nic ") || line.equals("@end")) {
                p.finish(device);
                device = line.equals("@end") ? null : line.substring(5);
                nic = device == null ? null : p.open(device);
                part = "";
            } else if (line.startsWith("@file ") && nic != null) {
                String[] w = line.substring(6).split(" ", 2);
                p.file(device, w[0], w.length > 1 ? w[1].strip() : "");
            } else if (line.startsWith("@module ") && nic != null) {
                nic.put("module", line.substring(8));
            } else if (line.startsWith("@pciid ") && nic != null) {
                nic.put("pciid", line.substring(7));
            } else if (line.equals("@bridge") && nic != null) {
                nic.put("type", "bridge");
                nic.put("interfaces", new ArrayList<>());
            } else if (line.startsWith("@brif ") && nic != null) {
                list(nic, "interfaces").add(line.substring(6));
            } else if (line.equals("@bonding") && nic != null) {
                nic.put("type", "bonding");
            } else if (line.startsWith("@")) {
                any |= line.equals("@route4");
                part = line.substring(1).strip();
            } else {
                block.add(line);
            }
        }
        return any ? p.result() : Map.of();
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Map<String, Object> map, String key) {
        return (List<Object>) map.computeIfAbsent(key, k -> new ArrayList<>());
    }

    /** What the parse has gathered: the interfaces by name (address labels too), the defaults, all addresses. */
    private static final class Parse {
        final Map<String, Map<String, Object>> interfaces = new LinkedHashMap<>();
        final Map<String, Object> default4 = new LinkedHashMap<>();
        final Map<String, Object> default6 = new LinkedHashMap<>();
        final List<String> all4 = new ArrayList<>();
        final List<String> all6 = new ArrayList<>();
        final Map<String, String> files = new LinkedHashMap<>();
        final Map<String, List<String>> primary = new LinkedHashMap<>();
        final Map<String, List<String>> secondary = new LinkedHashMap<>();
        /** Ansible's macaddress variable: the last address file read, which the defaults take. */
        String macaddress = "";

        Map<String, Object> open(String device) {
            Map<String, Object> nic = new LinkedHashMap<>();
            nic.put("device", device);
            interfaces.put(device, nic);
            files.clear();
            return nic;
        }

        void file(String device, String name, String value) {
            Map<String, Object> nic = interfaces.get(device);
            files.put(name, value);
            switch (name) {
                case "address" -> {
                    macaddress = value;
                    if (!value.isEmpty() && !value.equals("00:00:00:00:00:00")) {
                        nic.put("macaddress", value);
                    }
                }
                case "mtu" -> putInt(nic, "mtu", value);
                case "operstate" -> nic.put("active", !value.equals("down"));
                case "type" -> nic.put("type", TYPES.getOrDefault(value, "unknown"));
                case "speed" -> putInt(nic, "speed", value);
                case "flags" -> {
                    try {
                        nic.put("promisc", (Integer.decode(value) & 0x0100) > 0);
                    } catch (NumberFormatException e) {
                        // unreadable flags: no promisc fact
                    }
                }
                case "bonding_slave/perm_hwaddr" -> nic.put("perm_macaddress", value);
                case "bridge/bridge_id" -> nic.put("id", value);
                case "bridge/stp_state" -> nic.put("stp", value.equals("1"));
                default -> { }
            }
        }

        /** {@code ip addr}'s lines by interface: each after its header ({@code 2: eth0@if5: <...>}). */
        private static void byDevice(List<String> lines, Map<String, List<String>> into) {
            List<String> current = new ArrayList<>();
            for (String line : lines) {
                Matcher header = HEADER.matcher(line);
                if (header.find()) {
                    current = into.computeIfAbsent(header.group(1), k -> new ArrayList<>());
                } else {
                    current.add(line);
                }
            }
        }

        /** An interface once its files are read: its bonding facts, then its addresses (as Ansible, in that order). */
        void finish(String device) {
            Map<String, Object> nic = interfaces.get(device);
            if (nic == null) {
                return;
            }
            if ("bonding".equals(nic.get("type"))) {
                bonding(nic);
            }
            primary.getOrDefault(device, List.of()).forEach(l -> address(device, l, false));
            secondary.getOrDefault(device, List.of()).forEach(l -> address(device, l, true));
        }

        private void bonding(Map<String, Object> nic) {
            nic.put("slaves", List.of(files.getOrDefault("bonding/slaves", "").split("\\s+")).stream()
                    .filter(s -> !s.isEmpty()).toList());
            for (String key : List.of("mode", "miimon", "lacp_rate")) {
                nic.put(key, files.getOrDefault("bonding/" + key, "").split("\\s+")[0]);
            }
            String primary = files.getOrDefault("bonding/primary", "");
            if (!primary.isEmpty()) {
                nic.put("primary", primary);
                if (files.containsKey("bonding/all_slaves_active")) {
                    nic.put("all_slaves_active", files.get("bonding/all_slaves_active").equals("1"));
                }
            }
        }

        void part(String device, String part, List<String> lines) {
            switch (part) {
                case "route4" -> route(lines, V4_PROBE, default4);
                case "route6" -> route(lines, V6_PROBE, default6);
                case "primary" -> byDevice(lines, primary);
                case "secondary" -> byDevice(lines, secondary);
                case "features" -> features(device, lines);
                case "timestamping" -> timestamping(device, String.join("\n", lines));
                default -> { }
            }
        }

        private static void route(List<String> lines, String probe, Map<String, Object> into) {
            String[] w = lines.isEmpty() ? new String[0] : lines.get(0).trim().split("\\s+");
            if (w.length == 0 || !w[0].equals(probe)) {
                return;
            }
            for (int i = 0; i < w.length - 1; i++) {
                switch (w[i]) {
                    case "dev" -> into.put("interface", w[i + 1]);
                    case "src" -> into.put("address", w[i + 1]);
                    case "via" -> {
                        if (!w[i + 1].equals(probe)) {
                            into.put("gateway", w[i + 1]);
                        }
                    }
                    default -> { }
                }
            }
        }

        private void address(String device, String line, boolean secondary) {
            String[] w = line.trim().split("\\s+");
            if (w.length < 2 || device == null) {
                return;
            }
            Map<String, Object> nic = interfaces.get(device);
            if (w[0].equals("inet")) {
                Ipv4 a = Ipv4.of(w);
                String iface = w[w.length - 1];
                if (!iface.equals(device)) {
                    interfaces.put(iface, new LinkedHashMap<>());
                }
                Map<String, Object> target = interfaces.get(iface);
                if (!secondary && !target.containsKey("ipv4")) {
                    target.put("ipv4", a.fact());
                } else {
                    list(target, "ipv4_secondaries").add(a.fact());
                }
                if (secondary) {
                    List<Object> secondaries = list(nic, "ipv4_secondaries");
                    if (!iface.equals(device)) {
                        secondaries.add(a.fact());
                    }
                }
                if (a.address().equals(default4.get("address"))) {
                    default4.putAll(a.fact());
                    putDefault(default4, nic);
                    default4.put("alias", iface);
                }
                if (!a.address().startsWith("127.")) {
                    all4.add(a.address());
                }
            } else if (w[0].equals("inet6") && w.length > 3) {
                boolean peer = w[2].equals("peer") && w.length > 5;
                String address = peer ? w[1] : w[1].split("/")[0];
                String prefix = peer ? w[3].substring(w[3].indexOf('/') + 1) : w[1].substring(w[1].indexOf('/') + 1);
                String scope = peer ? w[5] : w[3];
                Map<String, Object> a = new LinkedHashMap<>();
                a.put("address", address);
                a.put("prefix", prefix);
                a.put("scope", scope);
                list(nic, "ipv6").add(a);
                if (address.equals(default6.get("address"))) {
                    default6.put("prefix", prefix);
                    default6.put("scope", scope);
                    putDefault(default6, nic);
                }
                if (!address.equals("::1")) {
                    all6.add(address);
                }
            }
        }

        private void putDefault(Map<String, Object> into, Map<String, Object> nic) {
            into.put("macaddress", macaddress);
            into.put("mtu", nic.get("mtu"));
            into.put("type", nic.getOrDefault("type", "unknown"));
        }

        private void features(String device, List<String> lines) {
            Map<String, Object> features = new LinkedHashMap<>();
            for (String line : lines) {
                int colon = line.indexOf(": ");
                if (line.isBlank() || line.strip().endsWith(":") || colon < 0 || line.substring(colon + 2).isEmpty()) {
                    continue;
                }
                features.put(line.substring(0, colon).strip().replace('-', '_'), line.substring(colon + 2).strip());
            }
            interfaces.get(device).put("features", features);
        }

        private void timestamping(String device, String text) {
            Map<String, Object> nic = interfaces.get(device);
            nic.put("timestamping", all(TIMESTAMPING.matcher(text)));
            nic.put("hw_timestamp_filters", all(FILTERS.matcher(text)));
            Matcher phc = PHC.matcher(text);
            if (phc.find()) {
                nic.put("phc_index", Integer.parseInt(phc.group(1)));
            }
        }

        private static List<String> all(Matcher m) {
            List<String> out = new ArrayList<>();
            while (m.find()) {
                out.add(m.group(1).toLowerCase(java.util.Locale.ROOT));
            }
            return out;
        }

        Map<String, Object> result() {
            Map<String, Object> out = new LinkedHashMap<>();
            List<String> names = new ArrayList<>();
            interfaces.forEach((name, nic) -> {
                names.add(name.replace(':', '_'));
                out.put(name.replace(':', '_'), nic);
            });
            out.put("interfaces", names);
            out.put("default_ipv4", default4);
            out.put("default_ipv6", default6);
            out.put("all_ipv4_addresses", all4);
            out.put("all_ipv6_addresses", all6);
            return out;
        }

        private static void putInt(Map<String, Object> nic, String key, String value) {
            try {
                nic.put(key, Integer.parseInt(value.strip()));
            } catch (NumberFormatException e) {
                // unreadable (a link's speed while down): no fact
            }
        }
    }

    /** An IPv4 address of {@code ip addr}'s {@code inet} line with its netmask, network and broadcast. */
    private record Ipv4(String address, String broadcast, String netmask, String network, String prefix) {
        static Ipv4 of(String[] w) {
            String address = w[1];
            String prefix = "32";
            String broadcast = "";
            if (w[1].contains("/")) {
                address = w[1].substring(0, w[1].indexOf('/'));
                prefix = w[1].substring(w[1].indexOf('/') + 1);
                if (w.length > 3 && w[2].equals("brd")) {
                    broadcast = w[3];
                }
            }
            long bits = Integer.parseInt(prefix);
            long mask = (0xFFFFFFFFL << (32 - bits)) & 0xFFFFFFFFL;
            return new Ipv4(address, broadcast, dotted(mask), dotted(number(address) & mask), prefix);
        }

        Map<String, Object> fact() {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("address", address);
            f.put("broadcast", broadcast);
            f.put("netmask", netmask);
            f.put("network", network);
            f.put("prefix", prefix);
            return f;
        }

        private static long number(String dotted) {
            long n = 0;
            for (String part : dotted.split("\\.")) {
                n = (n << 8) | Long.parseLong(part);
            }
            return n;
        }

        private static String dotted(long n) {
            return ((n >> 24) & 255) + "." + ((n >> 16) & 255) + "." + ((n >> 8) & 255) + "." + (n & 255);
        }
    }
}
