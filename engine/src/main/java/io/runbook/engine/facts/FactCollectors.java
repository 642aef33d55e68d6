package io.runbook.engine.facts;

import io.runbook.engine.module.ModuleException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * ansible-core 2.14's fact collectors of a Linux host (in its default_collectors order), and how setup's
 * {@code gather_subset} selects them: each term a collector's name or one of its fact ids, {@code all}, {@code min}
 * (setup's minimal set, always asked first), {@code !x} leaving x out (a collector's name with its fact ids) unless
 * x is also asked for by name; then the collectors the chosen ones require, those first. Which facts each collector
 * gives ({@link #retain}) is what Ansible's give on Linux.
 */
public final class FactCollectors {
    /** A collector: its name, the fact ids it is also known by, the collectors it requires, the facts it gives. */
    private record Collector(String name, Set<String> factIds, Set<String> requires, Set<String> facts) {
    }

    private static final List<Collector> LINUX = List.of(
            new Collector("platform", Set.of("system", "kernel", "kernel_version", "machine", "python_version",
                    "architecture", "machine_id"), Set.of(), Set.of("architecture", "domain", "fqdn", "hostname", "kernel",
                    "kernel_version", "machine", "machine_id", "nodename", "python_version", "system",
                    "userspace_architecture", "userspace_bits")),
            new Collector("distribution", Set.of("distribution_version", "distribution_release",
                    "distribution_major_version", "os_family"), Set.of(), Set.of("distribution",
                    "distribution_file_parsed", "distribution_file_path", "distribution_file_variety",
                    "distribution_major_version", "distribution_minor_version", "distribution_release",
                    "distribution_version", "os_family")),
            simple("lsb", "lsb"),
            simple("selinux", "selinux", "selinux_python_present"),
            simple("apparmor", "apparmor"),
            new Collector("chroot", Set.of("is_chroot"), Set.of(), Set.of("is_chroot")),
            simple("fips", "fips"),
            simple("python", "python"),
            new Collector("caps", Set.of("system_capabilities", "system_capabilities_enforced"), Set.of(),
                    Set.of("system_capabilities", "system_capabilities_enforced")),
            new Collector("pkg_mgr", Set.of(), Set.of("distribution"), Set.of("pkg_mgr")),
            new Collector("service_mgr", Set.of(), Set.of("platform", "distribution"), Set.of("service_mgr")),
            simple("cmdline", "cmdline", "proc_cmdline"),
            simple("date_time", "date_time"),
            simple("env", "env"),
            simple("loadavg", "loadavg"),
            new Collector("ssh_pub_keys", Set.of("ssh_host_pub_keys", "ssh_host_key_dsa_public", "ssh_host_key_rsa_public",
                    "ssh_host_key_ecdsa_public", "ssh_host_key_ed25519_public"), Set.of(), sshKeys()),
            new Collector("user", Set.of("user_id", "user_uid", "user_gid", "user_gecos", "user_dir", "user_shell",
                    "real_user_id", "effective_user_id", "effective_group_ids"), Set.of(), Set.of("effective_group_id",
                    "effective_user_id", "real_group_id", "real_user_id", "user_dir", "user_gecos", "user_gid", "user_id",
                    "user_shell", "user_uid")),
            new Collector("virtual", Set.of("virtualization_type", "virtualization_role", "virtualization_tech_guest",
                    "virtualization_tech_host"), Set.of(), Set.of("virtualization_role", "virtualization_tech_guest",
                    "virtualization_tech_host", "virtualization_type")),
            new Collector("hardware", Set.of("processor", "processor_cores", "processor_count", "mounts", "devices"),
                    Set.of("platform"), Set.of("bios_date", "bios_vendor", "bios_version", "board_asset_tag", "board_name",
                    "board_serial", "board_vendor", "board_version", "chassis_asset_tag", "chassis_serial",
                    "chassis_vendor", "chassis_version", "device_links", "devices", "form_factor", "lvm", "memfree_mb",
                    "memory_mb", "memtotal_mb", "mounts", "processor", "processor_cores", "processor_count",
                    "processor_nproc", "processor_threads_per_core", "processor_vcpus", "product_name", "product_serial",
                    "product_uuid", "product_version", "swapfree_mb", "swaptotal_mb", "system_vendor", "uptime_seconds")),
            simple("dns", "dns"),
            simple("fibre_channel_wwn", "fibre_channel_wwn"),
            new Collector("network", Set.of("interfaces", "default_ipv4", "default_ipv6", "all_ipv4_addresses",
                    "all_ipv6_addresses"), Set.of("distribution", "platform"), Set.of("all_ipv4_addresses",
                    "all_ipv6_addresses", "default_ipv4", "default_ipv6", "interfaces")),
            simple("iscsi", "iscsi_iqn"),
            simple("nvme", "hostnqn"),
            simple("local", "local"),
            new Collector("facter", Set.of("facter"), Set.of(), Set.of()),
            simple("ohai"));

    /** setup's minimal_gather_subset: what min names, and what !min and !all leave. */
    private static final Set<String> MINIMAL = Set.of("apparmor", "caps", "cmdline", "date_time", "distribution", "dns",
            "env", "fips", "local", "lsb", "pkg_mgr", "platform", "python", "selinux", "service_mgr", "ssh_pub_keys",
            "user");
    private static final Map<String, Collector> BY_ID = byId();
    private static final Map<String, String> OWNER = owners();

    private FactCollectors() {
    }

    private static Collector simple(String name, String... facts) {
        return new Collector(name, Set.of(), Set.of(), Set.of(facts));
    }

    private static Set<String> sshKeys() {
        Set<String> out = new TreeSet<>();
        for (String type : List.of("dsa", "rsa", "ecdsa", "ed25519")) {
            out.add("ssh_host_key_" + type + "_public");
            out.add("ssh_host_key_" + type + "_public_keytype");
        }
        return out;
    }

    private static Map<String, Collector> byId() {
        Map<String, Collector> out = new LinkedHashMap<>();
        for (Collector c : LINUX) {
            out.put(c.name(), c);
            c.factIds().forEach(id -> out.putIfAbsent(id, c));
        }
        return out;
    }

    private static Map<String, String> owners() {
        Map<String, String> out = new LinkedHashMap<>();
        LINUX.forEach(c -> c.facts().forEach(f -> out.put(f, c.name())));
        return out;
    }

    /**
     * The collectors a gather_subset selects, those required first, in Ansible's order of collectors (as its
     * get_collector_names, _solve_deps and tsort); setup's error for a term it does not know (a left-out one is
     * ignored).
     */
    public static List<String> select(List<String> gatherSubset) throws ModuleException {
        Set<String> valid = BY_ID.keySet();
        Set<String> added = new LinkedHashSet<>();
        Set<String> excluded = new LinkedHashSet<>();
        Set<String> explicit = new LinkedHashSet<>();
        List<String> terms = new ArrayList<>(List.of("min"));
        terms.addAll(gatherSubset.isEmpty() ? List.of("all") : gatherSubset);
        for (String term : terms) {
            if (term.equals("min")) {
                added.addAll(MINIMAL);
            } else if (term.equals("all")) {
                added.addAll(valid);
            } else if (term.equals("!min")) {
                excluded.addAll(MINIMAL);
            } else if (term.equals("!all")) {
                valid.stream().filter(v -> !MINIMAL.contains(v)).forEach(excluded::add);
            } else if (term.startsWith("!")) {
                String name = term.substring(1);
                Collector c = LINUX.stream().filter(x -> x.name().equals(name)).findFirst().orElse(null);
                if (c != null) {
                    excluded.addAll(c.factIds());  // '!hardware' leaves out 'devices', 'mounts', ...
                }
                excluded.add(name);
            } else if (!valid.contains(term)) {
                throw new ModuleException("Bad subset '" + term + "' given to Ansible. gather_subset options allowed: all, "
                        + String.join(", ", new TreeSet<>(valid)));
            } else {
                explicit.add(term);
                added.add(term);
            }
        }
        excluded.removeAll(explicit);
        added.removeAll(excluded);
        Set<String> chosen = new LinkedHashSet<>();
        for (String id : added) {
            require(BY_ID.get(id), chosen);
        }
        return LINUX.stream().map(Collector::name).filter(chosen::contains).toList();
    }

    private static void require(Collector c, Set<String> chosen) {
        if (chosen.add(c.name())) {
            c.requires().forEach(r -> require(BY_ID.get(r), chosen));
        }
    }

    /**
     * The facts given by the chosen collectors: a fact Ansible's Linux collectors give is left out unless its collector
     * is chosen (facts no collector gives, such as a network interface's, a cluster's, are kept).
     */
    public static Map<String, Object> retain(Map<String, Object> facts, List<String> collectors) {
        Map<String, Object> out = new LinkedHashMap<>(facts);
        out.keySet().removeIf(k -> OWNER.containsKey(k) && !collectors.contains(OWNER.get(k)));
        return out;
    }
}
