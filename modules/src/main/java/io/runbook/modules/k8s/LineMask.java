package io.runbook.modules.k8s;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks secret-looking strings in log lines before they are shown or returned: JWTs, bearer tokens,
 * {@code token=…}/{@code password: …}-style assignments, PEM private-key bodies and long base64 runs.
 */
public final class LineMask {
    static final String MASK = "********";
    private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]*");
    private static final Pattern BEARER = Pattern.compile("(?i)(bearer\\s+)[A-Za-z0-9._~+/=-]{8,}");
    private static final Pattern ASSIGNMENT = Pattern.compile(
            "(?i)\\b((?:access_|refresh_|id_|auth_)?token|password|passwd|secret|api[_-]?key|client[_-]?secret|jwt|private[_-]?key)"
                    + "(\"?\\s*[=:]\\s*\"?)([^\\s\",;}]{4,})");
    private static final Pattern PEM = Pattern.compile("-----BEGIN [A-Z ]*PRIVATE KEY-----.*?(-----END [A-Z ]*PRIVATE KEY-----|$)");
    private static final Pattern LONG_BASE64 = Pattern.compile(
            "(?<![A-Za-z0-9+/])(?=[A-Za-z0-9+/]*[0-9])(?=[A-Za-z0-9+/]*[a-z])(?=[A-Za-z0-9+/]*[A-Z])[A-Za-z0-9+/]{40,}={0,2}(?![A-Za-z0-9+/])");
    private static final List<Pattern> WHOLE = List.of(PEM, JWT, LONG_BASE64);

    private LineMask() {
    }

    public static String mask(String line) {
        String out = line;
        for (Pattern p : WHOLE) {
            out = p.matcher(out).replaceAll(MASK);
        }
        out = BEARER.matcher(out).replaceAll("$1" + Matcher.quoteReplacement(MASK));
        out = ASSIGNMENT.matcher(out).replaceAll("$1$2" + Matcher.quoteReplacement(MASK));
        return out;
    }
}
