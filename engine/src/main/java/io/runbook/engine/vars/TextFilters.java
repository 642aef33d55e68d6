package io.runbook.engine.vars;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Filters over text, as Jinja 3.1 and ansible-core 2.14 define them. */
final class TextFilters {
    private static final Pattern WORD_START = Pattern.compile("([-\\s({\\[<]+)");
    private static final Pattern WORD = Pattern.compile("\\w+", Pattern.UNICODE_CHARACTER_CLASS);
    private static final Pattern TAGS = Pattern.compile("<!--.*?-->|<[^>]*>", Pattern.DOTALL);
    private static final String REGEX_SPECIAL = "()[]{}?*+-|^$\\.&~# \t\n\r\u000b\f";

    private TextFilters() {
    }

    static void register(CollectionFilters.Registry r) {
        r.add("capitalize", 0, List.of(), (v, a) -> capitalize(text(v)));
        r.add("center", 1, List.of("width"), (v, a) -> center(text(v), Numbers.whole(a.get(0, "width", 80), "center")));
        r.add("title", 0, List.of(), (v, a) -> title(text(v)));
        r.add("truncate", 4, List.of("length", "killwords", "end", "leeway"), TextFilters::truncate);
        r.add("wordcount", 0, List.of(), (v, a) -> (int) WORD.matcher(text(v)).results().count());
        r.add("wordwrap", 4, List.of("width", "break_long_words", "wrapstring", "break_on_hyphens"), TextWrap::filter);
        r.add("striptags", 0, List.of(), (v, a) -> striptags(text(v)));
        for (String name : List.of("escape", "e", "forceescape")) {
            r.add(name, 0, List.of(), (v, a) -> escape(text(v)));
        }
        r.add("safe", 0, List.of(), (v, a) -> v instanceof CharSequence ? v : text(v));
        r.add("format", -1, null, TextFilters::format);
        r.add("replace", 3, List.of("old", "new", "count"), TextFilters::replace);
        r.add("trim", 1, List.of("chars"), (v, a) -> StrMethods.strip(text(v), nullableText(a.get(0, "chars", null)), true, true));
        r.add("reverse", 0, List.of(), (v, a) -> reverse(v));
        r.add("pprint", 0, List.of(), (v, a) -> PyValues.repr(v));
        r.add("filesizeformat", 1, List.of("binary"), (v, a) -> fileSize(v, PyValues.truthy(a.get(0, "binary", false))));
        r.add("xmlattr", 1, List.of("autospace"), TextFilters::xmlattr);
        r.add("urlencode", 0, List.of(), (v, a) -> PyUrl.urlencode(v));
        r.add("urlize", 5, List.of("trim_url_limit", "nofollow", "target", "rel", "extra_schemes"), Urlize::filter);
        r.add("urldecode", 0, List.of(), (v, a) -> PyUrl.unquotePlus(text(v)));
        r.add("urlsplit", 1, List.of("query"), (v, a) -> PyUrl.urlsplit(v, a.get(0, "query", "")));
        r.add("split", 2, List.of("sep", "maxsplit"), (v, a) -> StrMethods.split(ValueText.only(v, type -> "descriptor 'split' for 'str' objects doesn't apply to a '" + type + "' object"), a.get(0, "sep", null),
                Numbers.whole(a.get(1, "maxsplit", -1), "split")));
        r.add("comment", 1, null, TextFilters::comment);
        r.add("regex_escape", 1, List.of("re_type"), (v, a) -> regexEscape(text(v), text(a.get(0, "re_type", "python"))));
        r.add("regex_findall", 3, List.of("regex", "multiline", "ignorecase"), TextPatterns::findall);
        r.add("regex_search", -1, null, TextPatterns::search);
        r.add("regex_replace", 5, List.of("pattern", "replacement", "ignorecase", "multiline", "count"), TextPatterns::replace);
    }

    static String text(Object value) {
        return ValueText.of(value);
    }

    private static String nullableText(Object value) {
        return value == null ? null : text(value);
    }

