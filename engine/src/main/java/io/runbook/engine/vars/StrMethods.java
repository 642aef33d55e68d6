package io.runbook.engine.vars;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Python's str methods, on plain text (the caller keeps secrecy); split and splitlines also for modules that parse as Ansible's. */
public final class StrMethods {
    private StrMethods() {
    }

    static Object call(String s, String name, Arguments a) {
        return switch (name) {
            case "upper" -> s.toUpperCase(Locale.ROOT);
            case "lower", "casefold" -> s.toLowerCase(Locale.ROOT);
            case "strip" -> strip(s, chars(a), true, true);
            case "lstrip" -> strip(s, chars(a), true, false);
            case "rstrip" -> strip(s, chars(a), false, true);
            case "split" -> split(s, a.get(0, "sep", null), maxsplit(a));
            case "rsplit" -> rsplit(s, a.get(0, "sep", null), maxsplit(a));
            case "splitlines" -> new ArrayList<Object>(splitlines(s));
            case "startswith" -> affix(s, a.get(0, null, ""), true);
            case "endswith" -> affix(s, a.get(0, null, ""), false);
            case "replace" -> replace(s, text(a, 0), text(a, 1), a.has(2, "count") ? integer(a.get(2, "count", -1)) : -1);
            case "find" -> s.indexOf(text(a, 0));
            case "rfind" -> s.lastIndexOf(text(a, 0));
            case "index", "rindex" -> {
                int i = name.equals("index") ? s.indexOf(text(a, 0)) : s.lastIndexOf(text(a, 0));
                if (i < 0) {
                    throw new ExpressionFailure("substring not found");
                }
                yield i;
            }
            case "count" -> count(s, text(a, 0));
            case "join" -> join(s, a.get(0, null, List.of()));
            case "capitalize" -> s.isEmpty() ? s : s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1).toLowerCase(Locale.ROOT);
            case "title" -> title(s);
            case "swapcase" -> swap(s);
            case "isdigit", "isnumeric", "isdecimal" -> !s.isEmpty() && s.chars().allMatch(Character::isDigit);
            case "isalpha" -> !s.isEmpty() && s.chars().allMatch(Character::isLetter);
            case "isalnum" -> !s.isEmpty() && s.chars().allMatch(Character::isLetterOrDigit);
            case "isspace" -> !s.isEmpty() && s.chars().allMatch(Character::isWhitespace);
            case "islower" -> s.chars().anyMatch(Character::isLetter) && s.equals(s.toLowerCase(Locale.ROOT));
            case "isupper" -> s.chars().anyMatch(Character::isLetter) && s.equals(s.toUpperCase(Locale.ROOT));
            case "istitle" -> !s.isEmpty() && s.equals(title(s)) && s.chars().anyMatch(Character::isLetter);
            case "isidentifier" -> s.matches("[A-Za-z_][A-Za-z0-9_]*");
            case "zfill" -> zfill(s, integer(a.get(0, "width", 0)));
            case "center", "ljust", "rjust" -> pad(s, name, integer(a.get(0, "width", 0)), a.has(1, "fillchar") ? text(a, 1) : " ");
            case "partition" -> partition(s, text(a, 0), s.indexOf(text(a, 0)), false);
            case "rpartition" -> partition(s, text(a, 0), s.lastIndexOf(text(a, 0)), true);
            case "expandtabs" -> expandtabs(s, a.has(0, "tabsize") ? integer(a.get(0, "tabsize", 8)) : 8);
            case "removeprefix" -> s.startsWith(text(a, 0)) ? s.substring(text(a, 0).length()) : s;
            case "removesuffix" -> !text(a, 0).isEmpty() && s.endsWith(text(a, 0)) ? s.substring(0, s.length() - text(a, 0).length()) : s;
            default -> throw new ExpressionFailure("'str' object has no attribute '" + name + "'");
        };
    }

    private static String text(Arguments a, int i) {
        Object v = a.get(i, null, null);
        if (!(v instanceof CharSequence s)) {
            throw new ExpressionFailure("expected a string argument, got " + PyValues.typeName(v));
        }
        return s.toString();
    }

    private static int integer(Object v) {
        if (!PyNumbers.isInt(v)) {
            throw new ExpressionFailure("'" + PyValues.typeName(v) + "' object cannot be interpreted as an integer");
        }
        return PyNumbers.big(v).intValue();
    }

    private static String chars(Arguments a) {
        Object v = a.get(0, "chars", null);
        return v == null ? null : v.toString();
    }

    static String strip(String s, String chars, boolean left, boolean right) {
        int start = 0;
        int end = s.length();
        while (left && start < end && (chars == null ? Character.isWhitespace(s.charAt(start)) : chars.indexOf(s.charAt(start)) >= 0)) {
            start++;
        }
        while (right && end > start && (chars == null ? Character.isWhitespace(s.charAt(end - 1)) : chars.indexOf(s.charAt(end - 1)) >= 0)) {
            end--;
        }
        return s.substring(start, end);
    }

    private static int maxsplit(Arguments a) {
        Object v = a.get(1, "maxsplit", -1);
        return integer(v);
    }

    /** Python's {@code s.split(sep, max)}: null {@code sep} splits at runs of whitespace; an empty one is an error. */
    public static List<Object> split(String s, Object sep, int max) {
        List<Object> out = new ArrayList<>();
        if (sep == null) {
            String rest = strip(s, null, true, false);
            while (!rest.isEmpty()) {
                if (max >= 0 && out.size() == max) {
                    out.add(strip(rest, null, false, true));
                    return out;
                }
                int i = 0;
                while (i < rest.length() && !Character.isWhitespace(rest.charAt(i))) {
                    i++;
                }
                out.add(rest.substring(0, i));
                rest = strip(rest.substring(i), null, true, false);
            }
            return out;
        }
        String separator = sep.toString();
        if (separator.isEmpty()) {
            throw new ExpressionFailure("empty separator");
        }
        int from = 0;
        while (max < 0 || out.size() < max) {
            int i = s.indexOf(separator, from);
            if (i < 0) {
                break;
            }
            out.add(s.substring(from, i));
            from = i + separator.length();
        }
        out.add(s.substring(from));
        return out;
    }

    private static List<Object> rsplit(String s, Object sep, int max) {
        if (max < 0) {
            return split(s, sep, max);
        }
        List<Object> out = new ArrayList<>();
        if (sep == null) {
            String rest = strip(s, null, false, true);
            while (!rest.isEmpty()) {
                if (out.size() == max) {
                    out.add(0, strip(rest, null, true, false));
                    return out;
                }
                int i = rest.length();
                while (i > 0 && !Character.isWhitespace(rest.charAt(i - 1))) {
                    i--;
                }
                out.add(0, rest.substring(i));
                rest = strip(rest.substring(0, i), null, false, true);
            }
            return out;
        }
        String separator = sep.toString();
        int to = s.length();
        while (out.size() < max) {
            int i = s.lastIndexOf(separator, to - separator.length());
            if (i < 0) {
                break;
            }
            out.add(0, s.substring(i + separator.length(), to));
            to = i;
        }
        out.add(0, s.substring(0, to));
        return out;
    }

    private static boolean affix(String s, Object what, boolean start) {
        if (what instanceof List<?> options) {
            return options.stream().anyMatch(o -> affix(s, o, start));
        }
        if (!(what instanceof CharSequence w)) {
            throw new ExpressionFailure((start ? "startswith" : "endswith") + " first arg must be str or a tuple of str, not "
                    + PyValues.typeName(what));
        }
        return start ? s.startsWith(w.toString()) : s.endsWith(w.toString());
    }

    private static String replace(String s, String old, String replacement, int count) {
        if (count < 0) {
            return s.replace(old, replacement);
        }
        StringBuilder out = new StringBuilder();
        int from = 0;
        for (int n = 0; n < count; n++) {
            int i = s.indexOf(old, from);
            if (i < 0) {
                break;
            }
            out.append(s, from, i).append(replacement);
            from = i + old.length();
        }
        return out.append(s.substring(from)).toString();
    }

    private static int count(String s, String what) {
        if (what.isEmpty()) {
            return s.length() + 1;
        }
        int n = 0;
        for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + what.length())) {
            n++;
        }
        return n;
    }

    private static String join(String sep, Object items) {
        if (!(items instanceof Iterable<?> it)) {
            throw new ExpressionFailure("can only join an iterable");
        }
        StringBuilder out = new StringBuilder();
        boolean first = true;
        for (Object item : it) {
            if (!(item instanceof CharSequence)) {
                throw new ExpressionFailure("sequence item: expected str instance, " + PyValues.typeName(item) + " found");
            }
            out.append(first ? "" : sep).append(item);
            first = false;
        }
        return out.toString();
    }

    static String title(String s) {
        StringBuilder out = new StringBuilder();
        boolean previousLetter = false;
        for (char c : s.toCharArray()) {
            out.append(previousLetter ? Character.toLowerCase(c) : Character.toUpperCase(c));
            previousLetter = Character.isLetter(c);
        }
        return out.toString();
    }

    private static String swap(String s) {
        StringBuilder out = new StringBuilder();
        for (char c : s.toCharArray()) {
            out.append(Character.isUpperCase(c) ? Character.toLowerCase(c) : Character.toUpperCase(c));
        }
        return out.toString();
    }

    private static String expandtabs(String s, int tabsize) {
        long tabs = s.chars().filter(c -> c == '\t').count();
        Jinja.limit(s.length() + tabs * Math.max(0, tabsize));
        return s.replace("\t", " ".repeat(Math.max(0, tabsize)));
    }

    private static String zfill(String s, int width) {
        if (s.length() >= width) {
            return s;
        }
        PyOps.checkSize(width);
        boolean signed = s.startsWith("-") || s.startsWith("+");
        return (signed ? s.substring(0, 1) : "") + "0".repeat(width - s.length()) + (signed ? s.substring(1) : s);
    }

    private static String pad(String s, String how, int width, String fill) {
        int missing = width - s.length();
        if (missing <= 0) {
            return s;
        }
        PyOps.checkSize(width);
        return switch (how) {
            case "ljust" -> s + fill.repeat(missing);
            case "rjust" -> fill.repeat(missing) + s;
            default -> {
                int left = missing / 2 + (missing & width & 1);
                yield fill.repeat(left) + s + fill.repeat(missing - left);
            }
        };
    }

    private static PyTuple partition(String s, String sep, int at, boolean fromRight) {
        if (at < 0) {
            return fromRight ? new PyTuple(List.of("", "", s)) : new PyTuple(List.of(s, "", ""));
        }
        return new PyTuple(List.of(s.substring(0, at), sep, s.substring(at + sep.length())));
    }

    /** Python's str.splitlines(): splits at \n, \r\n, \r and the other line boundaries; no empty last line. */
    public static List<String> splitlines(String s) {
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\r' && i + 1 < s.length() && s.charAt(i + 1) == '\n') {
                out.add(s.substring(start, i));
                start = ++i + 1;
            } else if ("\n\r\u000b\u000c\u001c\u001d\u001e\u0085\u2028\u2029".indexOf(c) >= 0) {
                out.add(s.substring(start, i));
                start = i + 1;
            }
        }
        if (start < s.length()) {
            out.add(s.substring(start));
        }
        return out;
    }
}
