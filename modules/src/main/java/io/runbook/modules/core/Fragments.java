package io.runbook.modules.core;

import io.runbook.engine.module.ModuleException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One file assembled from fragments as Ansible's {@code assemble} joins them (its module and its action plugin alike):
 * the fragments in name order, a newline after one that lacks it, and the delimiter (its escapes read as Python's
 * {@code codecs.escape_decode}, then ended by a newline) between two.
 */
final class Fragments {
    /** Python's order of names: by code point (Java's String order is by UTF-16 unit). */
    static final Comparator<String> NAME_ORDER = (a, b) -> Arrays.compare(a.codePoints().toArray(), b.codePoints().toArray());

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private byte[] delimiter;
    private boolean delimit;
    private boolean addNewline;

    /** {@code delimiter}: null or empty for none. */
    Fragments(String delimiter) {
        this.delimiter = delimiter == null ? new byte[0] : delimiter.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Whether a folder's entry named {@code name} is a fragment, before it is looked at: {@code regexp} (null: any)
     * found in the name (Python's {@code search}), and not hidden when {@code ignoreHidden}.
     */
    static boolean named(String name, Pattern regexp, boolean ignoreHidden) {
        return (regexp == null || regexp.matcher(name).find()) && !(ignoreHidden && name.startsWith("."));
    }

    /** The names sorted as Ansible's {@code sorted(os.listdir(src))}. */
    static List<String> sorted(List<String> names) {
        return names.stream().sorted(NAME_ORDER).toList();
    }

    /** Adds the next fragment's bytes. */
    void add(byte[] fragment) throws ModuleException {
        if (addNewline) {
            out.write('\n');
        }
        if (delimit && delimiter.length > 0) {
            // as Ansible's loop: the delimiter it decoded is decoded again before each later fragment
            delimiter = escapeDecode(delimiter);
            if (delimiter.length == 0) {
                throw new ModuleException("delimiter: nothing is left of it once its escapes are read");
            }
            out.writeBytes(delimiter);
            if (delimiter[delimiter.length - 1] != '\n') {
                out.write('\n');
            }
        }
        out.writeBytes(fragment);
        delimit = true;
        addNewline = fragment.length == 0 || fragment[fragment.length - 1] != '\n';
    }

    byte[] bytes() {
        return out.toByteArray();
    }

    /**
     * Python's {@code codecs.escape_decode}: {@code \n}, {@code \t}, {@code \\}, {@code \'}, {@code \"}, {@code \a},
     * {@code \b}, {@code \f}, {@code \r}, {@code \v}, octal {@code \ooo}, {@code \xhh}; a backslash before a newline
     * drops both; any other backslash stays as written.
     */
    static byte[] escapeDecode(byte[] in) throws ModuleException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < in.length; i++) {
            byte b = in[i];
            if (b != '\\') {
                out.write(b);
                continue;
            }
            if (++i == in.length) {
                throw new ModuleException("delimiter: Trailing \\ in string");
            }
            char c = (char) in[i];
            switch (c) {
                case '\n' -> { }
                case '\\', '\'', '"' -> out.write(c);
                case 'a' -> out.write(7);
                case 'b' -> out.write(8);
                case 'f' -> out.write(12);
                case 't' -> out.write('\t');
                case 'n' -> out.write('\n');
                case 'r' -> out.write('\r');
                case 'v' -> out.write(11);
                case 'x' -> {
                    int value = i + 2 < in.length ? hex(in[i + 1], in[i + 2]) : -1;
                    if (value < 0) {
                        throw new ModuleException("delimiter: invalid \\x escape at position " + (i - 1));
                    }
                    out.write(value);
                    i += 2;
                }
                default -> {
                    if (c >= '0' && c <= '7') {
                        int value = c - '0';
                        for (int n = 0; n < 2 && i + 1 < in.length && in[i + 1] >= '0' && in[i + 1] <= '7'; n++) {
                            value = value * 8 + in[++i] - '0';
                        }
                        out.write(value & 0xFF);
                    } else {
                        out.write('\\');
                        out.write(in[i]);
                    }
                }
            }
        }
        return out.toByteArray();
    }

    private static int hex(byte high, byte low) {
        int h = Character.digit(high, 16);
        int l = Character.digit(low, 16);
        return h < 0 || l < 0 ? -1 : h * 16 + l;
    }
}
