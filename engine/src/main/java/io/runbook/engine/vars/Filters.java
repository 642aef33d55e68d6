package io.runbook.engine.vars;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The filters of {@code value | name(args)}, spelled and behaving like Ansible's where it matters; see
 * README-vars.md for each one and where they differ from Jinja.
 */
final class Filters {

    /** A filter and what it accepts: at most {@code maxPositional} positional arguments (-1: any) and these keywords. */
    record Spec(int maxPositional, List<String> keywords, Filter filter) {
    }

    private static final Map<String, Spec> FILTERS = new TreeMap<>();
    private static final List<String> YAML_OPTIONS = List.of("indent", "width", "default_flow_style", "sort_keys",
            "allow_unicode");

    static {
        add("default", 2, List.of("default_value", "boolean"), Filters::fallback);
        add("d", 2, List.of("default_value", "boolean"), Filters::fallback);
        add("b64encode", 1, List.of("encoding"), (v, a) -> Base64.getEncoder().encodeToString(text(v).getBytes(charset(a))));
        add("b64decode", 1, List.of("encoding"), (v, a) -> b64decode(v, charset(a)));
        add("to_json", -1, List.of("indent", "sort_keys", "ensure_ascii", "separators"), (v, a) -> PyJson.dump(v, a.has(-1, "indent") ? ((Number) a.get(-1, "indent", 0)).intValue() : 0, PyValues.truthy(a.get(-1, "sort_keys", false))));
        add("to_nice_json", -1, List.of("indent", "sort_keys"), (v, a) -> PyJson.dump(v, ((Number) a.get(-1, "indent", 4)).intValue(), PyValues.truthy(a.get(-1, "sort_keys", true))));
        add("to_yaml", 0, YAML_OPTIONS, (v, a) -> yaml(v, a, 2, null));
        add("to_nice_yaml", 1, YAML_OPTIONS, (v, a) -> yaml(v, a, 4, false));
        add("lower", 0, (v, a) -> text(v).toLowerCase(java.util.Locale.ROOT));
        add("upper", 0, (v, a) -> text(v).toUpperCase(java.util.Locale.ROOT));
        add("string", 0, (v, a) -> v instanceof CharSequence ? v : text(v));
        add("length", 0, (v, a) -> length(v, "length"));
        add("count", 0, (v, a) -> length(v, "count"));
        add("int", 2, List.of("default", "base"), (v, a) -> Numbers.toInteger(v, a.get(0, "default", 0),
                Numbers.intBase(a.get(1, "base", 10))));
        add("float", 1, List.of("default"), (v, a) -> Numbers.toFloat(v, a.get(0, "default", 0.0)));
        add("bool", 0, (v, a) -> Numbers.toBool(v));
        add("abs", 0, (v, a) -> Numbers.abs(v));
        add("round", 2, List.of("precision", "method"), (v, a) -> Numbers.round(v, a.get(0, "precision", 0),
                a.get(1, "method", "common")));
        add("join", 2, List.of("d", "attribute"), Filters::join);
        add("indent", 3, List.of("width", "first", "blank"), Filters::indent);
        add("from_json", 0, (v, a) -> Parsing.json(ValueText.only(v, type -> "the JSON object must be str, bytes or bytearray, not " + type)));
        add("from_yaml", 0, (v, a) -> Parsing.yaml(text(v)));
        add("ternary", 3, List.of("true_val", "false_val", "none_val"), Filters::ternary);
        add("quote", 0, (v, a) -> shellQuote(v == null ? "" : text(v)));  // as Ansible: None quotes as ''
        CollectionFilters.register(Filters::add);
        TextFilters.register(Filters::add);
        HashFilters.register(Filters::add);
        PathFilters.register(Filters::add);
        MathFilters.register(Filters::add);
        DataFilters.register(Filters::add);
        DateFilters.register(Filters::add);
        IpFilters.register(Filters::add);
        UtilsDataFilters.register(Filters::add);
    }

    private Filters() {
    }

    static void add(String name, int maxPositional, List<String> keywords, Filter filter) {
        FILTERS.put(name, new Spec(maxPositional, keywords, filter));
    }

    private static void add(String name, int maxPositional, Filter filter) {
        add(name, maxPositional, List.of(), filter);
    }

    static boolean exists(String name) {
        return FILTERS.containsKey(name);
    }

    static Set<String> names() {
        return FILTERS.keySet();
    }

    /** Only {@code default}, {@code mandatory} and {@code items} may be given an undefined variable. */
    static boolean acceptsUndefined(String name) {
        return name.equals("default") || name.equals("d") || name.equals("items") || DataFilters.acceptsUndefined(name);
    }

