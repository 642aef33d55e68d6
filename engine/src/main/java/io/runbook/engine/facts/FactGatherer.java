package io.runbook.engine.facts;

import io.runbook.engine.module.FactSource;
import io.runbook.engine.module.ModuleContext;
import io.runbook.engine.module.ModuleException;
import io.runbook.engine.module.Result;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;

/**
 * Gathers one host's facts for setup/gather_facts: local facts for {@code ansible_connection: local} (and the
 * implicit localhost), else the first {@link FactSource} that handles the host; a host no source knows gets only
 * the gathering's own facts. Applies {@code gather_subset} and {@code filter} as Ansible does.
 */
public final class FactGatherer {
    private static final List<FactSource> SOURCES = load();
    private static final Set<String> LOCAL_NAMES = Set.of("localhost", "127.0.0.1", "::1");
    /** The gather_subset names ansible-core 2.14's setup accepts besides min (its collectors and the facts they give), sorted as its message lists them. */
    private static final Set<String> KNOWN_SUBSETS = new java.util.TreeSet<>(List.of("all", "all_ipv4_addresses",
            "all_ipv6_addresses", "apparmor", "architecture", "caps", "chroot", "cmdline", "date_time", "default_ipv4",
            "default_ipv6", "devices", "distribution", "distribution_major_version", "distribution_release",
            "distribution_version", "dns", "effective_group_ids", "effective_user_id", "env", "facter",
            "fibre_channel_wwn", "fips", "hardware", "interfaces", "is_chroot", "iscsi", "kernel", "kernel_version",
            "loadavg", "local", "lsb", "machine", "machine_id", "mounts", "network", "nvme", "ohai", "os_family",
            "pkg_mgr", "platform", "processor", "processor_cores", "processor_count", "python", "python_version",
            "real_user_id", "selinux", "service_mgr", "ssh_host_key_dsa_public", "ssh_host_key_ecdsa_public",
            "ssh_host_key_ed25519_public", "ssh_host_key_rsa_public", "ssh_host_pub_keys", "ssh_pub_keys", "system",
            "system_capabilities", "system_capabilities_enforced", "user", "user_dir", "user_gecos", "user_gid",
            "user_id", "user_shell", "user_uid", "virtual", "virtualization_role", "virtualization_tech_guest",
            "virtualization_tech_host", "virtualization_type"));

    /** The facts ansible-core 2.14's hardware collector is known by besides its name (its _fact_ids). */
    private static final Set<String> HARDWARE_FACTS = Set.of("processor", "processor_cores", "processor_count", "mounts",
            "devices");

    private static List<FactSource> load() {
        List<FactSource> out = new ArrayList<>();
        ServiceLoader.load(FactSource.class).forEach(out::add);
        return List.copyOf(out);
    }

    public Result gather(ModuleContext ctx) throws ModuleException, InterruptedException {
        List<String> asked = ctx.args().list("gather_subset").stream().map(String::valueOf).toList();
        for (String a : asked) {
            String name = a.strip().startsWith("!") ? a.strip().substring(1) : a.strip();
            if (!name.equals("min") && !KNOWN_SUBSETS.contains(name)) {
                // ansible-core 2.14's setup, word for word
                throw new ModuleException("Bad subset '" + name + "' given to Ansible. gather_subset options allowed: "
                        + String.join(", ", KNOWN_SUBSETS));
            }
        }
        Set<String> subsets = subsets(asked);
        Map<String, Object> facts = new LinkedHashMap<>();
        if (isLocal(ctx)) {
            java.util.concurrent.CompletableFuture<Map<String, Object>> python = subsets.contains("min")
                    ? PythonFacts.local(ctx.vars().get("ansible_python_interpreter")) : null;
            facts.putAll(LocalFacts.gather(subsets));
            facts.put("local", CustomFacts.read(CustomFacts.path(ctx.args().raw("fact_path")), ctx::warn));
            if (!ctx.environment().isEmpty()) {
                // the environment the task sets is the gathering's own, as Ansible's setup reports it in ansible_env
                @SuppressWarnings("unchecked")
                Map<String, Object> env = new java.util.TreeMap<>((Map<String, Object>) facts.get("env"));
                env.putAll(ctx.environment());
                facts.put("env", new LinkedHashMap<>(env));
            }
            if (python != null) {
                facts.putAll(python.join());
            }
        } else {
            for (FactSource source : SOURCES) {
                if (source.handles(ctx)) {
                    facts.putAll(source.gather(ctx, subsets));
                    break;
                }
            }
        }
        Map<String, Object> named = new LinkedHashMap<>();
        facts.forEach((k, v) -> named.put(k.startsWith("ansible_") ? k : "ansible_" + k, v));
        named.put("gather_subset", asked);
        named.put("module_setup", true);
        // as Ansible's fact filter: a pattern that does not start with ansible_ (facter, ohai) matches with the prefix too
        List<PathMatcher> filters = ctx.args().list("filter").stream().map(String::valueOf)
                .map(f -> f.isEmpty() ? "*" : f.startsWith("ansible_") || f.startsWith("facter") || f.startsWith("ohai")
                        ? f : "{" + f + ",ansible_" + f + "}")
                .map(f -> FileSystems.getDefault().getPathMatcher("glob:" + f)).toList();
        if (!filters.isEmpty()) {
            named.keySet().removeIf(name -> filters.stream().noneMatch(m -> m.matches(Path.of(name))));
        }
        return Result.ok().with("ansible_facts", named);
    }

    /** ansible_connection local, or localhost without another connection. */
    static boolean isLocal(ModuleContext ctx) {
        Object connection = ctx.vars().get("ansible_connection");
        if (connection != null) {
            return "local".equals(String.valueOf(connection));
        }
        return LOCAL_NAMES.contains(ctx.host());
    }

    /** all → every subset; min unless !min; !x removes x; !all keeps only min; a hardware fact's name is hardware. */
    static Set<String> subsets(List<String> asked) {
        Set<String> all = Set.of("min", "hardware", "network", "virtual", "loadavg");
        Set<String> out = new LinkedHashSet<>();
        Set<String> excluded = new LinkedHashSet<>();
        Set<String> named = new LinkedHashSet<>();
        for (String s : asked) {
            String name = s.strip();
            String bare = name.startsWith("!") ? name.substring(1) : name;
            if (HARDWARE_FACTS.contains(bare)) {
                // as Ansible: the name of a fact of the hardware collector asks for (or leaves out) the whole collector
                name = name.startsWith("!") ? "!hardware" : "hardware";
            }
            if (name.startsWith("!")) {
                excluded.add(name.substring(1));
            } else if (name.equals("all")) {
                out.addAll(all);
            } else {
                out.add(name);
                named.add(name);
            }
        }
        if (excluded.contains("all")) {
            out.retainAll(named);
        }
        if (!excluded.contains("min")) {
            out.add("min");
        }
        out.removeAll(excluded);
        return out;
    }
}
