package io.runbook.engine.builtin;

import io.runbook.engine.inventory.HostAddress;
import io.runbook.engine.module.Arg;
import io.runbook.engine.module.ArgSpec;
import io.runbook.engine.module.Module;
import io.runbook.engine.module.ModuleContext;
import io.runbook.engine.module.Result;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code add_host}: adds a host (or updates one) in the run's inventory, for the later plays, as Ansible's add_host.
 * The module only describes it ({@code add_host}: host_name, groups, host_vars); the engine changes the inventory and
 * sets {@code changed}. Like Ansible's, it runs once per task, not once per host (loop over hosts to add several).
 */
public final class AddHost implements Module {
    /** The result key the engine reads. */
    public static final String ADD_HOST = "add_host";

    @Override
    public boolean bypassesHostLoop() {
        return true;
    }

    @Override
    public String name() {
        return "add_host";
    }

    @Override
    public String description() {
        return "Add a host (with variables and groups) to the run's inventory, for the later plays.";
    }

    @Override
    public ArgSpec spec() {
        return ArgSpec.builder()
                .arg(Arg.str("name").required().aliases("host", "hostname").description("the host's inventory name"
                        + " (`NAME:PORT` sets `ansible_ssh_port`, as Ansible's)"))
                .arg(Arg.raw("groups").aliases("group", "groupname")
                        .description("groups to put it in (a list, or names separated by commas); made when missing"))
                .otherKeys("host variables of the host (`ansible_host: 10.0.0.5`, `region: eu`), as Ansible's")
                .build();
    }

    @Override
    public Result run(ModuleContext ctx) {
        Map<String, Object> vars = new LinkedHashMap<>(ctx.args().others());
        // as Ansible's: the aliases host and group are host variables too (only name, hostname, groupname and
        // groups are not)
        for (String arg : List.of("name", "groups")) {
            String written = ctx.args().writtenAs(arg);
            if (written != null && (written.equals("host") || written.equals("group"))) {
                vars.put(written, ctx.args().raw(arg));
            }
        }
        // as Ansible's add_host: NAME:PORT and [IPV6]:PORT give a port, ranges are not read, and a name that is no
        // address is the host's name as written
        HostAddress address = HostAddress.parseOrKeep(ctx.args().string("name"), false);
        if (address.hasPort()) {
            vars.put("ansible_ssh_port", address.port());
        }
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("host_name", address.host());
        info.put("groups", groups(ctx.args().raw("groups")));
        info.put("host_vars", vars);
        return Result.ok().with(ADD_HOST, info);
    }

    private static List<String> groups(Object written) {
        List<String> groups = new ArrayList<>();
        if (written instanceof Collection<?> c) {
            c.forEach(g -> addOnce(groups, String.valueOf(g).trim()));
        } else if (written != null) {
            for (String g : String.valueOf(written).split(",")) {
                if (!g.isBlank()) {
                    addOnce(groups, g.trim());
                }
            }
        }
        return groups;
    }

    private static void addOnce(List<String> groups, String g) {
        if (!groups.contains(g)) {
            groups.add(g);
        }
    }
}
