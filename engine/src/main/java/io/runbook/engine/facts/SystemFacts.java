package io.runbook.engine.facts;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The facts of ansible-core 2.14's small Linux collectors read from files and commands, by one shell script
 * ({@link #SCRIPT}) on the controller or over a host's connection: dns (/etc/resolv.conf), apparmor, selinux (as
 * Ansible's ctypes binding of libselinux.so.1 sees it), caps ({@code capsh --print}, {@code N/A} without capsh),
 * fips, ssh_pub_keys, lsb ({@code lsb_release -a}, else /etc/lsb-release), fibre_channel_wwn, iscsi, nvme; the
 * distribution files' facts are {@link DistributionFiles}'.
 */
public final class SystemFacts {
    /** The collectors whose facts these are ({@link DistributionFiles}' with distribution). */
    public static final java.util.Set<String> COLLECTORS = java.util.Set.of("dns", "apparmor", "selinux", "caps", "fips",
            "ssh_pub_keys", "lsb", "distribution", "fibre_channel_wwn", "iscsi", "nvme");
    private static final List<String> KEY_DIRS = List.of("/etc/ssh", "/etc/openssh", "/etc");
    private static final List<String> ALGORITHMS = List.of("dsa", "rsa", "ecdsa", "ed25519");
    private static final String LIB_DIRS = "/lib /lib64 /usr/lib /usr/lib64 /lib/*-linux-gnu /usr/lib/*-linux-gnu";

    /** Sections {@code @@dns} … {@code @@nvme}; a missing file's section is empty. */
    public static final String SCRIPT = String.join("\n",
            "echo @@dns; cat /etc/resolv.conf 2>/dev/null",
            "echo @@apparmor; [ -e /sys/kernel/security/apparmor ] && echo enabled",
            "echo @@selinux; for d in " + LIB_DIRS + "; do [ -e \"$d/libselinux.so.1\" ] && echo library && break; done",
            "s=/sys/fs/selinux; [ -e $s/enforce ] || s=/selinux; if [ -e $s/enforce ]; then",
            "  echo \"enforce $(cat $s/enforce 2>/dev/null)\"; echo \"policyvers $(cat $s/policyvers 2>/dev/null)\"",
            "  grep -E '^[[:space:]]*SELINUX(TYPE)?=' /etc/selinux/config 2>/dev/null; fi",
            "echo @@caps; c=$(PATH=\"$PATH:/sbin:/usr/sbin:/usr/local/sbin\" command -v capsh 2>/dev/null)"
                    + " && { o=$(\"$c\" --print 2>/dev/null) && printf 'ok\\n%s\\n' \"$o\"; }",
            "echo @@fips; cat /proc/sys/crypto/fips_enabled 2>/dev/null",
            "echo @@ssh_pub_keys; for d in " + String.join(" ", KEY_DIRS) + "; do for a in " + String.join(" ", ALGORITHMS)
                    + "; do f=$d/ssh_host_${a}_key.pub; [ -r $f ] && echo \"$d $a $(head -n 1 $f)\"; done; done",
            "echo @@lsb; l=$(PATH=\"$PATH:/sbin:/usr/sbin:/usr/local/sbin\" command -v lsb_release 2>/dev/null)"
                    + " && { o=$(\"$l\" -a 2>/dev/null) && printf '%s\\n' \"$o\"; }",
            "echo @@lsb_release; cat /etc/lsb-release 2>/dev/null",
            "echo @@fc_wwn; cat /sys/class/fc_host/*/port_name 2>/dev/null",
            "echo @@iscsi; cat /etc/iscsi/initiatorname.iscsi 2>/dev/null",
            "echo @@nvme; cat /etc/nvme/hostnqn 2>/dev/null", "");

    private SystemFacts() {
    }

    /** The controller's facts of these collectors, from {@link #SCRIPT} and {@link DistributionFiles#SCRIPT} run by /bin/sh. */
    static Map<String, Object> local() {
        String out = LinuxHardware.output("/bin/sh", "-c", SCRIPT + DistributionFiles.SCRIPT);
        Map<String, String> sections = LinuxHardware.sections(out);
        Map<String, Object> facts = facts(sections);
        facts.putAll(DistributionFiles.facts(sections));
        return facts;
    }

    /** The facts from the script's sections. */
    public static Map<String, Object> facts(Map<String, String> sections) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("dns", dns(sections.getOrDefault("dns", "")));
        f.put("apparmor", Map.of("status", sections.getOrDefault("apparmor", "").isBlank() ? "disabled" : "enabled"));
        f.putAll(selinux(sections.getOrDefault("selinux", "")));
        f.putAll(caps(sections.getOrDefault("caps", "")));
        f.put("fips", sections.getOrDefault("fips", "").strip().equals("1"));
        f.putAll(sshKeys(sections.getOrDefault("ssh_pub_keys", "")));
        f.put("lsb", lsb(sections.getOrDefault("lsb", ""), sections.getOrDefault("lsb_release", "")));
        f.put("fibre_channel_wwn", sections.getOrDefault("fc_wwn", "").lines().filter(l -> !l.isEmpty())
                .map(l -> l.stripTrailing().length() > 2 ? l.stripTrailing().substring(2) : "").toList());
        f.put("iscsi_iqn", firstLine(sections.getOrDefault("iscsi", ""), "InitiatorName=", true));
        f.put("hostnqn", firstLine(sections.getOrDefault("nvme", ""), "nqn.", false));
        return f;
    }

    private static String firstLine(String text, String start, boolean afterEquals) {
        for (String line : text.strip().split("\n")) {
            if (!line.startsWith("#") && !line.startsWith(";") && !line.isBlank() && line.startsWith(start)) {
                return afterEquals ? line.substring(line.indexOf('=') + 1) : line;
            }
        }
        return "";
    }

    /** Ansible's dns collector: nameservers, domain, search, sortlist and options of resolv.conf. */
    static Map<String, Object> dns(String resolvConf) {
        Map<String, Object> dns = new LinkedHashMap<>();
        for (String line : resolvConf.split("\n")) {
            String[] t = line.strip().split("\\s+");
            if (line.startsWith("#") || line.startsWith(";") || line.isBlank()) {
                continue;
            }
            List<String> rest = List.of(t).subList(1, t.length);
            switch (t[0]) {
                case "nameserver" -> {
                    @SuppressWarnings("unchecked")
                    List<String> servers = (List<String>) dns.computeIfAbsent("nameservers", k -> new ArrayList<String>());
                    servers.addAll(rest);
                }
                case "domain" -> {
                    if (!rest.isEmpty()) {
                        dns.put("domain", rest.get(0));
                    }
                }
                case "search", "sortlist" -> dns.put(t[0], new ArrayList<>(rest));
                case "options" -> {
                    Map<String, Object> options = new LinkedHashMap<>();
                    for (String option : rest) {
                        String[] kv = option.split(":", 2);
                        options.put(kv[0], kv.length == 2 && !kv[1].isEmpty() ? kv[1] : Boolean.TRUE);
                    }
                    dns.put("options", options);
                }
                default -> { }
            }
        }
        return dns;
    }

    /** Ansible's selinux collector: the library's absence, else the status and, enabled, the modes and policy. */
    private static Map<String, Object> selinux(String text) {
        Map<String, Object> f = new LinkedHashMap<>();
        Map<String, Object> s = new LinkedHashMap<>();
        if (!text.startsWith("library")) {
            s.put("status", "Missing selinux Python library");
            f.put("selinux", s);
            f.put("selinux_python_present", false);
            return f;
        }
        f.put("selinux_python_present", true);
        Map<String, String> kv = new LinkedHashMap<>();
        text.lines().skip(1).forEach(l -> {
            String[] w = l.strip().split("[ =]", 2);
            kv.put(w[0], w.length > 1 ? w[1].strip().replaceAll("^[\"']|[\"']$", "") : "");
        });
        if (!kv.containsKey("enforce")) {
            s.put("status", "disabled");
        } else {
            s.put("status", "enabled");
            String policy = kv.getOrDefault("policyvers", "");
            s.put("policyvers", policy.matches("\\d+") ? (Object) Integer.valueOf(policy) : "unknown");
            String config = kv.getOrDefault("SELINUX", "");
            s.put("config_mode", List.of("enforcing", "permissive", "disabled").contains(config) ? config : "unknown");
            String enforce = kv.get("enforce");
            s.put("mode", enforce.equals("1") ? "enforcing" : enforce.equals("0") ? "permissive" : "unknown");
            s.put("type", kv.getOrDefault("SELINUXTYPE", "").isEmpty() ? "unknown" : kv.get("SELINUXTYPE"));
        }
        f.put("selinux", s);
        return f;
    }

    /** Ansible's caps collector: capsh's Current line; N/A without capsh or when it fails. */
    private static Map<String, Object> caps(String text) {
        Map<String, Object> f = new LinkedHashMap<>();
        if (!text.startsWith("ok\n")) {
            f.put("system_capabilities_enforced", "N/A");
            f.put("system_capabilities", "N/A");
            return f;
        }
        String enforced = "NA";
        List<String> capabilities = new ArrayList<>();
        for (String line : text.substring(3).split("\n")) {
            if (line.startsWith("Current:")) {
                if (line.split(":")[1].strip().equals("=ep")) {
                    enforced = "False";
                } else {
                    enforced = "True";
                    String[] parts = line.split("=", -1);
                    capabilities = parts.length > 1 ? List.of(parts[1].split(",", -1)).stream().map(String::strip).toList()
                            : List.of();
                }
            }
        }
        f.put("system_capabilities_enforced", enforced);
        f.put("system_capabilities", capabilities);
        return f;
    }

    /** Ansible's ssh_pub_keys collector: the first directory's keys, each algorithm's key and key type. */
    private static Map<String, Object> sshKeys(String text) {
        Map<String, String[]> read = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            String[] w = line.strip().split("\\s+");
            if (w.length >= 4) {
                read.put(w[0] + " " + w[1], new String[] {w[2], w[3]});
            }
        }
        Map<String, Object> f = new LinkedHashMap<>();
        for (String dir : KEY_DIRS) {
            for (String algorithm : ALGORITHMS) {
                String name = "ssh_host_key_" + algorithm + "_public";
                if (f.containsKey(name)) {
                    return f;
                }
                String[] key = read.get(dir + " " + algorithm);
                if (key != null) {
                    f.put(name, key[1]);
                    f.put(name + "_keytype", key[0]);
                }
            }
        }
        return f;
    }

    /** Ansible's lsb collector: lsb_release -a's fields, else /etc/lsb-release's; the major release; quotes stripped. */
    private static Map<String, Object> lsb(String command, String file) {
        Map<String, String> lsb = new LinkedHashMap<>();
        for (String line : command.split("\n")) {
            if (!line.contains(":")) {
                continue;
            }
            String value = line.substring(line.indexOf(':') + 1).strip();
            String key = line.contains("LSB Version:") || line.contains("Release:") ? "release"
                    : line.contains("Distributor ID:") ? "id" : line.contains("Description:") ? "description"
                    : line.contains("Codename:") ? "codename" : null;
            if (key != null) {
                lsb.put(key, value);
            }
        }
        if (lsb.isEmpty()) {
            for (String line : file.split("\n")) {
                if (!line.contains("=")) {
                    continue;
                }
                String value = line.substring(line.indexOf('=') + 1).strip();
                String key = line.contains("DISTRIB_ID") ? "id" : line.contains("DISTRIB_RELEASE") ? "release"
                        : line.contains("DISTRIB_DESCRIPTION") ? "description" : line.contains("DISTRIB_CODENAME")
                        ? "codename" : null;
                if (key != null) {
                    lsb.put(key, value);
                }
            }
        }
        if (lsb.containsKey("release")) {
            lsb.put("major_release", lsb.get("release").split("\\.")[0]);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        lsb.forEach((k, v) -> out.put(k, v.isEmpty() ? v : v.replaceAll("^['\"\\\\]+|['\"\\\\]+$", "")));
        return out;
    }
}
