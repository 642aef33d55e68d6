package io.runbook.engine.builtin;

import io.runbook.engine.module.Arg;
import java.util.List;
import io.runbook.engine.module.ArgSpec;
import io.runbook.engine.module.ArgType;
import io.runbook.engine.module.Expressions;
import io.runbook.engine.module.Module;
import io.runbook.engine.module.ModuleContext;
import io.runbook.engine.module.Result;

/** {@code assert}: fails when any of the conditions in {@code that} is false, naming the one that was. */
public final class Assert implements Module {
    @Override
    public String name() {
        return "assert";
    }

    @Override
    public String description() {
        return "Fail unless every condition holds.";
    }

    @Override
    public ArgSpec spec() {
        return ArgSpec.builder()
                .arg(Arg.raw("that").required().description("a condition, or a list of conditions that must all hold"))
                .arg(Arg.raw("fail_msg").aliases("msg").description("message when a condition is false"))
                .arg(Arg.raw("success_msg").description("message when all hold"))
                .arg(Arg.bool("quiet").defaultValue(false).description("shorter output on success"))
                .build();
    }

    @Override
    public Result run(ModuleContext ctx) {
        Expressions expressions = (Expressions) ctx;
        // as Ansible's assert: a string is one condition, even with commas in it ("[1, 2] == [1, 2]")
        Object that = ctx.args().raw("that");
        // an empty item (a bare '-') holds, as in Ansible, whose conditional is true when it is None
        List<String> conditions = that instanceof List<?> l ? l.stream().filter(java.util.Objects::nonNull).map(String::valueOf).toList()
                : List.of(String.valueOf(that));
        for (String condition : conditions) {
            if (!expressions.test(condition, ctx.args().position("that"))) {
                Object msg = ctx.args().has("fail_msg") ? ctx.args().raw("fail_msg") : "Assertion failed";
                return Result.failed(String.valueOf(msg)).with("assertion", condition).with("evaluated_to", false);
            }
        }
        Object msg = ctx.args().has("success_msg") ? ctx.args().raw("success_msg") : "All assertions passed";
        return Result.ok().withMsg(String.valueOf(msg));
    }
}
