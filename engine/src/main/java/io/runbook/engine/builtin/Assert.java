package io.runbook.engine.builtin;

import io.runbook.engine.error.SourcePosition;
import io.runbook.engine.module.Arg;
import io.runbook.engine.module.ArgSpec;
import io.runbook.engine.module.Expressions;
import io.runbook.engine.module.Module;
import io.runbook.engine.module.ModuleContext;
import io.runbook.engine.module.Result;
import io.runbook.engine.vars.Conditions;
import java.util.Collections;
import java.util.List;

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
                .arg(Arg.raw("that").required().description("a condition, or a list of conditions that must all hold "
                        + "(an item YAML reads as a mapping, list or number holds unless it is empty or zero, as in Ansible)"))
                .arg(Arg.raw("fail_msg").aliases("msg").description("message when a condition is false"))
                .arg(Arg.raw("success_msg").description("message when all hold"))
                .arg(Arg.bool("quiet").defaultValue(false).description("shorter output on success"))
                .build();
    }

    @Override
    public Result run(ModuleContext ctx) {
        for (String[] key : new String[][] {{"fail_msg", "fail_msg or msg"}, {"success_msg", "success_msg"}}) {
            String wrong = wrongMessage(ctx.args().has(key[0]) ? ctx.args().raw(key[0]) : null, key[1]);
            if (wrong != null) {
                return Result.failed(wrong);
            }
        }
        Expressions expressions = (Expressions) ctx;
        SourcePosition where = ctx.args().position("that");
        // as Ansible's assert: a string is one condition, even with commas in it ("[1, 2] == [1, 2]")
        Object that = ctx.args().raw("that");
        List<?> conditions = that instanceof List<?> l ? l : Collections.singletonList(that);
        Object written = expressions.written("that");
        for (int i = 0; i < conditions.size(); i++) {
            Object condition = conditions.get(i);
            // an empty item (a bare '-') holds, as in Ansible, whose conditional is true when it is None or ''
            if (condition == null || "".equals(condition)) {
                continue;
            }
            // as Ansible's assert, the failure names the condition as written (its templates not rendered)
            Object source = asWritten(that, written, i, condition);
            String warning = Conditions.delimiterWarning(source);
            if (warning != null) {
                expressions.displayWarning(warning);
            }
            if (condition instanceof Boolean holds) {
                if (!holds) {
                    return failed(ctx, source, false);
                }
            } else if (condition instanceof CharSequence text) {
                if (!expressions.test(text.toString(), where)) {
                    return failed(ctx, source, false);
                }
            } else if (!Conditions.truthy(condition)) {
                // as Ansible's conditional: an item YAML reads as a mapping, list or number (`- x == y: z`) is
                // templated, not evaluated, and holds unless it is empty or zero
                return failed(ctx, source, condition);
            }
        }
        Object msg = message(ctx, "success_msg", "All assertions passed");
        return msg instanceof List<?> ? Result.ok().with("msg", msg) : Result.ok().withMsg(String.valueOf(msg));
    }

    /** fail_msg (msg) or success_msg: text, or a list of texts kept as a list (checked first: {@link #wrongMessage}). */
    private static Object message(ModuleContext ctx, String key, String fallback) {
        Object msg = ctx.args().has(key) ? ctx.args().raw(key) : null;
        return msg == null ? fallback : msg;
    }

    /** Why a message is refused, in Ansible's assert's words; null when it is text or a list of texts (or absent). */
    private static String wrongMessage(Object msg, String what) {
        if (msg == null || msg instanceof CharSequence) {
            return null;
        }
        if (msg instanceof List<?> list) {
            return list.stream().allMatch(x -> x instanceof CharSequence) ? null
                    : "Type of one of the elements in " + what + " list is not string type";
        }
        String type = msg instanceof Boolean ? "bool" : msg instanceof Integer || msg instanceof Long ? "int"
                : msg instanceof Number ? "float" : msg instanceof java.util.Map<?, ?> ? "dict" : msg.getClass().getSimpleName();
        return "Incorrect type for " + what + ", expected a string or list and got <class '" + type + "'>";
    }

    /**
     * The condition as the task wrote it, which Ansible's assert looks at for Jinja delimiters: the item of a written
     * list, or a written mapping; a condition written as one string is rendered first, as Ansible renders it.
     */
    private static Object asWritten(Object that, Object written, int i, Object condition) {
        if (that instanceof List<?> rendered && written instanceof List<?> items && items.size() == rendered.size()) {
            return items.get(i);
        }
        return written != null && !(written instanceof CharSequence) && !(that instanceof List<?>) ? written : condition;
    }

    private static Result failed(ModuleContext ctx, Object assertion, Object evaluatedTo) {
        Object msg = message(ctx, "fail_msg", "Assertion failed");
        Result failed = msg instanceof List<?> ? Result.failed(null).with("msg", msg) : Result.failed(String.valueOf(msg));
        return failed.with("assertion", assertion).with("evaluated_to", evaluatedTo);
    }
}