    /** Filters that pick or reorder the values they are given: their results keep those values' own secrecy. */
    private static final Set<String> PASS_THROUGH = Set.of("default", "d", "ternary", "first", "last", "select",
            "reject", "selectattr", "rejectattr", "unique", "sort", "min", "max", "list", "flatten", "union",
            "intersect", "difference", "combine", "dict2items", "items2dict", "extract", "map", "length", "count",
            "bool", "int", "float", "abs", "round", "sum", "mandatory", "vault", "type_debug", "batch", "slice", "zip",
            "zip_longest", "product", "permutations", "combinations", "shuffle", "random", "subelements", "groupby",
            "dictsort", "items", "rekey_on_member", "symmetric_difference", "human_to_bytes", "log", "pow",
            "root", "json_query");

    /**
     * Whether text the filter makes from a secret is secret (not for filters that only pass values through: their
     * results keep each value's own secrecy, so the plain keys and values of a map that holds a secret stay plain).
     */
    static boolean keepsSecrecy(String name, Object value) {
        return !PASS_THROUGH.contains(name) && !(name.equals("reverse") && !(value instanceof CharSequence));
    }

    static Object apply(String name, Object value, Arguments args) {
        return apply(name, value, args, null);
    }

    /** The filters that give back the very value they were given (Ansible's YAML text stays AnsibleUnicode). */
    private static final java.util.Set<String> PASSED_ON = java.util.Set.of("default", "d", "mandatory", "truncate");

    static Object apply(String name, Object value, Arguments args, Frame frame) {
        Spec spec = FILTERS.get(name);
        int max = spec.maxPositional();
        if (max >= 0 && args.positional().size() > max) {
            throw new ExpressionFailure("filter '" + name + "' takes at most " + max
                    + " argument" + (max == 1 ? "" : "s") + ", got " + args.positional().size());
        }
        for (String keyword : args.named().keySet()) {
            if (spec.keywords() != null && !spec.keywords().contains(keyword)) {
                throw new ExpressionFailure("filter '" + name + "' has no argument '" + keyword + "'",
                        Spelling.didYouMean(keyword, spec.keywords()));
            }
        }
        if (value instanceof Undefined && !acceptsUndefined(name)) {
            throw new ExpressionFailure("filter '" + name + "' was given an undefined value");
        }
        try {
            Object result = spec.filter().apply(value, args, frame);
            // Python's filters make a new str of an AnsibleUnicode, even of the one item a join is given
            boolean passedOn = result == value ? PASSED_ON.contains(name) : !name.equals("join");
            return LiteralResults.ofFilter(name, passedOn ? result : io.runbook.engine.yaml.YamlText.plain(result));
        } catch (ExpressionFailure | io.runbook.engine.error.UserError failure) {
            throw failure;  // a failure with its own place, such as a !vault value no secret opens
        } catch (RuntimeException unexpected) {
            throw new ExpressionFailure("filter '" + name + "' cannot take " + Describe.kind(value)
                    + " with these arguments" + Describe.reason(unexpected));
        }
    }

    /** to_yaml / to_nice_yaml with PyYAML's options: indent, width, default_flow_style, sort_keys. */
    private static Object yaml(Object value, Arguments args, int indent, Boolean flow) {
        Object style = args.get(-1, "default_flow_style", flow == null ? Undefined.VALUE : flow);
        return PyYaml.dump(value, ((Number) Numbers.toInteger(args.get(0, "indent", indent), Undefined.VALUE)).intValue(),
                ((Number) Numbers.toInteger(args.get(-1, "width", 80), Undefined.VALUE)).intValue(),
                style instanceof Undefined || style == null ? null : Truthiness.of(style),
                Truthiness.of(args.get(-1, "sort_keys", true)));
    }

    /** Ansible's default(value, boolean=false): replaces undefined, and also falsy values when boolean is true. */
    private static Object fallback(Object value, Arguments args) {
        Object replacement = args.get(0, "default_value", "");
        boolean alsoFalsy = Truthiness.of(args.get(1, "boolean", false));
        if (value instanceof Undefined || (alsoFalsy && !Truthiness.of(value))) {
            return replacement;
        }
        return value;
    }

    /** Ansible's ternary(true_val, false_val, none_val): picks by truthiness, or none_val (if given) for null. */
    private static Object ternary(Object value, Arguments args) {
        if (value == null && args.get(2, "none_val", null) != null) {
            return args.get(2, "none_val", null);
        }
        return Truthiness.of(value) ? args.get(0, "true_val", true) : args.get(1, "false_val", false);
    }

