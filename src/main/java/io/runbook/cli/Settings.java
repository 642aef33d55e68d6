package io.runbook.cli;

import io.runbook.engine.config.SettingTable;
import io.runbook.engine.config.SettingValues;
import io.runbook.engine.error.SourcePosition;
import io.runbook.engine.error.UserError;
import io.runbook.engine.inventory.GroupNameChars;
import io.runbook.engine.inventory.InventorySettings;
import io.runbook.engine.module.Deprecation;
import io.runbook.engine.playbook.RoleSearch;
import io.runbook.engine.vars.HashBehaviour;
import io.runbook.modules.ssh.HostKeyChecking;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The settings a run takes from outside the command line, each from the first place that sets it: an
 * {@code ANSIBLE_*} environment variable, then {@code runbook.yml}, then {@code ansible.cfg} ([defaults]), then
 * Ansible's default. The command line wins over all of them. {@code escalation}: see {@link #escalation}.
 */
record Settings(List<String> inventory, Integer forks, List<Path> rolesPath, String stdoutCallback, String gathering,
                String strategy, boolean forceHandlers, HostKeyChecking.Setting hostKeyChecking, Path configFile,
                String factPath, HashBehaviour hashBehaviour, boolean errorOnMissingHandler, boolean noLog,
                Map<String, String> escalation, GroupNameChars groupNameChars, boolean deprecationWarnings,
                List<Path> library, List<Path> filterPlugins, List<Path> testPlugins, List<Path> lookupPlugins,
                List<Path> actionPlugins,
                int pollInterval, InventorySettings inventorySettings, boolean validateActionGroupMetadata,
                Path pluginFiltersCfg, Path playbookDir, boolean localhostWarning, boolean taskDebugger,
                List<Path> collectionsPaths, SettingValues values, List<Deprecation> oldNames) {
    private static final Set<String> GATHERING = Set.of("implicit", "explicit", "smart");

    static Settings resolve(ProjectConfig project, AnsibleConfig cfg, Map<String, String> env, Path cwd) {
        SettingSources s = new SettingSources(env, project, cfg, cwd);
        List<String> inventory = s.get("DEFAULT_HOST_LIST");
        Integer forks = s.get("DEFAULT_FORKS");
        List<Path> roles = paths(s, "DEFAULT_ROLES_PATH");
        String callback = s.get("DEFAULT_STDOUT_CALLBACK");
        String gathering = s.get("DEFAULT_GATHERING");
        if (!GATHERING.contains(gathering)) {
            throw new UserError(SourcePosition.of("gathering"), "gathering must be implicit, explicit or smart, not '"
                    + gathering + "'");
        }
        String strategy = s.get("DEFAULT_STRATEGY");
        boolean force = s.get("DEFAULT_FORCE_HANDLERS");
        // Ansible's DEFAULT_FACT_PATH (deprecated there in favour of module_defaults, which the engine has not)
        String factPath = s.get("DEFAULT_FACT_PATH");
        // when false, a notify that names no handler is only warned about
        boolean missingHandlerIsError = s.get("ERROR_ON_MISSING_HANDLER");
        // the no_log of every task no play, block or task sets it for
        boolean noLog = s.get("DEFAULT_NO_LOG");
        boolean deprecationWarnings = s.get("DEPRECATION_WARNINGS");
        // the folders of modules beside those of the playbooks' and roles' library/; Python plugins beside theirs
        List<Path> library = paths(s, "DEFAULT_MODULE_PATH");
        List<Path> filters = paths(s, "DEFAULT_FILTER_PLUGIN_PATH");
        List<Path> tests = paths(s, "DEFAULT_TEST_PLUGIN_PATH");
        List<Path> lookups = paths(s, "DEFAULT_LOOKUP_PLUGIN_PATH");
        List<Path> actions = paths(s, "DEFAULT_ACTION_PLUGIN_PATH");
        // ad-hoc's -P when not given, a task's poll when it sets none
        int poll = s.get("DEFAULT_POLL_INTERVAL");
        boolean validateGroups = s.get("VALIDATE_ACTION_GROUP_METADATA");
        // the modules a task may not name (PluginFilter)
        String pluginFilters = s.get("PLUGIN_FILTERS_CFG");
        // ansible-inventory's and ansible's --playbook-dir when not given (ansible-playbook has none)
        String playbookDir = s.get("PLAYBOOK_DIR");
        // an inventory without hosts is warned about (Inventory.hostListWarnings)
        boolean localhostWarning = s.get("LOCALHOST_WARNING");
        // the task debugger opens on every failed task and unreachable host
        boolean taskDebugger = s.get("ENABLE_TASK_DEBUGGER");
        return new Settings(inventory, forks, roles, callback, gathering, strategy, force, hostKeyChecking(s),
                cfg.file(), factPath, hashBehaviour(s), missingHandlerIsError, noLog, escalation(s),
                groupNameChars(s), deprecationWarnings, library, filters, tests, lookups, actions, poll, inventorySettings(s),
                validateGroups, pluginFilters == null ? null : Path.of(pluginFilters),
                playbookDir == null ? null : Path.of(playbookDir), localhostWarning, taskDebugger,
                paths(s, "COLLECTIONS_PATHS").stream().map(io.runbook.engine.module.CollectionsPath::root).toList(),
                s.values(), oldNames(s));
    }

    /**
     * Ansible's INVENTORY_UNPARSED_IS_FAILED and INVENTORY_ANY_UNPARSED_IS_FAILED: whether no source, or any source,
     * that could not be read is an error; INVENTORY_ENABLED: the plugins that may read one, in order (which also says
     * whether a {@code -i} host list's ranges are expanded: advanced_host_list first); INVENTORY_UNPARSED_WARNING:
     * whether no source read is warned about.
     */
    private static InventorySettings inventorySettings(SettingSources s) {
        List<String> enabled = s.raw("INVENTORY_ENABLED").map(r -> InventorySettings.plugins(r.text()))
                .orElse(s.get("INVENTORY_ENABLED"));
        String where = s.raw("INVENTORY_ENABLED").map(SettingSources.Raw::where)
                .orElse(SettingTable.def("INVENTORY_ENABLED").lastIni().orElseThrow().key() + " in " + s.cfg().file());
        return new InventorySettings(s.get("INVENTORY_UNPARSED_IS_FAILED"), s.get("INVENTORY_ANY_UNPARSED_IS_FAILED"),
                enabled, where, s.get("INVENTORY_UNPARSED_WARNING"), io.runbook.engine.env.RunEnvironment.of(s.env()),
                varsPlugins(s));
    }

    /**
     * Ansible's DEFAULT_VARS_PLUGIN_PATH, VARIABLE_PLUGINS_ENABLED and RUN_VARS_PLUGINS: where Python vars plugins are
     * looked for, which run, and when, for tasks.
     */
    private static io.runbook.engine.inventory.VarsPluginSettings varsPlugins(SettingSources s) {
        return new io.runbook.engine.inventory.VarsPluginSettings(paths(s, "DEFAULT_VARS_PLUGIN_PATH"),
                s.get("VARIABLE_PLUGINS_ENABLED"), s.get("RUN_VARS_PLUGINS"), "task");
    }

    private static List<Path> paths(SettingSources s, String name) {
        List<String> paths = s.get(name);
        return paths.stream().map(Path::of).toList();
    }

    /** The inventory settings of a run whose vars plugins run in {@code modules}' plugin host (the run's one). */
    InventorySettings inventorySettings(io.runbook.engine.module.ModuleRegistry modules) {
        return inventorySettings.withPluginHost(modules.pluginHost());
    }

    /** The run's roles path and COLLECTIONS_PATHS, where roles are looked for. */
    RoleSearch roleSearch() {
        return new RoleSearch(rolesPath, collectionsPaths);
    }

    /**
     * The configured folders of a run's own code: collections, modules (library), Python filter, test and lookup
     * plugins; whether action groups' metadata is checked.
     */
    void configure(io.runbook.engine.module.ModuleRegistry modules, io.runbook.engine.env.RunEnvironment env) {
        modules.collectionsPath(collectionsPaths);
        modules.pluginHost().environment(env);
        modules.library().addConfigured(library);
        if (values.base().get("DEFAULT_MODULE_UTILS_PATH") instanceof List<?> utils) {
            modules.library().addConfiguredModuleUtils(utils.stream().map(u -> Path.of(u.toString())).toList());
        }
        modules.pythonPlugins().addConfigured(io.runbook.engine.vars.TemplatePlugins.Kind.FILTER, filterPlugins);
        modules.pythonPlugins().addConfigured(io.runbook.engine.vars.TemplatePlugins.Kind.TEST, testPlugins);
        modules.pythonPlugins().addConfigured(io.runbook.engine.vars.TemplatePlugins.Kind.LOOKUP, lookupPlugins);
        modules.actionPlugins().addConfigured(actionPlugins);
        if (values.base().get("DEFAULT_CONNECTION_PLUGIN_PATH") instanceof List<?> connections) {
            modules.actionPlugins().connections().addConfigured(connections.stream().map(c -> Path.of(c.toString())).toList());
        }
        if (values.base().get("DEFAULT_CALLBACK_PLUGIN_PATH") instanceof List<?> callbacks) {
            modules.actionPlugins().addConfiguredCallbacks(callbacks.stream().map(c -> Path.of(c.toString())).toList());
        }
        modules.actionGroups().validateMetadata(validateActionGroupMetadata);
        modules.blockModules(pluginFilter().blocked());
    }

    /** The plugin filter file's blocked modules and warnings (read each time asked: once a run). */
    PluginFilter pluginFilter() {
        return PluginFilter.read(pluginFiltersCfg);
    }

    /**
     * The deprecations ansible-core 2.14 shows for the settings given (its config's {@code deprecated:} entries that
     * are set, not defaulted): fact_path, and callback_whitelist (ANSIBLE_CALLBACK_WHITELIST) by its old name.
     */
    List<Deprecation> deprecations() {
        List<Deprecation> all = new java.util.ArrayList<>(oldNames);
        if (factPath != null) {
            all.add(new Deprecation("DEFAULT_FACT_PATH option, the module_defaults keyword is a more generic version and "
                    + "can apply to all calls to the M(ansible.builtin.gather_facts) or M(ansible.builtin.setup) actions, "
                    + "use module_defaults instead", "2.18", null, "ansible.builtin"));
        }
        return all;
    }

    /** CALLBACKS_ENABLED set by its old name, as Ansible names it in its deprecation: the variable or {@code [defaults]key}. */
    private static List<Deprecation> oldNames(SettingSources s) {
        return s.raw("CALLBACKS_ENABLED").filter(r -> "ANSIBLE_CALLBACK_WHITELIST".equals(r.envName())
                || "callback_whitelist".equals(r.key())).map(r -> List.of(new Deprecation((r.envName() != null
                ? "ANSIBLE_CALLBACK_WHITELIST option, normalizing names to new standard, use ANSIBLE_CALLBACKS_ENABLED"
                : "[defaults]callback_whitelist option, normalizing names to new standard, use callbacks_enabled")
                + " instead", "2.15", null, "ansible.builtin"))).orElse(List.of());
    }

    /**
     * The login and privilege escalation defaults the command line's connection options stand in for, by their ini
     * keys, when set: DEFAULT_REMOTE_USER, DEFAULT_PRIVATE_KEY_FILE, DEFAULT_TIMEOUT, DEFAULT_ASK_PASS,
     * CONNECTION_PASSWORD_FILE, DEFAULT_BECOME, DEFAULT_BECOME_USER, DEFAULT_BECOME_METHOD, DEFAULT_BECOME_ASK_PASS,
     * BECOME_PASSWORD_FILE; and the ssh connection plugin's {@code port} (ANSIBLE_REMOTE_PORT, remote_port),
     * {@code ssh_args}, {@code ssh_common_args} and {@code ssh_extra_args}
     * ({@code ANSIBLE_SSH_*ARGS} or [ssh_connection]: {@link SettingTable#plugin}).
     */
    private static Map<String, String> escalation(SettingSources s) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        for (String name : List.of("DEFAULT_REMOTE_USER", "DEFAULT_PRIVATE_KEY_FILE", "DEFAULT_TIMEOUT", "DEFAULT_ASK_PASS",
                "CONNECTION_PASSWORD_FILE")) {
            s.raw(name).ifPresent(r -> out.put(SettingTable.def(name).lastIni().orElseThrow().key(), r.text()));
        }
        Map<String, SettingTable.Def> ssh = SettingTable.plugin("connection", "ssh");
        for (String key : List.of("port", "ssh_args", "ssh_common_args", "ssh_extra_args")) {
            s.raw(ssh.get(key)).ifPresent(r -> out.put(key, r.text()));
        }
        for (String name : List.of("DEFAULT_BECOME", "DEFAULT_BECOME_USER", "DEFAULT_BECOME_METHOD", "DEFAULT_BECOME_ASK_PASS",
                "BECOME_PASSWORD_FILE")) {
            s.raw(name).ifPresent(r -> out.put(SettingTable.def(name).lastIni().orElseThrow().key(), r.text()));
        }
        return java.util.Collections.unmodifiableMap(out);
    }

    /** Ansible's DEFAULT_HASH_BEHAVIOUR: replace unless set to merge; any other value is refused, as Ansible does. */
    private static HashBehaviour hashBehaviour(SettingSources s) {
        return choice(s, "DEFAULT_HASH_BEHAVIOUR", HashBehaviour::of, List.of("replace", "merge"));
    }

    /** Ansible's TRANSFORM_INVALID_GROUP_CHARS: never unless set; another value is refused, as Ansible does. */
    private static GroupNameChars groupNameChars(SettingSources s) {
        return choice(s, "TRANSFORM_INVALID_GROUP_CHARS", GroupNameChars::of, GroupNameChars.words());
    }

    /**
     * A setting of a few words read by {@code parse}, whose IllegalArgumentException (Ansible's message) is refused at
     * where the value came from.
     */
    private static <T> T choice(SettingSources s, String name, java.util.function.Function<String, T> parse,
                                List<String> words) {
        String value = s.get(name);
        try {
            return parse.apply(value);
        } catch (IllegalArgumentException e) {
            throw new UserError(SourcePosition.of(s.raw(name).map(SettingSources.Raw::where).orElse(name)), e.getMessage(),
                    io.runbook.engine.error.Suggestions.didYouMean(value.toLowerCase(), words));
        }
    }

    /**
     * The ssh connection's {@code host_key_checking} (on unless set; also ANSIBLE_SSH_HOST_KEY_CHECKING and
     * [ssh_connection]), with what turned it off for the warning SSH connections print; read as every boolean setting,
     * as Ansible reads it: a word not true ({@code maybe}) is false.
     */
    private static HostKeyChecking.Setting hostKeyChecking(SettingSources s) {
        return s.raw(SettingTable.plugin("connection", "ssh").get("host_key_checking")).map(r -> new HostKeyChecking.Setting(SettingTable.bool(r.text()), r.envName() != null
                        ? r.envName() + "=" + r.text() : r.key() + " = " + r.text() + " in " + r.file()))
                .orElse(HostKeyChecking.Setting.ON);
    }

    /**
     * {@code env} with the vault settings set in ansible.cfg or runbook.yml and not in {@code env} as their variables
     * (DEFAULT_VAULT_IDENTITY_LIST, DEFAULT_VAULT_ENCRYPT_IDENTITY, DEFAULT_VAULT_PASSWORD_FILE), which the vault's
     * readers take them from.
     */
    io.runbook.engine.env.RunEnvironment vaultEnvironment(io.runbook.engine.env.RunEnvironment env) {
        Map<String, String> more = new java.util.HashMap<>();
        for (String name : List.of("DEFAULT_VAULT_IDENTITY_LIST", "DEFAULT_VAULT_ENCRYPT_IDENTITY", "DEFAULT_VAULT_PASSWORD_FILE")) {
            SettingTable.Def d = SettingTable.def(name);
            Object v = values.base().get(name);
            String variable = d.envNames().get(d.envNames().size() - 1);
            if (v != null && env.get(variable) == null && !(v instanceof List<?> l && l.isEmpty())) {
                more.put(variable, v instanceof List<?> l ? String.join(",", l.stream().map(String::valueOf).toList()) : v.toString());
            }
        }
        return more.isEmpty() ? env : io.runbook.engine.env.RunEnvironment.of(env.with(more));
    }

    /** The callbacks to show more of a run with, as set (CALLBACKS_ENABLED: callbacks_enabled, callback_whitelist). */
    @SuppressWarnings("unchecked")
    List<String> callbacksEnabled() {
        Object v = values.base().get("CALLBACKS_ENABLED");
        return v == null ? List.of() : ((List<Object>) v).stream().map(String::valueOf).map(String::strip)
                .filter(n -> !n.isEmpty()).toList();
    }

    /** The default callback's result_format and pretty_results (callback_result_format, callback_format_pretty). */
    io.runbook.engine.report.ResultFormat resultFormat() {
        Map<String, Object> v = values.plugins().getOrDefault("callback/default", Map.of());
        return io.runbook.engine.report.ResultFormat.of((String) v.get("result_format"), (Boolean) v.get("pretty_results"));
    }

    /** The default callback's other options (display_skipped_hosts, display_ok_hosts, … as Ansible's). */
    io.runbook.engine.report.CallbackOptions callbackOptions() {
        Map<String, Object> v = values.plugins().getOrDefault("callback/default", Map.of());
        java.util.function.Predicate<String> on = name -> Boolean.TRUE.equals(v.get(name));
        return new io.runbook.engine.report.CallbackOptions(on.test("display_skipped_hosts"), on.test("display_ok_hosts"),
                on.test("display_failed_stderr"), on.test("check_mode_markers"), on.test("show_custom_stats"),
                on.test("show_per_host_start"), on.test("show_task_path_on_failure"));
    }

    /** The settings for the working directory, from {@code env}. */
    static Settings current(Map<String, String> env) {
        Path cwd = Path.of("").toAbsolutePath();
        return resolve(ProjectConfig.find(cwd), AnsibleConfig.find(env, cwd), env, cwd);
    }

    /** A boolean setting as Ansible's configuration reads it ({@code boolean(value, strict=False)}). */
    static boolean bool(String v) {
        return SettingTable.bool(v);
    }
}
