package io.runbook.engine.builtin;

import io.runbook.engine.error.SourcePosition;
import io.runbook.engine.module.Arg;
import io.runbook.engine.module.ArgSpec;
import io.runbook.engine.module.ArgType;
import io.runbook.engine.module.Expressions;
import io.runbook.engine.module.Module;
import io.runbook.engine.module.ModuleContext;
import io.runbook.engine.module.Result;
import io.runbook.engine.report.PythonRepr;
import io.runbook.engine.vars.UndefinedVariableError;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** {@code debug}: prints a message or a variable's value; never changes anything. */
public final class Debug implements Module {
    /** What Ansible's debug shows for a {@code var} whose value cannot be had. */
    private static final String NOT_DEFINED = "VARIABLE IS NOT DEFINED!";

    @Override
    public String name() {
        return "debug";
    }

    @Override
    public String description() {
        return "Print a message (msg) or the value of a variable or expression (var).";
    }

    @Override
    public ArgSpec spec() {
        return ArgSpec.builder()
                .arg(Arg.raw("msg").description("the message; a mapping or list is printed as such"))
                .arg(Arg.raw("var").description("a variable name or expression whose value is printed (a value that is no text:"
                        + " VARIABLE IS NOT DEFINED!, as Ansible's)"))
                .arg(Arg.of("verbosity", ArgType.INT).defaultValue(0).description("print only at this -v level or above;"
                        + " below it the task is skipped, as Ansible's"))
                .mutuallyExclusive("msg", "var")
                .build();
    }

    @Override
    public Result run(ModuleContext ctx) {
        Object level = ctx.vars().get("ansible_verbosity");
        int verbosity = level instanceof Number n ? n.intValue() : 0;
        if (ctx.args().integer("verbosity") > verbosity) {
            // as Ansible's debug action: the reason under skipped_reason, no msg
            return Result.skipped(null).with("skipped_reason", "Verbosity threshold not met.");
        }
        if (ctx.args().isWritten("var")) {
            Object var = ctx.args().raw("var");
            if (ctx.args().isUnsafe("var")) {
                // as Ansible's: unsafe text is never templated, so the expression it names is shown as written
                return Result.ok().with(key(var), "{{" + var + "}}");
            }
            return Result.ok().with(key(var), value((Expressions) ctx, var, ctx.vars(), ctx.args().position("var"), verbosity));
        }
        // as Ansible's: a msg that came out null is printed as null; only a task without msg says hello
        Object msg = ctx.args().has("msg") ? ctx.args().raw("msg") : ctx.args().isWritten("msg") ? null : "Hello world!";
        return Result.ok().with("msg", msg);
    }

    /**
     * Ansible's debug action's value of {@code var} (as the task's templating left it: any value, None too): rendered
     * through the Templar as a bare variable ({@code convert_bare}), and when that gives {@code var} back, a text is
     * rendered once more as {@code "{{" + var + "}}"} (any other value is undefined); undefined is
     * {@code VARIABLE IS NOT DEFINED!} (with -v, and the cause). Whether a None shows as None or as nothing is the
     * Templar's rule (a variable written alone keeps None).
     */
    private static Object value(Expressions templar, Object var, Map<String, Object> vars, SourcePosition where, int verbosity) {
        try {
            Object results = templar.template(bare(var, vars), where);
            if (Objects.equals(results, var)) {
                if (!(results instanceof String name)) {
                    return notDefined(null, verbosity);
                }
                results = templar.template("{{" + name + "}}", where);
            }
            return results;
        } catch (UndefinedVariableError e) {
            return notDefined(e, verbosity);
        }
    }

    /**
     * Ansible's Templar's {@code _convert_bare_variable}: a text with a filter, or whose first name is a variable, and
     * with no {@code {{} of its own, wrapped as {@code "{{" + text + "}}"}; anything else as it is.
     */
    private static Object bare(Object var, Map<String, Object> vars) {
        if (!(var instanceof String text)) {
            return var;
        }
        String first = text.split("\\|", -1)[0].split("\\.", -1)[0].split("\\[", -1)[0];
        return (text.contains("|") || vars.containsKey(first)) && !text.contains("{{") ? "{{" + text + "}}" : text;
    }

    /** Ansible's words for it; with -v its cause too (AnsibleUndefinedVariable's text, its cause said twice). */
    private static String notDefined(UndefinedVariableError e, int verbosity) {
        if (verbosity == 0) {
            return NOT_DEFINED;
        }
        return NOT_DEFINED + ": " + (e == null ? "" : e.ansibleCause() + ". " + e.ansibleCause());
    }

    /**
     * The result's key: {@code var} as a JSON key of the Python value (None {@code null}, a boolean {@code true}),
     * and for a list or a mapping its type, as Ansible's debug names it.
     */
    private static String key(Object var) {
        if (var instanceof List<?>) {
            return "<class 'list'>";
        }
        if (var instanceof Map<?, ?>) {
            return "<class 'dict'>";
        }
        if (var == null || var instanceof Boolean) {
            return String.valueOf(var);
        }
        return var instanceof String s ? s : PythonRepr.str(var);
    }
}
