package io.runbook.engine.facts;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The platform collector's names and the service_mgr collector's fact of ansible-core 2.14, read by one shell script
 * ({@link #SCRIPT}) on the controller or over a host's connection. The names: {@code nodename} is the uname
 * nodename (platform.node()), {@code hostname} its first label, {@code fqdn} Python's socket.getfqdn() (the first
 * name with a dot, else the first name, that gethostbyaddr gives for the first address getaddrinfo gives for the
 * nodename, by getent: ahosts, else hosts when getent has no ahosts; the nodename when either lookup fails;
 * {@code hostname -f} without getent), {@code domain} what follows the fqdn's first label. service_mgr:
 * init's name (/proc/1/comm, else {@code ps}, else where /sbin/init links), unless it is {@code init} or ends in
 * {@code sh}; else by the system (and on Linux the files systemd, upstart, openrc and sysvinit leave), else
 * {@code service}.
 */
public final class HostNames {
    private static final String SBIN_PATH = "PATH=\"$PATH:/sbin:/usr/sbin:/usr/local/sbin\"";

    /**
     * Sections {@code @@names} (lines {@code node NAME}, {@code byaddr ADDRESS NAME ALIAS…} or, without getent,
     * {@code hostname_f NAME}) and {@code @@service_mgr} (lines {@code comm}, {@code ps}, {@code init} with init's
     * name, command or link; the words {@code systemctl canary initctl etc_init openrc sbin_init_dir initd} for what
     * exists).
     */
    public static final String SCRIPT = String.join("\n",
            "echo @@names; n=$(uname -n); echo \"node $n\"",
            "if command -v getent >/dev/null 2>&1; then a=$(getent ahosts \"$n\" 2>/dev/null | { read -r a r; echo \"$a\"; })",
            "  [ -n \"$a\" ] || a=$(getent hosts \"$n\" 2>/dev/null | { read -r a r; echo \"$a\"; })",
            "  [ -n \"$a\" ] && echo \"byaddr $(getent hosts \"$a\" 2>/dev/null)\"",
            "else echo \"hostname_f $(hostname -f 2>/dev/null)\"; fi",
            "echo @@service_mgr; c=$(cat /proc/1/comm 2>/dev/null)",
            "if [ -n \"$c\" ]; then echo \"comm $c\"; else echo \"ps $(ps -p 1 -o comm 2>/dev/null | tail -n 1)\"; fi",
            "[ -L /sbin/init ] && echo \"init $(readlink /sbin/init)\"",
            SBIN_PATH + " command -v systemctl >/dev/null 2>&1 && echo systemctl",
            "for d in /run/systemd/system/ /dev/.run/systemd/ /dev/.systemd/; do [ -e $d ] && echo canary && break; done",
            SBIN_PATH + " command -v initctl >/dev/null 2>&1 && echo initctl",
            "[ -d /etc/init/ ] && echo etc_init; [ -e /sbin/openrc ] && echo openrc; [ -d /etc/init.d/ ] && echo initd",
            "");
    private static final Map<String, String> PROC_1_NAMES = Map.of("procd", "openwrt_init", "runit-init", "runit",
            "svscan", "svc", "openrc-init", "openrc");

    private HostNames() {
    }

    /** The controller's names and service_mgr, from {@link #SCRIPT} run by /bin/sh. */
    static Map<String, Object> local(String system, String distribution) {
        return facts(LinuxHardware.sections(LinuxHardware.output("/bin/sh", "-c", SCRIPT)), system, distribution);
    }

    /**
     * hostname, nodename, fqdn, domain and service_mgr from the script's sections, on a host whose system (uname -s)
     * and distribution are these; without the names (no {@code node} line) only service_mgr.
     */
    public static Map<String, Object> facts(Map<String, String> sections, String system, String distribution) {
        Map<String, Object> f = new LinkedHashMap<>();
        Map<String, String> names = keyed(sections.getOrDefault("names", ""));
        String node = names.get("node");
        if (node != null) {
            f.putAll(names(node, fqdn(node, names)));
        }
        f.put("service_mgr", serviceMgr(keyed(sections.getOrDefault("service_mgr", "")), system, distribution));
        return f;
    }

    /** hostname, nodename, fqdn and domain of a host of this nodename and fqdn. */
    public static Map<String, Object> names(String node, String fqdn) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("hostname", node.split("\\.", -1)[0]);
        f.put("nodename", node);
        f.put("fqdn", fqdn);
        f.put("domain", fqdn.contains(".") ? fqdn.substring(fqdn.indexOf('.') + 1) : "");
        return f;
    }

    /** socket.getfqdn(): of the names gethostbyaddr gave, the first with a dot, else the first; else the nodename. */
    private static String fqdn(String node, Map<String, String> names) {
        String[] byAddr = names.getOrDefault("byaddr", "").strip().split("\\s+");
        if (byAddr.length < 2) {
            String hostnameF = names.getOrDefault("hostname_f", "");
            return hostnameF.isEmpty() ? node : hostnameF;
        }
        List<String> all = List.of(byAddr).subList(1, byAddr.length);
        return all.stream().filter(name -> name.contains(".")).findFirst().orElse(all.get(0));
    }

    private static String serviceMgr(Map<String, String> found, String system, String distribution) {
        String proc1 = found.get("comm");
        String ps = found.get("ps");
        if (proc1 == null && ps != null && !ps.isBlank() && !ps.matches(" *[0-9]+ .*") && !ps.equals("COMMAND")) {
            proc1 = ps;
        }
        if (proc1 == null) {
            proc1 = found.get("init");
        }
        if (proc1 != null) {
            proc1 = proc1.substring(proc1.lastIndexOf('/') + 1).strip();
            if (!proc1.equals("init") && !proc1.endsWith("sh")) {
                return proc1.isEmpty() ? "service" : PROC_1_NAMES.getOrDefault(proc1, proc1);
            }
        }
        if (distribution.equals("MacOSX") || system.equals("Darwin")) {
            return "launchd";
        } else if (system.contains("BSD") || system.equals("Bitrig") || system.equals("DragonFly")) {
            return "bsdinit";
        } else if (system.equals("AIX")) {
            return "src";
        } else if (system.equals("SunOS")) {
            return "smf";
        } else if (distribution.equals("OpenWrt")) {
            return "openwrt_init";
        } else if (system.equals("Linux")) {
            return linux(found);
        }
        return "service";
    }

    private static String linux(Map<String, String> found) {
        boolean systemctl = found.containsKey("systemctl");
        if (systemctl && found.containsKey("canary")) {
            return "systemd";
        } else if (found.containsKey("initctl") && found.containsKey("etc_init")) {
            return "upstart";
        } else if (found.containsKey("openrc")) {
            return "openrc";
        } else if (systemctl && found.getOrDefault("init", "").replaceAll(".*/", "").equals("systemd")) {
            return "systemd";
        } else if (found.containsKey("initd")) {
            return "sysvinit";
        }
        return "service";
    }

    /** A section's lines as the first word to the rest (stripped of line breaks only; the first line of a word wins). */
    private static Map<String, String> keyed(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            if (!line.isEmpty()) {
                int space = line.indexOf(' ');
                out.putIfAbsent(space < 0 ? line : line.substring(0, space), space < 0 ? "" : line.substring(space + 1));
            }
        }
        return out;
    }
}
