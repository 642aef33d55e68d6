package io.runbook.engine.vars;

/**
 * Jinja's lstrip_blocks, done on the template's source before it is scanned: the spaces and tabs between a line's
 * start and a block tag ({@code {%}) or comment ({@code {#}) are dropped, unless the tag opens with {@code {%+}.
 * Jinja's lexer decides this on the source, where the line start is still visible; after Jinjava's scanner has
 * applied trim_blocks, the text before a tag no longer shows whether it began a line. Raw blocks and the insides of
 * tags are left alone. Only spaces and tabs go, so every line keeps its number.
 */
final class LeftStrip {
    private LeftStrip() {
    }

    static String apply(String source) {
        StringBuilder out = new StringBuilder(source.length());
        int lineStart = 0;
        int i = 0;
        while (i < source.length()) {
            char c = source.charAt(i);
            if (c == '\n') {
                out.append(c);
                lineStart = out.length();
                i++;
            } else if (c == '{' && i + 1 < source.length() && "%#{".indexOf(source.charAt(i + 1)) >= 0) {
                char kind = source.charAt(i + 1);
                if (kind != '{' && !(kind == '%' && i + 2 < source.length() && source.charAt(i + 2) == '+')
                        && onlyBlanks(out, lineStart)) {
                    out.setLength(lineStart);
                }
                int end = tagEnd(source, i, kind);
                out.append(source, i, end);
                lineStart = lastLineStart(out, lineStart);
                i = end;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    /** Where the tag, comment or expression starting at {@code at} ends; a raw block's end is its endraw tag's. */
    private static int tagEnd(String s, int at, char kind) {
        String close = kind == '%' ? "%}" : kind == '#' ? "#}" : "}}";
        int stop = s.indexOf(close, at + 2);
        if (stop < 0) {
            return s.length();
        }
        int end = stop + 2;
        if (kind == '%' && s.substring(at + 2, stop).strip().replaceFirst("^[-+]", "").strip().equals("raw")) {
            int endraw = s.indexOf("endraw", end);
            int closeRaw = endraw < 0 ? -1 : s.indexOf("%}", endraw);
            return closeRaw < 0 ? s.length() : closeRaw + 2;
        }
        return end;
    }

    private static boolean onlyBlanks(StringBuilder out, int from) {
        for (int k = from; k < out.length(); k++) {
            if (out.charAt(k) != ' ' && out.charAt(k) != '\t') {
                return false;
            }
        }
        return true;
    }

    private static int lastLineStart(StringBuilder out, int current) {
        int nl = out.lastIndexOf("\n");
        return nl + 1 > current ? nl + 1 : current;
    }
}
