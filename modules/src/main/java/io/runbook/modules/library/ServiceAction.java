package io.runbook.modules.library;

import io.runbook.engine.module.ArgSpec;
import io.runbook.engine.module.Module;
import io.runbook.engine.module.ModuleContext;
import io.runbook.engine.module.ModuleException;
import io.runbook.engine.module.Result;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code service} as ansible-core 2.14's service action plugin runs it: the module of the host's service manager,
 * {@code use}, else the host's {@code ansible_facts.service_mgr} (the delegate's for a delegated task), else that fact gathered as the plugin gathers it (the
 * controller's {@code setup} module with {@code gather_subset: '!all'} and {@code filter: ansible_service_mgr}); a
 * manager the controller's Ansible has no module of (a container's {@code process_api}, say) gets the generic
 * {@code service} module. (Unlike Ansible, a library/ module of the manager's name is not looked at.) The task's arguments go to that module without {@code use}, and without those systemd does
 * not take (each with the plugin's warning).
 */
final class ServiceAction implements Module {
    private static final ArgSpec SPEC = ArgSpec.builder().otherKeys("the arguments of the service manager's module")
            .build();
    private static final List<String> UNUSED_BY_SYSTEMD = List.of("pattern", "runlevel", "sleep", "arguments", "args");
    private final ControllerModules modules;

    ServiceAction(ControllerModules modules) {
        this.modules = modules;
    }

    @Override
    public String name() {
        return "service";
    }

    @Override
    public ArgSpec spec() {
        return SPEC;
    }

    @Override
    public String description() {
        return "Ansible's service action: the module of the host's service manager (systemd, sysvinit or service), "
                + "from the controller's Ansible";
    }

    @Override
    public Result run(ModuleContext ctx) throws ModuleException, InterruptedException {
        Map<String, Object> args = ModuleArgs.of(ctx);
        String manager = String.valueOf(args.getOrDefault("use", "auto")).toLowerCase(Locale.ROOT);
        if (manager.equals("auto") && factsHost(ctx).get("ansible_facts") instanceof Map<?, ?> facts
                && facts.get("service_mgr") != null) {
            manager = String.valueOf(facts.get("service_mgr"));
        }
        if (manager.equals("auto")) {
            manager = gathered(ctx);
        }
        // the manager's module as the plugin's has_plugin finds it: ansible-core's, or where its runtime file sends it
        LibraryModule module = manager.equals("service") ? null : modules.find(manager, List.of())
                .filter(LibraryModule.class::isInstance).map(LibraryModule.class::cast).orElse(null);
        if (module == null) {
            manager = "service";
            module = modules.builtin(manager).orElseThrow(() -> new ModuleException(
                    "the controller's Ansible has no service module"));
        }
        Map<String, Object> moduleArgs = new LinkedHashMap<>(args);
        moduleArgs.remove("use");
        if (manager.equals("systemd")) {
            for (String unused : UNUSED_BY_SYSTEMD) {
                if (moduleArgs.remove(unused) != null) {
                    ctx.warnNow("Ignoring \"" + unused + "\" as it is not used in \"systemd\"");
                }
            }
        }
        ctx.verbose(4, "Running ansible.legacy." + manager);
        return module.run(ctx, moduleArgs);
    }

    /**
     * The variables of the host whose facts say its service manager: the delegate's for a delegated task (the engine's
     * {@code ansible_delegated_vars}, its one entry), as the plugin reads {@code hostvars[delegate_to].ansible_facts},
     * else the task's host's.
     */
    private static Map<?, ?> factsHost(ModuleContext ctx) {
        if (ctx.vars().get("ansible_delegated_vars") instanceof Map<?, ?> delegated && delegated.size() == 1
                && delegated.values().iterator().next() instanceof Map<?, ?> theirs) {
            return theirs;
        }
        return ctx.vars();
    }

    /** {@code ansible_service_mgr} as the plugin gathers it when the host's facts do not say; auto when none says. */
    private String gathered(ModuleContext ctx) throws ModuleException, InterruptedException {
        LibraryModule setup = modules.builtin("setup").orElse(null);
        if (setup == null) {
            return "auto";
        }
        Result facts = setup.run(ctx, Map.of("gather_subset", "!all", "filter", "ansible_service_mgr"));
        if (facts.data().get("ansible_facts") instanceof Map<?, ?> f && f.get("ansible_service_mgr") != null) {
            return String.valueOf(f.get("ansible_service_mgr"));
        }
        return "auto";
    }
}
