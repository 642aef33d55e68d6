package io.runbook.modules.core;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * Whether a server certificate is for a given host name, by its subject alternative names (RFC 6125:
 * DNS names, a wildcard only as the whole left-most label; IP addresses for IP literals). The subject's
 * common name is not consulted, as browsers no longer do.
 */
final class CertificateNames {
    private static final int DNS = 2;
    private static final int IP = 7;

    private CertificateNames() {
    }

    static boolean matches(X509Certificate cert, String host) {
        String name = normal(host);
        boolean literal = isIpLiteral(name);
        for (List<?> san : sans(cert)) {
            int type = (Integer) san.get(0);
            String value = String.valueOf(san.get(1));
            if (literal && type == IP && sameAddress(value, name)) {
                return true;
            }
            if (!literal && type == DNS && dnsMatches(normal(value), name)) {
                return true;
            }
        }
        return false;
    }

    /** The names the certificate is for, for error messages. */
    static List<String> names(X509Certificate cert) {
        List<String> names = new ArrayList<>();
        for (List<?> san : sans(cert)) {
            int type = (Integer) san.get(0);
            if (type == DNS || type == IP) {
                names.add(String.valueOf(san.get(1)));
            }
        }
        return names;
    }

    private static boolean dnsMatches(String pattern, String name) {
        if (!pattern.startsWith("*.")) {
            return pattern.equals(name);
        }
        String suffix = pattern.substring(1);
        int dot = name.indexOf('.');
        // the wildcard stands for exactly one non-empty label, and never for a top-level-only suffix
        return dot > 0 && suffix.indexOf('.', 1) > 0 && name.substring(dot).equals(suffix);
    }

    private static Collection<List<?>> sans(X509Certificate cert) {
        try {
            Collection<List<?>> sans = cert.getSubjectAlternativeNames();
            return sans == null ? List.of() : sans;
        } catch (CertificateParsingException e) {
            return List.of();
        }
    }

    private static boolean isIpLiteral(String name) {
        return name.matches("[0-9.]+") || name.contains(":");
    }

    private static boolean sameAddress(String a, String b) {
        try {
            return InetAddress.getByName(a).equals(InetAddress.getByName(b));
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static String normal(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
    }
}
