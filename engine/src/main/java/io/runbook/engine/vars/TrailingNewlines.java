package io.runbook.engine.vars;

/**
 * As Ansible's {@code preserve_trailing_newlines}: the newlines at the end of a template that Jinja dropped from its
 * output are added back, each written as the template's newline sequence; a secret or unsafe text stays so.
 */
final class TrailingNewlines {
    private TrailingNewlines() {
    }

    static Object kept(CharSequence text, String template) {
        return kept(text, template, "\n");
    }

    static Object kept(CharSequence text, String template, String newline) {
        int missing = count(template) - count(text);
        if (missing <= 0) {
            return text;
        }
        String padded = text + newline.repeat(missing);
        return text instanceof SecretText s ? new SecretText(padded, s.pieces())
                : text instanceof UnsafeText ? new UnsafeText(padded) : padded;
    }

    private static int count(CharSequence s) {
        int n = 0;
        while (n < s.length() && s.charAt(s.length() - 1 - n) == '\n') {
            n++;
        }
        return n;
    }
}
