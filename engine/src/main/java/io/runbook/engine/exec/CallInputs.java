package io.runbook.engine.exec;

import io.runbook.engine.error.SourcePosition;
import io.runbook.engine.error.UserError;
import io.runbook.engine.module.Arg;
import io.runbook.engine.module.ArgValidator;
import io.runbook.engine.module.Args;
import io.runbook.engine.module.Module;
import io.runbook.engine.playbook.Task;
import io.runbook.engine.vars.Templar;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one call of a task's action is given, rendered with the host's variables: its arguments (those rendered to
 * {@code omit} left out) checked against the module's spec, its {@code environment} and its time limit. A template that
 * cannot be rendered throws {@link UserError}, as Ansible's post_validate fails the task; so do arguments the module
 * refuses, which {@link ModuleCall}, which runs the call, turns into a failed result.
 */
final class CallInputs {
    /** The value of {@code omit}: an argument rendered to it is left out, as with Ansible's {@code default(omit)}. */
    static final String OMIT = "__omit_place_holder__" + Long.toHexString(new java.security.SecureRandom().nextLong());

    private final RunState run;

    CallInputs(RunState run) {
        this.run = run;
    }

    /** The task's arguments rendered with the host's variables; those rendered to {@code omit} left out. */
    Map<String, Object> renderArgs(Task task, Map<String, Object> vars) {
        return renderArgs(task, vars, new java.util.HashSet<>());
    }

    /** The same, adding to {@code unsafe} the arguments whose whole value rendered to unsafe text. */
    Map<String, Object> renderArgs(Task task, Map<String, Object> vars, java.util.Set<String> unsafe) {
        return renderArgs(task.args(), task.argPositions(), task.position(), vars, unsafe);
    }

    /** Arguments {@code args} (written at {@code positions}, else at {@code at}) rendered, as a task's. */
    Map<String, Object> renderArgs(Map<String, Object> args, Map<String, SourcePosition> positions, SourcePosition at,
                                   Map<String, Object> vars, java.util.Set<String> unsafe) {
        Map<String, Object> rendered = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : args.entrySet()) {
            SourcePosition where = positions.getOrDefault(e.getKey(), at);
            // an argument without a template is not rendered (a copy of it) only to be copied again by plain below
            Object text = Templar.rendersToOtherThanItself(e.getValue())
                    ? UndefinedOption.render(run.templar, e.getValue(), vars, where) : e.getValue();
            if (text instanceof io.runbook.engine.vars.UnsafeText) {
                unsafe.add(e.getKey());
            }
            Object value = withoutOmitted(run.templar.plain(text));
            if (!OMIT.equals(value)) {
                rendered.put(e.getKey(), value);
            }
        }
        return VariableParams.merged(rendered, at);
    }

    /** The rendered arguments validated and coerced by the module's spec; its secret ones registered for redaction. */
    Args arguments(Task task, Module module, Map<String, Object> rendered, java.util.Set<String> unsafe) {
        Args args = ArgValidator.coerce(module.name(), module.spec(), rendered, task.argPositions(), task.position(), task.baseDir(),
                        io.runbook.engine.vars.HomeDir.of(run.options.environment()))
                .withUnsafe(unsafe);
        for (Arg a : module.spec().args()) {
            if (a.isSecret() && args.raw(a.name()) != null) {
                run.redactor.add(String.valueOf(args.raw(a.name())));
            }
        }
        return args;
    }

    /** Removes omitted entries from mappings inside an argument (Ansible's remove_omit). */
    static Object withoutOmitted(Object value) {
        if (value instanceof Map<?, ?> m && m.containsValue(OMIT)) {
            Map<Object, Object> out = new LinkedHashMap<>();
            m.forEach((k, v) -> {
                if (!OMIT.equals(v)) {
                    out.put(k, withoutOmitted(v));
                }
            });
            return out;
        }
        return value;
    }

    /** The task's {@code environment} keyword rendered: variables for the processes the module starts. */
    Map<String, String> environment(Task task, Map<String, Object> vars) {
        Map<String, String> env = new LinkedHashMap<>();
        boolean gathering = task.action().equals("gather_facts") || task.action().equals("setup");
        task.keywords().environment().forEach((k, v) -> {
            Object value;
            try {
                value = run.templar.plain(run.templar.render(v, vars, task.position()));
            } catch (io.runbook.engine.vars.UndefinedVariableError e) {
                if (gathering && isEnvFact(e.variable())) {
                    return;  // as Ansible: the facts that define ansible_env are being gathered, so the entry is left out
                }
                throw e;
            }
            if (!k.equals(io.runbook.engine.playbook.Keywords.ENVIRONMENT_TEMPLATE)) {
                env.put(k, String.valueOf(value));
            } else if (value instanceof Map<?, ?> m) {
                m.forEach((name, text) -> env.put(String.valueOf(name), String.valueOf(text)));
            } else {
                throw new UserError(task.position(), "environment must be a mapping of variable "
                        + "names to values; the template gave " + value);
            }
        });
        return env;
    }

    /** {@code ansible_env}, or {@code ansible_facts.env}/{@code ansible_facts['env']}, or a part of them. */
    private static boolean isEnvFact(String variable) {
        return variable != null && (variable.equals("ansible_env") || variable.startsWith("ansible_env.")
                || variable.startsWith("ansible_env[") || variable.matches("ansible_facts(\\.env|\\[['\"]env['\"]\\]).*"));
    }

    /** The task's time limit: its {@code timeout} keyword rendered, else --task-timeout's; null for none. */
    Duration timeout(Task task, Map<String, Object> vars) {
        Object t = task.keywords().timeout();
        if (t == null) {
            return run.options.taskTimeout();
        }
        Object rendered = run.templar.render(t, vars, task.position());
        Duration d = io.runbook.engine.playbook.KeywordValues.timeout(rendered);
        if (d == null) {
            throw new UserError(task.position(), io.runbook.engine.playbook.KeywordValues.timeoutError(rendered));
        }
        return d.isZero() ? null : d;  // as in Ansible, timeout: 0 is no limit
    }
}
