package io.runbook.engine.module;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * A module's echo of its arguments, as an Ansible module's result carries it ({@code invocation: {module_args: …}},
 * AnsibleModule's {@code params}): every argument of its spec after defaults (null when it has none), an alias the task
 * wrote beside the argument's own name, the value of a secret argument as {@value #NO_LOG} and that value's text inside
 * the other arguments' text as {@code ********} (AnsibleModule's remove_values).
 */
public final class ArgsEcho {
    /** What AnsibleModule puts in place of a no_log argument's value. */
    public static final String NO_LOG = "VALUE_SPECIFIED_IN_NO_LOG_PARAMETER";

    private ArgsEcho() {
    }

    /** The result's {@code invocation}: {@code {module_args: …}} for these arguments of this spec. */
    public static Map<String, Object> invocation(Map<String, Object> moduleArgs) {
        Map<String, Object> invocation = new LinkedHashMap<>();
        invocation.put("module_args", moduleArgs);
        return invocation;
    }

    /** The module's arguments as AnsibleModule's params (keys sorted, as Ansible's callbacks show them). */
    public static Map<String, Object> moduleArgs(ArgSpec spec, Args args) {
        return moduleArgs(null, spec, args);
    }

    /**
     * As {@link #moduleArgs(ArgSpec, Args)}, for the engine's module standing for ansible-core's module {@code ansible}:
     * the arguments that module's spec has, with its default where the task did not write the argument
     * (ansible-core's {@code unsafe_writes} false, stat's {@code get_md5}, the SELinux options), none it lacks.
     */
    public static Map<String, Object> moduleArgs(String ansible, ArgSpec spec, Args args) {
        Map<String, Object> ansibleSpec = ansible == null ? null : AnsibleArgSpecs.of(ansible);
        Map<String, Object> params = new TreeMap<>();
        if (ansibleSpec != null) {
            params.putAll(ansibleSpec);
        }
        List<String> secrets = new ArrayList<>();
        for (Arg arg : spec.args()) {
            String key = ansibleSpec == null ? arg.name() : ansibleName(arg, ansibleSpec);
            if (key == null) {
                continue;
            }
            Object value = plain(args.raw(arg.name()));
            if (ansibleSpec != null && (value == null || !args.isWritten(arg.name()))) {
                value = ansibleSpec.get(key);
            }
            if (arg.isSecret() && value != null) {
                secrets.add(String.valueOf(value));
                value = NO_LOG;
            }
            params.put(key, value);
            String written = args.writtenAs(arg.name());
            if (written != null && !written.equals(key)) {
                params.put(written, value);
            }
        }
        if (secrets.isEmpty()) {
            return params;
        }
        Map<String, Object> masked = new TreeMap<>();
        params.forEach((k, v) -> masked.put(k, masked(v, secrets)));
        return masked;
    }

    /** The argument's name in ansible-core's spec: its own, else the first of its aliases there (apt's package), or null. */
    private static String ansibleName(Arg arg, Map<String, Object> ansibleSpec) {
        if (ansibleSpec.containsKey(arg.name())) {
            return arg.name();
        }
        return arg.aliases().stream().filter(ansibleSpec::containsKey).findFirst().orElse(null);
    }

    /**
     * The arguments ansible-core's module {@code ansible} echoes when an action plugin gives it {@code given}: its spec's
     * arguments with their defaults, {@code given}'s values for those of them it has (an action's arguments for another
     * module: Ansible's copy action's for the copy or file module).
     */
    public static Map<String, Object> asModule(String ansible, Map<String, Object> given) {
        Map<String, Object> params = new TreeMap<>(AnsibleArgSpecs.of(ansible));
        given.forEach((k, v) -> {
            if (params.containsKey(k)) {
                params.put(k, plain(v));
            }
        });
        return params;
    }

    /** The arguments the task wrote, by their own names. */
    public static Map<String, Object> written(Args args) {
        Map<String, Object> out = new LinkedHashMap<>();
        args.asMap().forEach((k, v) -> {
            if (args.isWritten(k)) {
                out.put(k, v);
            }
        });
        return out;
    }

    /** A value as Ansible's JSON gives it: a path as its text, a length of time as its seconds, whole seconds as an int. */
    private static Object plain(Object value) {
        return walk(value, v -> {
            if (v instanceof Path p) {
                return p.toString();
            }
            if (v instanceof Duration d) {
                return d.toNanos() % 1_000_000_000L == 0 ? d.toSeconds() : d.toNanos() / 1e9;
            }
            if (v instanceof Double d && d == Math.rint(d) && !d.isInfinite()) {
                return d.longValue();  // a time argument the engine takes as a number: Ansible's modules take int seconds
            }
            return v;
        });
    }

    /** The value with each secret's text masked, as AnsibleModule's remove_values. */
    private static Object masked(Object value, List<String> secrets) {
        return walk(value, v -> {
            if (!(v instanceof String s)) {
                return v;
            }
            if (!s.equals(NO_LOG) && secrets.contains(s)) {
                return NO_LOG;
            }
            for (String secret : secrets) {
                if (!secret.isEmpty()) {
                    s = s.replace(secret, "********");
                }
            }
            return s;
        });
    }

    /** The value with {@code leaf} applied to everything in it that is no map or list. */
    private static Object walk(Object value, UnaryOperator<Object> leaf) {
        if (value instanceof Map<?, ?> m) {
            Map<Object, Object> out = new LinkedHashMap<>();
            m.forEach((k, v) -> out.put(k, walk(v, leaf)));
            return out;
        }
        if (value instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            l.forEach(v -> out.add(walk(v, leaf)));
            return out;
        }
        return leaf.apply(value);
    }
}
