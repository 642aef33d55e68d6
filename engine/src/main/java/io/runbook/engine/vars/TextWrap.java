package io.runbook.engine.vars;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Jinja's wordwrap: each line wrapped as Python's textwrap.wrap does it, joined with wrapstring. */
public final class TextWrap {
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final Pattern HYPHEN = Pattern.compile("(?<=\\p{L}\\p{L}-)(?=\\p{L}-?\\p{L})");

    private TextWrap() {
    }

    /** wordwrap(width=79, break_long_words=True, wrapstring=None, break_on_hyphens=True). */
    static Object filter(Object value, Arguments a) {
        int width = Numbers.whole(a.get(0, "width", 79), "wordwrap");
        boolean breakLong = PyValues.truthy(a.get(1, "break_long_words", true));
        Object wrap = a.get(2, "wrapstring", null);
        String wrapString = wrap == null ? "\n" : ValueText.of(wrap);
        boolean hyphens = PyValues.truthy(a.get(3, "break_on_hyphens", true));
        List<String> lines = new ArrayList<>();
        for (String line : StrMethods.splitlines(ValueText.of(value))) {
            lines.add(String.join(wrapString, wrap(line, width, breakLong, hyphens)));
        }
        return String.join(wrapString, lines);
    }

    /**
     * Python's {@code textwrap.wrap(text, width)} with its defaults: tabs expanded, every whitespace character a
     * space (so line breaks in text are not kept), long words broken, hyphenated words broken after a hyphen.
     */
    public static List<String> wrap(String text, int width) {
        return wrap(StrMethods.call(text, "expandtabs", Arguments.NONE).toString()
                .replaceAll("[\\t\\n\\x0B\\f\\r]", " "), width, true, true);
    }

    /**
     * As {@link #wrap(String, int)} with {@code drop_whitespace=False} (Ansible's deprecation messages): the spaces
     * where a line breaks stay, at the end of the line when they fit there, else at the start of the next.
     */
    public static List<String> wrapKeepingSpaces(String text, int width) {
        return wrap(StrMethods.call(text, "expandtabs", Arguments.NONE).toString()
                .replaceAll("[\\t\\n\\x0B\\f\\r]", " "), width, true, true, false);
    }

    static List<String> wrap(String text, int width, boolean breakLong, boolean hyphens) {
        return wrap(text, width, breakLong, hyphens, true);
    }

    private static List<String> wrap(String text, int width, boolean breakLong, boolean hyphens, boolean dropSpaces) {
        if (width <= 0) {
            throw new ExpressionFailure("invalid width " + width + " (must be > 0)");
        }
        List<String> chunks = chunks(text, hyphens);
        Collections.reverse(chunks);
        List<String> lines = new ArrayList<>();
        while (!chunks.isEmpty()) {
            List<String> line = new ArrayList<>();
            int length = 0;
            if (dropSpaces && !lines.isEmpty() && last(chunks).isBlank()) {
                chunks.remove(chunks.size() - 1);
            }
            while (!chunks.isEmpty() && length + last(chunks).length() <= width) {
                String chunk = chunks.remove(chunks.size() - 1);
                line.add(chunk);
                length += chunk.length();
            }
            if (!chunks.isEmpty() && last(chunks).length() > width) {
                longWord(chunks, line, length, width, breakLong, hyphens);
            }
            if (dropSpaces && !line.isEmpty() && line.get(line.size() - 1).isBlank()) {
                line.remove(line.size() - 1);
            }
            if (!line.isEmpty()) {
                lines.add(String.join("", line));
            }
        }
        return lines;
    }

    private static String last(List<String> chunks) {
        return chunks.get(chunks.size() - 1);
    }

    private static void longWord(List<String> chunks, List<String> line, int length, int width, boolean breakLong,
                                 boolean hyphens) {
        int spaceLeft = width < 1 ? 1 : width - length;
        if (breakLong) {
            String chunk = last(chunks);
            int end = spaceLeft;
            if (hyphens && chunk.length() > spaceLeft) {
                int hyphen = chunk.lastIndexOf('-', spaceLeft - 1);
                if (hyphen > 0 && chunk.substring(0, hyphen).chars().anyMatch(c -> c != '-')) {
                    end = hyphen + 1;
                }
            }
            line.add(chunk.substring(0, end));
            chunks.set(chunks.size() - 1, chunk.substring(end));
        } else if (line.isEmpty()) {
            line.add(chunks.remove(chunks.size() - 1));
        }
    }

    private static List<String> chunks(String text, boolean hyphens) {
        List<String> out = new ArrayList<>();
        Matcher m = WHITESPACE.matcher(text);
        int last = 0;
        while (m.find()) {
            words(text.substring(last, m.start()), hyphens, out);
            out.add(m.group());
            last = m.end();
        }
        words(text.substring(last), hyphens, out);
        return out;
    }

    private static void words(String word, boolean hyphens, List<String> out) {
        if (word.isEmpty()) {
            return;
        }
        if (!hyphens) {
            out.add(word);
            return;
        }
        for (String part : HYPHEN.split(word)) {
            if (!part.isEmpty()) {
                out.add(part);
            }
        }
    }
}