    /** The {@code encoding} argument of b64encode/b64decode, a Python codec name ({@code utf-16-le}), as a charset. */
    private static java.nio.charset.Charset charset(Arguments args) {
        String name = text(args.get(0, "encoding", "utf-8")).strip().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        String charset = switch (name) {
            case "utf-16-le", "utf-16le" -> "UTF-16LE";
            case "utf-16-be", "utf-16be" -> "UTF-16BE";
            case "utf-32-le", "utf-32le" -> "UTF-32LE";
            case "utf-32-be", "utf-32be" -> "UTF-32BE";
            case "latin-1", "latin1", "l1" -> "ISO-8859-1";
            case "ascii", "us-ascii" -> "US-ASCII";
            default -> name;
        };
        try {
            return java.nio.charset.Charset.forName(charset);
        } catch (IllegalArgumentException e) {
            throw new ExpressionFailure("unknown encoding: " + name);
        }
    }

    /**
     * Python's base64.b64decode (not validating): what is not of the alphabet is dropped; its binascii errors in its
     * words (Ansible's message wraps them in the task's, which the engine leaves out).
     */
    private static String b64decode(Object value, java.nio.charset.Charset charset) {
        StringBuilder data = new StringBuilder();
        int quad = 0;
        int pads = 0;
        boolean done = false;
        for (char c : text(value).toCharArray()) {
            if (c == '=') {
                // as binascii's: padding counts from a quad's third character on, and a full quad ends the data
                if (quad >= 2 && quad + ++pads >= 4) {
                    done = true;
                    break;
                }
            } else if (c < 128 && (Character.isLetterOrDigit(c) || c == '+' || c == '/')) {
                data.append(c);
                quad = (quad + 1) % 4;
                pads = 0;
            }
        }
        if (!done && quad == 1) {
            throw new ExpressionFailure("Invalid base64-encoded string: number of data characters (" + data.length()
                    + ") cannot be 1 more than a multiple of 4");
        }
        if (!done && quad != 0) {
            throw new ExpressionFailure("Incorrect padding");
        }
        return new String(Base64.getDecoder().decode(data.toString()), charset);
    }

    /** Jinja's join(d='', attribute=None): str() of each item (or of its attribute), joined. */
    private static Object join(Object value, Arguments args) {
        String attribute = args.has(1, "attribute") ? text(args.get(1, "attribute", "")) : null;
        List<Object> parts = new java.util.ArrayList<>();
        for (Object item : Renderer.iterate(value)) {
            parts.add(attribute == null ? item : CollectionFilters.attributeOrFail(item, attribute, "join"));
        }
        String separator = text(args.get(0, "d", ""));
        Object out = parts.isEmpty() ? "" : parts.get(0) instanceof CharSequence ? parts.get(0) : text(parts.get(0));
        for (int i = 1; i < parts.size(); i++) {
            out = Secrets.join(Secrets.join(out, separator), parts.get(i));
        }
        return out instanceof CharSequence ? out : text(out);
    }

    /**
     * Jinja's indent(width=4, first=false, blank=false): indents every line but the first (and the first when
     * first), empty lines only when blank; width may be the text to indent with.
     */
    private static String spaces(Object count) {
        int n = Math.max(0, ((Number) count).intValue());
        Jinja.limit(n);
        return " ".repeat(n);
    }

    private static Object indent(Object value, Arguments args) {
        if (value == null || value instanceof Boolean || value instanceof Number || value instanceof Map<?, ?>) {
            // as Jinja's indent, which adds a newline to the value first
            throw new ExpressionFailure("unsupported operand type(s) for +=: '" + PyValues.typeName(value) + "' and 'str'");
        }
        Object width = args.get(0, "width", 4);
        String pad = width instanceof CharSequence s ? s.toString() : spaces(Numbers.toInteger(width, Undefined.VALUE));
        boolean first = Truthiness.of(args.get(1, "first", false));
        boolean blank = Truthiness.of(args.get(2, "blank", false));
        List<String> lines = StrMethods.splitlines(text(value) + "\n");
        Jinja.limit(text(value).length() + (long) pad.length() * lines.size());
        StringBuilder out = new StringBuilder(lines.isEmpty() ? "" : lines.get(0));
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i);
            out.append('\n').append(blank || !line.isEmpty() ? pad : "").append(line);
        }
        return first ? pad + out : out.toString();
    }

    /** Python's shlex.quote: text of only safe characters as it is, else in single quotes. */
    static String shellQuote(String s) {
        return Shlex.quote(s);
    }

    static int length(Object value, String filter) {
        if (value instanceof CharSequence s) {
            return s.length();
        }
        if (value instanceof Collection<?> c) {
            return c.size();
        }
        if (value instanceof Map<?, ?> m) {
            return m.size();
        }
        throw new ExpressionFailure("object of type '" + PyValues.typeName(value) + "' has no len()");  // Python's len()
    }

    static String text(Object value) {
        return ValueText.of(value);
    }
}
