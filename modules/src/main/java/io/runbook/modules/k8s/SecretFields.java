package io.runbook.modules.k8s;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Which fields of a credential hold a secret, decided per field rather than per object: passwords, keys,
 * tokens and private keys are secrets; the user name, host, port or database next to them, and certificates
 * (public by design), are ordinary words that every output may show. A field that is neither clearly secret
 * nor clearly ordinary is a secret.
 */
public final class SecretFields {
    /** Words in a field name that make its value a secret, whatever else the name says. */
    private static final Pattern SECRET_NAME = Pattern.compile(
            "(?i).*(pass|pwd|secret|token|key|credential|auth|private|jwk|cookie|salt|signature|hmac|session|bearer).*");
    /** Field names (without separators, lower case) whose values identify or locate, but do not protect. */
    private static final List<String> ORDINARY_SUFFIXES = List.of("username", "user", "login", "email", "host", "hostname",
            "port", "database", "dbname", "db", "url", "uri", "endpoint", "address", "server", "namespace", "region", "zone",
            "clientid", "tenantid", "subscriptionid", "accountid", "projectid", "issuer", "audience", "domain", "realm",
            "organization", "org", "schema", "sslmode", "protocol", "scheme");
    private static final Pattern CERTIFICATE_BLOCK = Pattern.compile(
            "-----BEGIN CERTIFICATE-----[A-Za-z0-9+/=\\s]*-----END CERTIFICATE-----");

    private SecretFields() {
    }

    /** Whether the field {@code name} holding {@code text} (null when not text) is a secret. */
    public static boolean isSecret(String name, String text) {
        if (text != null && text.contains("PRIVATE KEY")) {
            return true;
        }
        if (text != null && isCertificate(text)) {
            return false;
        }
        return !isOrdinaryName(name);
    }

    /** A field name that says its value identifies or locates (user name, host, port…) and says nothing secret. */
    public static boolean isOrdinaryName(String name) {
        if (name == null || SECRET_NAME.matcher(name).matches()) {
            return false;
        }
        String plain = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        return ORDINARY_SUFFIXES.stream().anyMatch(plain::endsWith);
    }

    /** Text that is nothing but PEM certificates (public keys with their signatures). */
    public static boolean isCertificate(String text) {
        String rest = CERTIFICATE_BLOCK.matcher(text).replaceAll("");
        return !rest.equals(text) && rest.isBlank();
    }
}
