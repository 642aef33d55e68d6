package io.runbook.cli;

import io.runbook.engine.error.SourcePosition;
import io.runbook.engine.error.UserError;
import io.runbook.engine.inventory.GroupNameChars;
import io.runbook.engine.inventory.InventorySettings;
import io.runbook.engine.playbook.RoleSearch;
import io.runbook.engine.vars.HashBehaviour;
import io.runbook.modules.ssh.HostKeyChecking;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The settings a run takes from outside the command line, each from the first place that sets it: an
 * {@code ANSIBLE_*} environment variable, then {@code runbook.yml}, then {@code ansible.cfg} ([defaults]), then
 * Ansible's default. The command line wins over all of them. {@code escalation}: see {@link #escalation}.
 */
record Settings(List<String> inventory, Integer forks, List<Path> rolesPath, String vaultPasswordFile,
                String stdoutCallback, String gathering, String strategy,
                boolean forceHandlers, HostKeyChecking.Setting hostKeyChecking, Path configFile, String factPath,
                HashBehaviour hashBehaviour, boolean errorOnMissingHandler, boolean noLog, Map<String, String> escalation,
                GroupNameChars groupNameChars, boolean deprecationWarnings, List<Path> library,
                List<Path> filterPlugins, List<Path> testPlugins, List<Path> lookupPlugins, int pollInterval,
                InventorySettings inventorySettings, boolean validateActionGroupMetadata, Path pluginFiltersCfg,
                Path playbookDir, boolean localhostWarning) {
    private static final Set<String> GATHERING = Set.of("implicit", "explicit", "smart");

    static Settings resolve(ProjectConfig project, AnsibleConfig cfg, Map<String, String> env, Path cwd) {
        List<String> inventory = env("ANSIBLE_INVENTORY", env).map(v -> AnsibleConfig.pathList(v, cwd, env)
                        .stream().map(Path::toString).toList())
                .or(() -> project.inventory().isEmpty() ? Optional.empty() : Optional.of(project.inventory()))
                .or(() -> cfg.paths("defaults", "inventory", env).map(l -> l.stream().map(Path::toString).toList()))
                .orElse(List.of());
        Integer forks = env("ANSIBLE_FORKS", env).map(v -> number(v, "forks", "ANSIBLE_FORKS"))
                .or(() -> Optional.ofNullable(project.forks()))
                .or(() -> cfg.get("defaults", "forks").map(v -> number(v, "forks", "forks in " + cfg.file())))
                .orElse(null);
        List<Path> roles = env("ANSIBLE_ROLES_PATH", env).map(v -> AnsibleConfig.pathList(v, cwd, env))
                .or(() -> project.rolesPath().isEmpty() ? Optional.empty() : Optional.of(project.rolesPath()))
                .or(() -> cfg.paths("defaults", "roles_path", env))
                .orElse(RoleSearch.defaultPath(io.runbook.engine.vars.HomeDir.of(env)));
        String vault = env("ANSIBLE_VAULT_PASSWORD_FILE", env)
                .or(() -> cfg.paths("defaults", "vault_password_file", env).map(l -> l.get(0).toString())).orElse(null);
        String callback = setting("ANSIBLE_STDOUT_CALLBACK", "stdout_callback", env, cfg).orElse("default");
        String gathering = setting("ANSIBLE_GATHERING", "gathering", env, cfg).orElse("implicit");
        if (!GATHERING.contains(gathering)) {
            throw new UserError(SourcePosition.of("gathering"), "gathering must be implicit, explicit or smart, not '"
                    + gathering + "'");
        }
        String strategy = setting("ANSIBLE_STRATEGY", "strategy", env, cfg).orElse("linear");
        boolean force = setting("ANSIBLE_FORCE_HANDLERS", "force_handlers", env, cfg).map(Settings::bool).orElse(false);
        // Ansible's DEFAULT_FACT_PATH (deprecated there in favour of module_defaults, which the engine has not)
        String factPath = setting("ANSIBLE_FACT_PATH", "fact_path", env, cfg).orElse(null);
        // Ansible's ERROR_ON_MISSING_HANDLER: when false, a notify that names no handler is only warned about
        boolean missingHandlerIsError = env("ANSIBLE_ERROR_ON_MISSING_HANDLER", env).map(Settings::bool)
                .or(() -> Optional.ofNullable(project.errorOnMissingHandler()))
                .or(() -> cfg.get("defaults", "error_on_missing_handler").map(Settings::bool)).orElse(true);
        // Ansible's DEFAULT_NO_LOG: the no_log of every task no play, block or task sets it for
        boolean noLog = setting("ANSIBLE_NO_LOG", "no_log", env, cfg).map(Settings::bool).orElse(false);
        // Ansible's DEPRECATION_WARNINGS: [DEPRECATION WARNING] lines are shown unless it is false
        boolean deprecationWarnings = setting("ANSIBLE_DEPRECATION_WARNINGS", "deprecation_warnings", env, cfg)
                .map(Settings::bool).orElse(true);
        // Ansible's DEFAULT_MODULE_PATH: the folders of modules beside those of the playbooks' and roles' library/
        List<Path> library = env("ANSIBLE_LIBRARY", env).map(v -> AnsibleConfig.pathList(v, cwd, env))
                .or(() -> cfg.paths("defaults", "library", env))
                .orElse(AnsibleConfig.pathList("~/.ansible/plugins/modules:/usr/share/ansible/plugins/modules", cwd, env));
        // DEFAULT_FILTER_PLUGIN_PATH, DEFAULT_TEST_PLUGIN_PATH, DEFAULT_LOOKUP_PLUGIN_PATH: Python plugins beside those of playbooks and roles
        List<Path> filters = pluginPath("ANSIBLE_FILTER_PLUGINS", "filter_plugins", "filter", env, cfg, cwd);
        List<Path> tests = pluginPath("ANSIBLE_TEST_PLUGINS", "test_plugins", "test", env, cfg, cwd);
        List<Path> lookups = pluginPath("ANSIBLE_LOOKUP_PLUGINS", "lookup_plugins", "lookup", env, cfg, cwd);
        // Ansible's DEFAULT_POLL_INTERVAL: ad-hoc's -P when not given, a task's poll when it sets none
        int poll = env("ANSIBLE_POLL_INTERVAL", env).map(v -> number(v, "poll_interval", "ANSIBLE_POLL_INTERVAL"))
                .or(() -> cfg.get("defaults", "poll_interval").map(v -> number(v, "poll_interval", "poll_interval in " + cfg.file())))
                .orElse(15);
        // Ansible's VALIDATE_ACTION_GROUP_METADATA: a collection's action group with malformed metadata is warned about
        boolean validateGroups = setting("ANSIBLE_VALIDATE_ACTION_GROUP_METADATA", "validate_action_group_metadata", env, cfg)
                .map(Settings::bool).orElse(true);
        // Ansible's PLUGIN_FILTERS_CFG (ansible.cfg only): the modules a task may not name (PluginFilter)
        Path pluginFilters = cfg.paths("defaults", "plugin_filters_cfg", env).map(l -> l.get(0)).orElse(null);
        // Ansible's PLAYBOOK_DIR: ansible-inventory's and ansible's --playbook-dir when not given (ansible-playbook has none)
        Path playbookDir = env("ANSIBLE_PLAYBOOK_DIR", env).map(v -> AnsibleConfig.pathList(v, cwd, env))
                .or(() -> cfg.paths("defaults", "playbook_dir", env)).flatMap(l -> l.stream().findFirst()).orElse(null);
        // Ansible's LOCALHOST_WARNING: an inventory without hosts is warned about (Inventory.hostListWarnings)
        boolean localhostWarning = setting("ANSIBLE_LOCALHOST_WARNING", "localhost_warning", env, cfg)
                .map(Settings::bool).orElse(true);
        return new Settings(inventory, forks, roles, vault, callback, gathering, strategy, force, hostKeyChecking(env, cfg),
                cfg.file(), factPath, hashBehaviour(env, cfg), missingHandlerIsError, noLog, escalation(env, cfg),
                groupNameChars(env, cfg), deprecationWarnings, library, filters, tests, lookups, poll, inventorySettings(env, cfg, cwd),
                validateGroups, pluginFilters, playbookDir, localhostWarning);
    }

    /**
     * Ansible's INVENTORY_UNPARSED_IS_FAILED ({@code ANSIBLE_INVENTORY_UNPARSED_FAILED}, [inventory]
     * {@code unparsed_is_failed}) and INVENTORY_ANY_UNPARSED_IS_FAILED ({@code ANSIBLE_INVENTORY_ANY_UNPARSED_IS_FAILED},
     * [inventory] {@code any_unparsed_is_failed}): whether no source, or any source, that could not be read is an error;
     * INVENTORY_ENABLED ({@code ANSIBLE_INVENTORY_ENABLED}, [inventory] {@code enable_plugins}): the plugins that may read
     * one, in order (which also says whether a {@code -i} host list's ranges are expanded: advanced_host_list first);
     * INVENTORY_UNPARSED_WARNING ({@code ANSIBLE_INVENTORY_UNPARSED_WARNING}, [inventory]
     * {@code inventory_unparsed_warning}): whether no source read is warned about.
     */
    private static InventorySettings inventorySettings(Map<String, String> env, AnsibleConfig cfg, Path cwd) {
        boolean none = env("ANSIBLE_INVENTORY_UNPARSED_FAILED", env).or(() -> cfg.get("inventory", "unparsed_is_failed"))
                .map(Settings::bool).orElse(false);
        boolean any = env("ANSIBLE_INVENTORY_ANY_UNPARSED_IS_FAILED", env).or(() -> cfg.get("inventory", "any_unparsed_is_failed"))
                .map(Settings::bool).orElse(false);
        Optional<String> fromEnv = env("ANSIBLE_INVENTORY_ENABLED", env);
        List<String> enabled = fromEnv.or(() -> cfg.get("inventory", "enable_plugins"))
                .map(InventorySettings::plugins).orElse(InventorySettings.DEFAULT_PLUGINS);
        boolean unparsedWarning = env("ANSIBLE_INVENTORY_UNPARSED_WARNING", env)
                .or(() -> cfg.get("inventory", "inventory_unparsed_warning")).map(Settings::bool).orElse(true);
        return new InventorySettings(none, any, enabled, fromEnv.isPresent() ? "ANSIBLE_INVENTORY_ENABLED"
                : "enable_plugins in " + cfg.file(), unparsedWarning, io.runbook.engine.env.RunEnvironment.of(env),
                varsPlugins(env, cfg, cwd));
    }

    /**
     * Ansible's DEFAULT_VARS_PLUGIN_PATH ({@code ANSIBLE_VARS_PLUGINS}, [defaults] {@code vars_plugins}),
     * VARIABLE_PLUGINS_ENABLED ({@code ANSIBLE_VARS_ENABLED}, [defaults] {@code vars_plugins_enabled}, a comma list)
     * and RUN_VARS_PLUGINS ({@code ANSIBLE_RUN_VARS_PLUGINS}, [defaults] {@code run_vars_plugins}), for tasks.
     */
    private static io.runbook.engine.inventory.VarsPluginSettings varsPlugins(Map<String, String> env, AnsibleConfig cfg, Path cwd) {
        List<String> enabled = setting("ANSIBLE_VARS_ENABLED", "vars_plugins_enabled", env, cfg)
                .map(v -> List.of(v.split(",")).stream().map(String::strip).filter(n -> !n.isEmpty()).toList())
                .orElse(List.of("host_group_vars"));
        String run = setting("ANSIBLE_RUN_VARS_PLUGINS", "run_vars_plugins", env, cfg).orElse("demand");
        return new io.runbook.engine.inventory.VarsPluginSettings(
                pluginPath("ANSIBLE_VARS_PLUGINS", "vars_plugins", "vars", env, cfg, cwd), enabled, run, "task");
    }

    /** A plugin path setting: {@code envName}, else [defaults] {@code key}, else Ansible's default of that kind. */
    private static List<Path> pluginPath(String envName, String key, String kind, Map<String, String> env,
                                         AnsibleConfig cfg, Path cwd) {
        return env(envName, env).map(v -> AnsibleConfig.pathList(v, cwd, env))
                .or(() -> cfg.paths("defaults", key, env))
                .orElse(AnsibleConfig.pathList("~/.ansible/plugins/" + kind + ":/usr/share/ansible/plugins/" + kind, cwd, env));
    }

    /**
     * The configured folders of a run's own code: modules (library), Python filter, test and lookup plugins; whether
     * action groups' metadata is checked.
     */
    /** The run's roles path and its environment's COLLECTIONS_PATHS, where roles are looked for. */
    RoleSearch roleSearch(io.runbook.engine.env.RunEnvironment env) {
        return new RoleSearch(rolesPath, io.runbook.engine.module.CollectionsPath.configured(env));
    }

    void configure(io.runbook.engine.module.ModuleRegistry modules, io.runbook.engine.env.RunEnvironment env) {
        modules.collectionsPath(io.runbook.engine.module.CollectionsPath.configured(env));
        modules.pythonPlugins().environment(env);
        modules.library().addConfigured(library);
        modules.pythonPlugins().addConfigured(io.runbook.engine.vars.TemplatePlugins.Kind.FILTER, filterPlugins);
        modules.pythonPlugins().addConfigured(io.runbook.engine.vars.TemplatePlugins.Kind.TEST, testPlugins);
        modules.pythonPlugins().addConfigured(io.runbook.engine.vars.TemplatePlugins.Kind.LOOKUP, lookupPlugins);
        modules.actionGroups().validateMetadata(validateActionGroupMetadata);
        modules.blockModules(pluginFilter().blocked());
    }

    /** The plugin filter file's blocked modules and warnings (read each time asked: once a run). */
    PluginFilter pluginFilter() {
        return PluginFilter.read(pluginFiltersCfg);
    }

    /**
     * The deprecations ansible-core 2.14 shows for the settings given (its config's {@code deprecated:} entries that
     * are set, not defaulted): fact_path, the one of them the engine reads.
     */
    java.util.List<io.runbook.engine.module.Deprecation> deprecations() {
        return factPath == null ? List.of() : List.of(new io.runbook.engine.module.Deprecation("DEFAULT_FACT_PATH option, "
                + "the module_defaults keyword is a more generic version and can apply to all calls to the "
                + "M(ansible.builtin.gather_facts) or M(ansible.builtin.setup) actions, use module_defaults instead",
                "2.18", null, "ansible.builtin"));
    }

    /**
     * The login and privilege escalation defaults the command line's connection options stand in for:
     * {@code ANSIBLE_REMOTE_USER} or [defaults] {@code remote_user} (likewise {@code private_key_file}, {@code timeout},
     * {@code ask_pass}, {@code connection_password_file}; [ssh_connection] {@code ssh_common_args}, {@code ssh_extra_args}),
     * {@code ANSIBLE_BECOME*} or [privilege_escalation]
     * {@code become}, {@code become_user}, {@code become_method}, {@code become_ask_pass}, {@code become_password_file}.
     */
    private static Map<String, String> escalation(Map<String, String> env, AnsibleConfig cfg) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        env("ANSIBLE_REMOTE_USER", env).or(() -> cfg.get("defaults", "remote_user")).ifPresent(v -> out.put("remote_user", v));
        for (String key : List.of("private_key_file", "timeout", "ask_pass", "connection_password_file")) {
            env("ANSIBLE_" + key.toUpperCase(java.util.Locale.ROOT), env).or(() -> cfg.get("defaults", key))
                    .ifPresent(v -> out.put(key, v));
        }
        for (String key : List.of("ssh_common_args", "ssh_extra_args")) {
            env("ANSIBLE_" + key.toUpperCase(java.util.Locale.ROOT), env).or(() -> cfg.get("ssh_connection", key))
                    .ifPresent(v -> out.put(key, v));
        }
        for (String key : List.of("become", "become_user", "become_method", "become_ask_pass", "become_password_file")) {
            env("ANSIBLE_" + key.toUpperCase(java.util.Locale.ROOT), env).or(() -> cfg.get("privilege_escalation", key))
                    .ifPresent(v -> out.put(key, v));
        }
        return java.util.Collections.unmodifiableMap(out);
    }

    /** Ansible's DEFAULT_HASH_BEHAVIOUR: replace unless set to merge; any other value is refused, as Ansible does. */
    private static HashBehaviour hashBehaviour(Map<String, String> env, AnsibleConfig cfg) {
        return choice("ANSIBLE_HASH_BEHAVIOUR", "hash_behaviour", "replace", HashBehaviour::of, List.of("replace", "merge"),
                env, cfg);
    }

    /**
     * Ansible's TRANSFORM_INVALID_GROUP_CHARS ({@code ANSIBLE_TRANSFORM_INVALID_GROUP_CHARS}, [defaults]
     * {@code force_valid_group_names}): never unless set; another value is refused, as Ansible does.
     */
    private static GroupNameChars groupNameChars(Map<String, String> env, AnsibleConfig cfg) {
        return choice("ANSIBLE_TRANSFORM_INVALID_GROUP_CHARS", "force_valid_group_names", "never", GroupNameChars::of,
                GroupNameChars.words(), env, cfg);
    }

    /**
     * A setting of a few words ({@code envName}, else [defaults] {@code key}, else {@code fallback}) read by
     * {@code parse}, whose IllegalArgumentException (Ansible's message) is refused at where the value came from.
     */
    private static <T> T choice(String envName, String key, String fallback, java.util.function.Function<String, T> parse,
                                List<String> words, Map<String, String> env, AnsibleConfig cfg) {
        Optional<String> fromEnv = env(envName, env);
        String where = fromEnv.isPresent() ? envName : key + " in " + cfg.file();
        String value = fromEnv.or(() -> cfg.get("defaults", key)).orElse(fallback);
        try {
            return parse.apply(value);
        } catch (IllegalArgumentException e) {
            throw new UserError(SourcePosition.of(where), e.getMessage(),
                    io.runbook.engine.error.Suggestions.didYouMean(value.toLowerCase(), words));
        }
    }

    /** {@code host_key_checking} (on unless set false), with what turned it off for the warning SSH connections print. */
    private static HostKeyChecking.Setting hostKeyChecking(Map<String, String> env, AnsibleConfig cfg) {
        Optional<String> fromEnv = env("ANSIBLE_HOST_KEY_CHECKING", env);
        if (fromEnv.isPresent()) {
            return new HostKeyChecking.Setting(truth(fromEnv.get()), "ANSIBLE_HOST_KEY_CHECKING=" + fromEnv.get());
        }
        return cfg.get("defaults", "host_key_checking")
                .map(v -> new HostKeyChecking.Setting(truth(v), "host_key_checking = " + v + " in " + cfg.file()))
                .orElse(HostKeyChecking.Setting.ON);
    }

    /** Ansible's reading of a boolean setting that defaults to true: only its false words turn it off. */
    private static boolean truth(String v) {
        return !Set.of("false", "no", "off", "0", "n", "f").contains(v.strip().toLowerCase());
    }

    /** The settings for the working directory, from {@code env}. */
    static Settings current(Map<String, String> env) {
        Path cwd = Path.of("").toAbsolutePath();
        return resolve(ProjectConfig.find(cwd), AnsibleConfig.find(env, cwd), env, cwd);
    }

    private static Optional<String> env(String name, Map<String, String> env) {
        return Optional.ofNullable(env.get(name)).map(String::strip).filter(v -> !v.isEmpty());
    }

    private static Optional<String> setting(String envName, String key, Map<String, String> env, AnsibleConfig cfg) {
        return env(envName, env).or(() -> cfg.get("defaults", key));
    }

    /** A boolean setting as Ansible's configuration reads it ({@code boolean(value, strict=False)}). */
    static boolean bool(String v) {
        return io.runbook.engine.module.ArgValidator.isTrue(v);
    }

    private static int number(String v, String name, String where) {
        try {
            return Integer.parseInt(v.strip());
        } catch (NumberFormatException e) {
            throw new UserError(SourcePosition.of(where), name + " must be a whole number, not '" + v + "'");
        }
    }
}
