package io.runbook.modules.accounts;

import io.runbook.engine.module.ModuleContext;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Ansible's warning for a {@code password} that does not look like a crypt(3) hash (a clear-text password would be
 * written to /etc/shadow as it is, and no login would work): no {@code $}, a character crypt never uses, or a hash of
 * the wrong length for MD5, SHA-256 or SHA-512. {@code *}, {@code !} and a row of asterisks disable an account.
 */
final class PasswordHashCheck {
    private static final Set<String> DISABLING = Set.of("*", "!", "*************");
    private static final Pattern NOT_CRYPT = Pattern.compile("[^a-zA-Z0-9./=]");
    private static final Map<String, Integer> LENGTHS = Map.of("1", 22, "5", 43, "6", 86);

    private PasswordHashCheck() {
    }

    static void warnUnlessHashed(String password, ModuleContext ctx) {
        if (password.isEmpty() || DISABLING.contains(password) || looksHashed(password)) {
            return;
        }
        ctx.warn("The input password appears not to have been hashed. The 'password' argument must be encrypted for this module to work properly.");
    }

    private static boolean looksHashed(String password) {
        if (password.chars().anyMatch(c -> c == ':' || c == '*' || c == '!') || !password.contains("$")) {
            return false;
        }
        String[] fields = password.split("\\$", -1);
        if (fields.length < 3) {
            return false;
        }
        String hash = fields[fields.length - 1];
        Integer length = LENGTHS.get(fields[1]);
        return !NOT_CRYPT.matcher(hash).find() && (length == null || hash.length() == length);
    }
}
