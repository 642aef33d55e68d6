package io.runbook.engine.builtin;

import io.runbook.engine.report.PythonRepr;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks values against an argument spec (the {@code options} of an entry point of a role's
 * {@code meta/argument_specs.yml}) as Ansible's ArgumentSpecValidator does, in its order and with its messages:
 * suboptions that are not mappings, {@code required}, {@code type} and {@code elements}, {@code choices}, then
 * {@code options} of dict options, recursively; names the spec does not know come last, in one message.
 */
final class ArgumentSpecCheck {
    private final List<String> errors = new ArrayList<>();
    private final Set<String> unsupported = new TreeSet<>();
    private List<String> supported = List.of();

    /** The error messages; empty when the values fit the spec. */
    static List<String> errors(Map<String, Object> spec, Map<String, Object> values) {
        ArgumentSpecCheck check = new ArgumentSpecCheck();
        check.validate(spec, new LinkedHashMap<>(values), new ArrayList<>());
        if (!check.unsupported.isEmpty()) {
            check.errors.add(String.join(", ", check.unsupported) + ". Supported parameters include: "
                    + String.join(", ", check.supported) + ".");
        }
        return check.errors;
    }

    private void validate(Map<String, Object> spec, Map<String, Object> params, List<String> context) {
        checkSubMappings(spec, params);
        aliases(spec, params);
        unknownNames(spec, params, context);
        defaults(spec, params, false);
        required(spec, params, context);
        types(spec, params, context);
        choices(spec, params, context);
        defaults(spec, params, true);
        for (Map.Entry<String, Object> e : spec.entrySet()) {
            suboptions(e.getKey(), option(e.getValue()), params, context);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> option(Object spec) {
        return spec instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    private static boolean holdsMappings(Map<String, Object> opt) {
        return "dict".equals(opt.get("type")) || "list".equals(opt.get("type")) && "dict".equals(opt.get("elements"));
    }

    /** Ansible's no_log pass: the first dict option whose value is text that is no mapping is an error. */
    private void checkSubMappings(Map<String, Object> spec, Map<String, Object> params) {
        for (Map.Entry<String, Object> e : spec.entrySet()) {
            Map<String, Object> opt = option(e.getValue());
            Object value = params.get(e.getKey());
            if (opt.get("options") == null || value == null || !holdsMappings(opt)) {
                continue;
            }
            for (Object item : value instanceof List<?> l ? l : List.of(value)) {
                if (item instanceof CharSequence) {
                    try {
                        SpecTypes.dict(item);
                    } catch (SpecTypes.Mismatch m) {
                        errors.add(m.getMessage());
                        return;
                    }
                }
            }
        }
    }

    private static void aliases(Map<String, Object> spec, Map<String, Object> params) {
        for (Map.Entry<String, Object> e : spec.entrySet()) {
            if (option(e.getValue()).get("aliases") instanceof List<?> names) {
                for (Object alias : names) {
                    if (params.containsKey(String.valueOf(alias)) && !params.containsKey(e.getKey())) {
                        params.put(e.getKey(), params.get(String.valueOf(alias)));
                    }
                }
            }
        }
    }

    private void unknownNames(Map<String, Object> spec, Map<String, Object> params, List<String> context) {
        Set<String> legal = new LinkedHashSet<>(spec.keySet());
        Set<String> aliasNames = new LinkedHashSet<>();
        spec.values().forEach(v -> {
            if (option(v).get("aliases") instanceof List<?> names) {
                names.forEach(n -> aliasNames.add(String.valueOf(n)));
            }
        });
        legal.addAll(aliasNames);
        for (String name : params.keySet()) {
            if (!legal.contains(name)) {
                List<String> path = new ArrayList<>(context);
                path.add(name);
                unsupported.add(String.join(".", path));
                supported = new TreeSet<>(spec.keySet()).stream().toList();
            }
        }
    }

    private static void defaults(Map<String, Object> spec, Map<String, Object> params, boolean evenNone) {
        for (Map.Entry<String, Object> e : spec.entrySet()) {
            Object def = option(e.getValue()).get("default");
            if (!params.containsKey(e.getKey()) && (def != null || evenNone)) {
                params.put(e.getKey(), def);
            }
        }
    }

    private void required(Map<String, Object> spec, Map<String, Object> params, List<String> context) {
        Set<String> missing = new TreeSet<>();
        spec.forEach((name, opt) -> {
            if (Boolean.TRUE.equals(io.runbook.engine.module.ArgValidator.parseBool(option(opt).get("required")))
                    && !params.containsKey(name)) {
                missing.add(name);
            }
        });
        if (!missing.isEmpty()) {
            errors.add("missing required arguments: " + String.join(", ", missing)
                    + (context.isEmpty() ? "" : " found in " + String.join(" -> ", context)));
        }
    }

    private void types(Map<String, Object> spec, Map<String, Object> params, List<String> context) {
        String found = context.isEmpty() ? "" : " found in '" + String.join(" -> ", context) + "'.";
        for (Map.Entry<String, Object> e : spec.entrySet()) {
            String name = e.getKey();
            Object value = params.get(name);
            if (value == null) {
                continue;
            }
            Map<String, Object> opt = option(e.getValue());
            String type = opt.get("type") == null ? "str" : String.valueOf(opt.get("type"));
            try {
                Object converted = SpecTypes.convert(type, value);
                params.put(name, converted);
                if (opt.get("elements") != null) {
                    params.put(name, elements(String.valueOf(opt.get("elements")), name, converted, type, context));
                }
            } catch (SpecTypes.Mismatch m) {
                errors.add("argument '" + name + "' is of type " + SpecTypes.pythonType(value) + found
                        + " and we were unable to convert to " + type + ": " + m.getMessage());
            }
        }
    }

    private Object elements(String type, String name, Object values, String outerType, List<String> context) {
        if (!"list".equals(outerType) || !(values instanceof List<?> list)) {
            errors.add("Invalid type " + outerType + " for option '" + PythonRepr.str(values) + "'"
                    + (context.isEmpty() ? "" : " found in '" + String.join(" -> ", context) + "'.")
                    + ", elements value check is supported only with 'list' type");
            return values;
        }
        List<Object> out = new ArrayList<>();
        for (Object item : list) {
            try {
                out.add(SpecTypes.convert(type, item));
            } catch (SpecTypes.Mismatch m) {
                errors.add("Elements value for option '" + name + "'"
                        + (context.isEmpty() ? "" : " found in '" + String.join(" -> ", context) + "'")
                        + " is of type " + SpecTypes.pythonType(item) + " and we were unable to convert to " + type
                        + ": " + m.getMessage());
            }
        }
        return out;
    }

    private void choices(Map<String, Object> spec, Map<String, Object> params, List<String> context) {
        for (Map.Entry<String, Object> e : spec.entrySet()) {
            if (!(option(e.getValue()).get("choices") instanceof List<?> choices) || !params.containsKey(e.getKey())) {
                continue;
            }
            Object value = params.get(e.getKey());
            String listed = String.join(", ", choices.stream().map(PythonRepr::str).toList());
            String in = context.isEmpty() ? "" : " found in " + String.join(" -> ", context);
            if (value instanceof List<?> many) {
                List<String> bad = many.stream().filter(v -> !contains(choices, v)).map(PythonRepr::str).toList();
                if (!bad.isEmpty()) {
                    errors.add("value of " + e.getKey() + " must be one or more of: " + listed + ". Got no match for: "
                            + String.join(", ", bad) + in);
                }
            } else if (!contains(choices, value)) {
                errors.add("value of " + e.getKey() + " must be one of: " + listed + ", got: " + PythonRepr.str(value) + in);
            }
        }
    }

    /** Python's {@code in}: 1 == 1.0 == True. */
    private static boolean contains(List<?> choices, Object value) {
        for (Object c : choices) {
            if (java.util.Objects.equals(c, value) || c instanceof Number a && value instanceof Number b
                    && a.doubleValue() == b.doubleValue()) {
                return true;
            }
        }
        return false;
    }

    @SuppressWarnings("unchecked")
    private void suboptions(String name, Map<String, Object> opt, Map<String, Object> params, List<String> context) {
        if (!holdsMappings(opt) || !(opt.get("options") instanceof Map<?, ?> sub)) {
            return;
        }
        Object value = params.get(name);
        if (value == null && Boolean.TRUE.equals(opt.get("apply_defaults"))) {
            value = new LinkedHashMap<String, Object>();
            params.put(name, value);
        }
        if (value == null) {
            return;
        }
        List<String> inner = new ArrayList<>(context);
        inner.add(name);
        for (Object item : value instanceof List<?> l ? l : List.of(value)) {
            if (!(item instanceof Map<?, ?> m)) {
                errors.add("value of '" + name + "' must be of type dict or list of dicts");
                continue;
            }
            validate((Map<String, Object>) sub, new LinkedHashMap<>((Map<String, Object>) m), inner);
        }
    }
}
