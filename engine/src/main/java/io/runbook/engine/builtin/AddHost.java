package io.runbook.engine.builtin;

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
                .arg(Arg.str("name").required().aliases("host", "hostname").description("the host's inventory name"))
                .arg(Arg.raw("groups").aliases("group", "groupname")
                        .description("groups to put it in (a list, or names separated by commas); made when missing"))
                .build();
    }

    @Override
    public Result run(ModuleContext ctx) {
        List<String> groups = new ArrayList<>();
        Object written = ctx.args().raw("groups");
        if (written instanceof Collection<?> c) {
            c.forEach(g -> groups.add(String.valueOf(g).trim()));
        } else if (written != null) {
            for (String g : String.valueOf(written).split(",")) {
                if (!g.isBlank()) {
                    groups.add(g.trim());
                }
            }
        }
        // Ansible's other keys (host variables such as ansible_host) are not accepted yet: the spec refuses them
        Map<String, Object> vars = new LinkedHashMap<>();
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("host_name", ctx.args().string("name"));
        info.put("groups", groups);
        info.put("host_vars", vars);
        return Result.ok().with(ADD_HOST, info);
    }
}
