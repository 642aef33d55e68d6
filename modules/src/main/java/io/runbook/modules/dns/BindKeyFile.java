package io.runbook.modules.dns;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the {@code key} clauses of a BIND configuration fragment, as {@code tsig-keygen} and
 * {@code rndc-confgen} write them:
 * <pre>key "name" { algorithm hmac-sha256; secret "base64"; };</pre>
 * Comments ({@code #}, {@code //}, C-style) are ignored.
 */
final class BindKeyFile {
    private static final Pattern KEY = Pattern.compile("\\bkey\\s+(\"[^\"]+\"|[^\\s{]+)\\s*\\{([^}]*)\\}\\s*;?");
    private static final Pattern ALGORITHM = Pattern.compile("\\balgorithm\\s+\"?([A-Za-z0-9.-]+)\"?\\s*;");
    private static final Pattern SECRET = Pattern.compile("\\bsecret\\s+\"([^\"]*)\"\\s*;");

    /** One key clause. The secret is base64 text; never print it. */
    record Clause(String name, String algorithm, String secret) {
        @Override
        public String toString() {
            return "key " + name + " (" + algorithm + ")";
        }
    }

    private BindKeyFile() {
    }

    /** Quoted strings (kept: a base64 secret may hold "//") or comments (removed). */
    private static final Pattern QUOTED_OR_COMMENT = Pattern.compile("\"[^\"]*\"|/\\*.*?\\*/|(?:#|//)[^\\n]*", Pattern.DOTALL);

    static String withoutComments(String text) {
        Matcher m = QUOTED_OR_COMMENT.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(m.group().startsWith("\"") ? m.group() : " "));
        }
        return m.appendTail(out).toString();
    }

    /** The key clauses in the text, in order; a clause without a secret is an error naming the key. */
    static List<Clause> parse(String text) throws DnsFailure {
        String clean = withoutComments(text);
        List<Clause> out = new ArrayList<>();
        Matcher m = KEY.matcher(clean);
        while (m.find()) {
            String name = m.group(1).replace("\"", "");
            Matcher alg = ALGORITHM.matcher(m.group(2));
            Matcher secret = SECRET.matcher(m.group(2));
            if (!secret.find()) {
                throw new DnsFailure("key '" + name + "' has no secret \"...\"; statement");
            }
            out.add(new Clause(name, alg.find() ? alg.group(1).toLowerCase() : "hmac-md5", secret.group(1)));
        }
        return out;
    }
}