    static String capitalize(String s) {
        return s.isEmpty() ? s : s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1).toLowerCase(Locale.ROOT);
    }

    /** Python's str.center: the extra space of an odd padding goes left when the width is odd. */
    static String center(String s, int width) {
        int margin = width - s.length();
        if (margin <= 0) {
            return s;
        }
        PyOps.checkSize(width);
        int left = margin / 2 + (margin & width & 1);
        return " ".repeat(left) + s + " ".repeat(margin - left);
    }

    /** Jinja's title: each word (after a space, dash or opening bracket) capitalized. */
    static String title(String s) {
        StringBuilder out = new StringBuilder();
        Matcher m = WORD_START.matcher(s);
        int last = 0;
        while (m.find()) {
            out.append(capitalizeWord(s.substring(last, m.start()))).append(m.group());
            last = m.end();
        }
        return out.append(capitalizeWord(s.substring(last))).toString();
    }

    private static String capitalizeWord(String w) {
        return w.isEmpty() ? w : w.substring(0, 1).toUpperCase(Locale.ROOT) + w.substring(1).toLowerCase(Locale.ROOT);
    }

    /** A value Python would not take for a text: none, a boolean, a number, a list or a dict. */
    private static boolean notText(Object value) {
        return value == null || value instanceof Boolean || value instanceof Number || value instanceof java.util.Collection<?>
                || value instanceof Map<?, ?>;
    }

    /** Jinja's truncate(length=255, killwords=False, end='...', leeway=5). */
    private static Object truncate(Object value, Arguments a) {
        int length = Numbers.whole(a.get(0, "length", 255), "truncate");
        if (notText(value)) {
            // as Jinja's: len() of the value first (a number fails in Python's words); a short list or dict is kept
            if (Filters.length(value, "truncate") <= length + Numbers.whole(a.get(3, "leeway", 5), "truncate")) {
                return value;
            }
        }
        String s = text(value);
        boolean killwords = PyValues.truthy(a.get(1, "killwords", false));
        String end = text(a.get(2, "end", "..."));
        int leeway = Numbers.whole(a.get(3, "leeway", 5), "truncate");
        if (length < end.length()) {
            throw new ExpressionFailure("truncate: expected length >= " + end.length() + ", got " + length);
        }
        if (s.length() <= length + leeway) {
            return s;
        }
        String head = s.substring(0, length - end.length());
        if (killwords) {
            return head + end;
        }
        int space = head.lastIndexOf(' ');
        return (space < 0 ? head : head.substring(0, space)) + end;
    }

    /** Markup.striptags: comments and tags removed, entities decoded, whitespace collapsed. */
    static String striptags(String s) {
        String stripped = unescape(TAGS.matcher(s).replaceAll(""));
        return String.join(" ", stripped.strip().split("\\s+"));
    }

    private static String unescape(String s) {
        return s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#34;", "\"")
                .replace("&#39;", "'").replace("&nbsp;", "\u00a0").replace("&amp;", "&");
    }

    /** markupsafe's escape: {@code & < > " '}. */
    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&#34;")
                .replace("'", "&#39;");
    }

    /** Jinja's format: {@code 'text %s' | format(a, b)} is Python's {@code %}, with positional or keyword values. */
    private static Object format(Object value, Arguments a) {
        if (!a.positional().isEmpty() && !a.named().isEmpty()) {
            throw new ExpressionFailure("format: can't handle positional and keyword arguments at the same time");
        }
        Object values = a.named().isEmpty() ? new PyTuple(a.positional()) : new LinkedHashMap<Object, Object>(a.named());
        return PercentFormat.apply(text(value), values);
    }

    private static Object replace(Object value, Arguments a) {
        if (!a.has(0, "old") || !a.has(1, "new")) {
            throw new ExpressionFailure("filter 'replace' needs two arguments: replace('old', 'new')");
        }
        return StrMethods.call(text(value), "replace", new Arguments(
                a.has(2, "count") ? List.of(a.get(0, "old", ""), a.get(1, "new", ""), a.get(2, "count", -1))
                        : List.of(a.get(0, "old", ""), a.get(1, "new", "")), Map.of()));
    }

    private static Object reverse(Object value) {
        if (value instanceof CharSequence s) {
            return new StringBuilder(s).reverse().toString();
        }
        List<Object> items = new ArrayList<>(Renderer.iterate(value));
        java.util.Collections.reverse(items);
        return items;
    }

    /** Jinja's filesizeformat: decimal (kB, MB…) or binary (KiB, MiB…) units, one decimal. */
    private static String fileSize(Object value, boolean binary) {
        double bytes = Numbers.real(Numbers.toFloat(value, 0.0), "filesizeformat");
        int base = binary ? 1024 : 1000;
        String[] prefixes = binary ? new String[] {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB", "ZiB", "YiB"}
                : new String[] {"kB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB"};
        if (bytes == 1) {
            return "1 Byte";
        }
        if (bytes < base) {
            return (long) bytes + " Bytes";
        }
        double unit = base;
        for (int i = 0; i < prefixes.length; i++) {
            unit = Math.pow(base, i + 2);
            if (bytes < unit || i == prefixes.length - 1) {
                return String.format(Locale.ROOT, "%.1f %s", base * bytes / unit, prefixes[i]);
            }
        }
        return String.format(Locale.ROOT, "%.1f %s", base * bytes / unit, prefixes[prefixes.length - 1]);
    }

    private static Object xmlattr(Object value, Arguments a) {
        if (!(value instanceof Map<?, ?> m)) {
            throw new ExpressionFailure("xmlattr: expected a dict, got " + Describe.kind(value));
        }
        List<String> parts = new ArrayList<>();
        m.forEach((k, v) -> {
            if (v != null && !(v instanceof Undefined)) {
                parts.add(escape(text(k)) + "=\"" + escape(text(v)) + "\"");
            }
        });
        String joined = String.join(" ", parts);
        return PyValues.truthy(a.get(0, "autospace", true)) && !joined.isEmpty() ? " " + joined : joined;
    }

    /** Ansible's comment(style='plain', decoration, prefix, prefix_count, postfix, postfix_count, beginning, end, newline). */
    private static Object comment(Object value, Arguments a) {
        if (notText(value)) {
            // Ansible's text.replace(…), in Python's words (Ansible shows them as an exception's)
            throw new ExpressionFailure("'" + PyValues.typeName(value) + "' object has no attribute 'replace'");
        }
        String style = text(a.get(0, "style", "plain"));
        Map<String, String> p = CommentStyles.of(style);
        String prepostfix = a.named().containsKey("decoration") ? text(a.named().get("decoration")) : p.get("decoration");
        Map<String, Object> params = new LinkedHashMap<>(Map.of("newline", "\n", "beginning", "",
                "prefix", prepostfix.stripTrailing(), "prefix_count", 1, "decoration", "",
                "postfix", prepostfix.stripTrailing(), "postfix_count", 1, "end", ""));
        params.putAll(p);
        a.named().forEach(params::put);
        String nl = text(params.get("newline"));
        String deco = text(params.get("decoration"));
        String prefix = text(params.get("prefix"));
        String beginning = text(params.get("beginning"));
        String end = text(params.get("end"));
        StringBuilder out = new StringBuilder();
        if (!beginning.isEmpty()) {
            out.append(beginning).append(nl);
        }
        if (!prefix.isEmpty()) {
            out.append((prefix.equals(nl) ? nl : prefix + nl).repeat(Numbers.whole(Numbers.toInteger(params.get("prefix_count"), 1), "comment")));
        }
        out.append((deco + text(value).replace(nl, nl + deco)).replace(deco + nl, deco.stripTrailing() + nl));
        for (int i = 0; i < Numbers.whole(Numbers.toInteger(params.get("postfix_count"), 1), "comment"); i++) {
            out.append(nl).append(text(params.get("postfix")));
        }
        if (!end.isEmpty()) {
            out.append(nl).append(end);
        }
        return out.toString();
    }

    /** Ansible's regex_escape: Python's re.escape, or escaping for POSIX basic regular expressions. */
    private static String regexEscape(String s, String type) {
        switch (type) {
            case "python" -> {
                StringBuilder out = new StringBuilder();
                s.chars().forEach(c -> out.append(REGEX_SPECIAL.indexOf(c) >= 0 ? "\\" : "").append((char) c));
                return out.toString();
            }
            case "posix_basic" -> {
                return s.replaceAll("([\\].\\[^$*\\\\])", "\\\\$1");
            }
            case "posix_extended" -> throw new ExpressionFailure("Regex type (posix_extended) not yet implemented");
            default -> throw new ExpressionFailure("Invalid regex type (" + type + ")");
        }
    }

    /** Ansible's predefined comment styles. */
    private static final class CommentStyles {
        static Map<String, String> of(String style) {
            return switch (style) {
                case "plain" -> Map.of("decoration", "# ");
                case "erlang" -> Map.of("decoration", "% ");
                case "c" -> Map.of("decoration", "// ");
                case "cblock" -> Map.of("beginning", "/*", "decoration", " * ", "end", " */");
                case "xml" -> Map.of("beginning", "<!--", "decoration", " - ", "end", "-->");
                default -> throw new ExpressionFailure("comment: unknown style '" + style + "'",
                        "use plain, erlang, c, cblock or xml");
            };
        }
    }
}
