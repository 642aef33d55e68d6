package io.runbook.modules.packages;

import io.runbook.engine.module.Arg;
import io.runbook.engine.module.ArgSpec;
import io.runbook.engine.module.Module;
import io.runbook.engine.module.ModuleContext;
import io.runbook.engine.module.ModuleException;
import io.runbook.engine.module.Result;
import io.runbook.engine.module.WrittenArgs;
import io.runbook.modules.connection.CommandLine;
import io.runbook.modules.connection.Execution;
import io.runbook.modules.connection.HostConnections;
import java.util.List;
import java.util.Map;

/**
 * {@code package}: as Ansible's package action, the host's package manager module with the task's arguments. The
 * manager is {@code use}, else the host's {@code ansible_facts.pkg_mgr}, else found on the host as fact gathering
 * finds it. The engine has the apt module only: another manager fails the task with Ansible's
 * {@code Could not find a module for …} message.
 */
public final class PackageModule implements Module {
    private static final ArgSpec SPEC = AptModule.specWith(ArgSpec.builder())
            .arg(Arg.str("use").defaultValue("auto").description("the package manager module (`apt`); auto: the host's"
                    + " `ansible_facts.pkg_mgr`, or found on the host"))
            .build();
    private static final String DETECT = "for p in apt-get dnf yum apk zypper pacman; do command -v $p && exit 0; done; exit 0";
    private static final Map<String, String> MANAGERS = Map.of("apt-get", "apt", "dnf", "dnf", "yum", "yum", "apk", "apk",
            "zypper", "zypper", "pacman", "pacman");

    private final AptModule apt = new AptModule();

    @Override
    public String name() {
        return "package";
    }

    @Override
    public ArgSpec spec() {
        return SPEC;
    }

    @Override
    public String description() {
        return "Install or remove packages with the host's package manager (apt)";
    }

    /** As Ansible's package action plugin, which runs the apt module without {@code use}: apt's arguments. */
    @Override
    public Map<String, Object> echoedArgs(io.runbook.engine.module.Args args) {
        return io.runbook.engine.module.ArgsEcho.moduleArgs("apt", SPEC, args);
    }

    @Override
    public void checkWritten(WrittenArgs args) {
        apt.checkWritten(args);
    }

    @Override
    public Result run(ModuleContext ctx) throws ModuleException, InterruptedException {
        String manager = ctx.args().string("use");
        if ("auto".equals(manager) && ctx.vars().get("ansible_facts") instanceof Map<?, ?> facts && facts.get("pkg_mgr") != null) {
            manager = String.valueOf(facts.get("pkg_mgr"));
        }
        if ("auto".equals(manager)) {
            manager = detect(ctx);
        }
        if (!"apt".equals(manager)) {
            return Result.failed("Could not find a module for " + manager + ".");
        }
        return apt.run(ctx);
    }

    /** The manager fact gathering would name: the first of apt-get, dnf, yum, apk, zypper, pacman the host has. */
    private static String detect(ModuleContext ctx) throws ModuleException, InterruptedException {
        Execution e = HostConnections.of(ctx).run(new CommandLine(List.of("sh", "-c", DETECT), null, null, Map.of()));
        String path = e.stdout().strip();
        if (path.isEmpty()) {
            return "unknown";
        }
        return MANAGERS.getOrDefault(path.substring(path.lastIndexOf('/') + 1), "unknown");
    }
}
