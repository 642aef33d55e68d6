package io.runbook.engine.builtin;

import io.runbook.engine.error.UserError;
import io.runbook.engine.module.Arg;
import io.runbook.engine.module.ArgSpec;
import io.runbook.engine.module.Module;
import io.runbook.engine.module.ModuleContext;
import io.runbook.engine.module.Result;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * {@code group_by}: puts the host into a group made from its variables, for the rest of the run, as Ansible's
 * group_by. The module only names the group ({@code add_group}, {@code parent_groups}); the engine then adds the host
 * to the run's inventory and sets {@code changed} to whether it was not in the group yet.
 */
public final class GroupBy implements Module {
    /** The result key the engine reads the group's name from. */
    public static final String ADD_GROUP = "add_group";
    /** The result key the engine reads the parent groups from. */
    public static final String PARENT_GROUPS = "parent_groups";

    @Override
    public String name() {
        return "group_by";
    }

    @Override
    public String description() {
        return "Put the host into a group named from its variables, for the later tasks and plays of the run.";
    }

    @Override
    public ArgSpec spec() {
        return ArgSpec.builder()
                .arg(Arg.str("key").required().description("the group's name (spaces become '-'); made when missing"))
                .arg(Arg.raw("parents").defaultValue(List.of("all"))
                        .description("the group's parent groups (a name or a list; missing ones are made under all)"))
                .build();
    }

    @Override
    public Result run(ModuleContext ctx) {
        List<String> parents = new ArrayList<>();
        Object written = ctx.args().raw("parents");
        if (written instanceof Collection<?> c) {
            c.forEach(p -> parents.add(groupName(String.valueOf(p))));
        } else if (written != null) {
            parents.add(groupName(String.valueOf(written)));
        }
        String key = ctx.args().string("key");
        if (key.isBlank()) {
            throw new UserError(ctx.args().position("key"), "group_by needs a group name: 'key' rendered to an empty text");
        }
        return Result.ok().with(ADD_GROUP, groupName(key)).with(PARENT_GROUPS, parents);
    }

    /** As Ansible: spaces in a group name become dashes. */
    private static String groupName(String name) {
        return name.replace(' ', '-');
    }
}
