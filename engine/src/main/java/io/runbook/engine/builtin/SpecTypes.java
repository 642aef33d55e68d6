package io.runbook.engine.builtin;

import io.runbook.engine.module.ArgValidator;
import io.runbook.engine.report.PythonRepr;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The types of an argument spec ({@code type:} and {@code elements:} of a role's {@code meta/argument_specs.yml}) and
 * how a value converts to each, with the messages of Ansible's type checkers (its {@code check_type_*}), since
 * playbooks compare them. A value that does not convert is a {@link Mismatch}.
 */
final class SpecTypes {
    /** A value that does not convert; the message is Ansible's. */
    static final class Mismatch extends Exception {
        Mismatch(String message) {
            super(message, null, false, false);
        }
    }

    static final List<String> NAMES = List.of("str", "list", "dict", "bool", "int", "float", "path", "raw", "jsonarg",
            "json", "bytes", "bits");
    private static final Pattern HUMAN_SIZE = Pattern.compile("^\\s*(\\d*\\.?\\d*)\\s*([A-Za-z]+)?\\s*$");
    private static final String UNITS = "BKMGTPEZY";

    private SpecTypes() {
    }

    /** Python's {@code type(value)} as Ansible's messages show it. */
    static String pythonType(Object value) {
        String name;
        if (value == null) {
            name = "NoneType";
        } else if (value instanceof CharSequence) {
            name = "str";
        } else if (value instanceof Boolean) {
            name = "bool";
        } else if (value instanceof Double || value instanceof Float) {
            name = "float";
        } else if (value instanceof Number) {
            name = "int";
        } else if (value instanceof Map) {
            name = "dict";
        } else if (value instanceof List) {
            name = "list";
        } else if (value instanceof byte[]) {
            name = "bytes";
        } else {
            name = value.getClass().getSimpleName();
        }
        return "<class '" + name + "'>";
    }

    static Object convert(String type, Object value) throws Mismatch {
        return switch (type == null ? "str" : type) {
            case "str" -> str(value);
            case "path" -> str(value);
            case "raw" -> value;
            case "list" -> list(value);
            case "dict" -> dict(value);
            case "bool" -> bool(value);
            case "int" -> integer(value);
            case "float" -> number(value);
            case "json", "jsonarg" -> json(value);
            case "bytes" -> size(value, false);
            case "bits" -> size(value, true);
            default -> throw new Mismatch("unknown type '" + type + "' (one of " + String.join(", ", NAMES) + ")");
        };
    }

    private static Object str(Object value) {
        return value instanceof CharSequence s ? s.toString() : PythonRepr.str(value);
    }

    private static Object list(Object value) throws Mismatch {
        if (value instanceof List) {
            return value;
        }
        if (value instanceof CharSequence s) {
            return new ArrayList<Object>(Arrays.asList(s.toString().split(",", -1)));
        }
        if (value instanceof Number && !(value instanceof Boolean)) {
            return List.of(PythonRepr.str(value));
        }
        throw new Mismatch(pythonType(value) + " cannot be converted to a list");
    }

    static Object dict(Object value) throws Mismatch {
        if (value instanceof Map) {
            return value;
        }
        if (!(value instanceof CharSequence cs)) {
            throw new Mismatch(pythonType(value) + " cannot be converted to a dict");
        }
        String s = cs.toString();
        if (s.startsWith("{")) {
            try {
                Object parsed = new com.fasterxml.jackson.databind.ObjectMapper().readValue(s, Object.class);
                if (parsed instanceof Map) {
                    return parsed;
                }
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                // not JSON: as Ansible (which also tries a Python literal), the error below
            }
            throw new Mismatch("unable to evaluate string as dictionary");
        }
        if (s.contains("=")) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (String field : s.trim().split("[\\s,]+")) {
                String[] kv = field.split("=", 2);
                if (kv.length != 2) {
                    throw new Mismatch("dictionary requested, could not parse JSON or key=value");
                }
                out.put(kv[0], kv[1]);
            }
            return out;
        }
        throw new Mismatch("dictionary requested, could not parse JSON or key=value");
    }

    private static Object bool(Object value) throws Mismatch {
        if (value instanceof Boolean) {
            return value;
        }
        if (value instanceof CharSequence || value instanceof Number) {
            Boolean b = value instanceof Number n && n.doubleValue() != 0 && n.doubleValue() != 1 ? null
                    : ArgValidator.parseBool(value instanceof CharSequence s ? s.toString() : value);
            if (b == null) {
                throw new Mismatch("The value '" + PythonRepr.str(value) + "' is not a valid boolean.  Valid booleans "
                        + "include: 'y', 'yes', 'on', '1', 'true', 't', 1, 1.0, 'n', 'no', 'off', '0', 'false', 'f', 0, 0.0");
            }
            return b;
        }
        throw new Mismatch(pythonType(value) + " cannot be converted to a bool");
    }

    private static Object integer(Object value) throws Mismatch {
        if (value instanceof Boolean || value instanceof Integer || value instanceof Long
                || value instanceof java.math.BigInteger) {
            return value;
        }
        if (value instanceof CharSequence s) {
            try {
                return Long.parseLong(s.toString().trim().replace("_", ""));
            } catch (NumberFormatException e) {
                // not an int: as Ansible, the type error below
            }
        }
        throw new Mismatch(pythonType(value) + " cannot be converted to an int");
    }

    private static Object number(Object value) throws Mismatch {
        if (value instanceof Double || value instanceof Float) {
            return value;
        }
        if (value instanceof Number n && !(value instanceof Boolean)) {
            return n.doubleValue();
        }
        if (value instanceof CharSequence s) {
            try {
                return Double.parseDouble(s.toString().trim());
            } catch (NumberFormatException e) {
                // not a float: as Ansible, the type error below
            }
        }
        throw new Mismatch(pythonType(value) + " cannot be converted to a float");
    }

    private static Object json(Object value) throws Mismatch {
        if (value instanceof CharSequence s) {
            return s.toString().strip();
        }
        if (value instanceof List || value instanceof Map) {
            return io.runbook.engine.report.Json.compact(value);
        }
        throw new Mismatch(pythonType(value) + " cannot be converted to a json string");
    }

    /** Ansible's human_to_bytes: {@code 10}, {@code 1.5K}, {@code 2MB}, {@code 1Mb} (bits). */
    private static Object size(Object value, boolean bits) throws Mismatch {
        String what = bits ? "Bit" : "Byte";
        Matcher m = value instanceof CharSequence || value instanceof Number && !(value instanceof Boolean)
                ? HUMAN_SIZE.matcher(PythonRepr.str(value)) : null;
        if (m == null || !m.matches() || m.group(1).isEmpty() || m.group(1).equals(".")) {
            throw new Mismatch(pythonType(value) + " cannot be converted to a " + what + " value");
        }
        double number = Double.parseDouble(m.group(1));
        String unit = m.group(2);
        if (unit == null) {
            return Math.round(number);
        }
        int power = UNITS.indexOf(Character.toUpperCase(unit.charAt(0)));
        String rest = unit.substring(1);
        boolean ok = power >= 0 && (rest.isEmpty() || rest.equals(bits ? "b" : "B") || power == 0 && unit.length() == 1);
        if (!ok) {
            throw new Mismatch(pythonType(value) + " cannot be converted to a " + what + " value");
        }
        return Math.round(number * Math.pow(1024, power));
    }
}
