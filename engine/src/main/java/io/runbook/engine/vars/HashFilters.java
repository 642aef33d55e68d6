package io.runbook.engine.vars;

import io.runbook.engine.vault.VaultCipher;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.apache.commons.codec.digest.Md5Crypt;
import org.apache.commons.codec.digest.Sha2Crypt;

/** Ansible's digest and crypto filters: md5, sha1, checksum, hash, password_hash, to_uuid, vault and unvault. */
final class HashFilters {
    private static final String ANSIBLE_NAMESPACE = "361E6D51-FAEC-444A-9079-341386DA8E2E";
    private static final Map<String, String> DIGESTS = Map.ofEntries(Map.entry("md5", "MD5"), Map.entry("sha1", "SHA-1"),
            Map.entry("sha224", "SHA-224"), Map.entry("sha256", "SHA-256"), Map.entry("sha384", "SHA-384"),
            Map.entry("sha512", "SHA-512"), Map.entry("sha3_224", "SHA3-224"), Map.entry("sha3_256", "SHA3-256"),
            Map.entry("sha3_384", "SHA3-384"), Map.entry("sha3_512", "SHA3-512"));
    private static final String SALT_CHARS = "./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    /** Made when a salt is first needed: a SecureRandom sets up the JDK's security providers, which a check never needs. */
    private static final class Salts {
        static final SecureRandom RANDOM = new SecureRandom();
    }

    private HashFilters() {
    }

    static void register(CollectionFilters.Registry r) {
        r.add("md5", 0, List.of(), (v, a) -> digest(v, "md5"));
        r.add("sha1", 0, List.of(), (v, a) -> digest(v, "sha1"));
        r.add("checksum", 0, List.of(), (v, a) -> digest(v, "sha1"));
        r.add("hash", 1, List.of("hashtype"), (v, a) -> digest(v, ValueText.of(a.get(0, "hashtype", "sha1"))));
        r.add("password_hash", 5, List.of("hashtype", "salt", "salt_size", "rounds", "ident"), HashFilters::passwordHash);
        r.add("to_uuid", 1, List.of("namespace"), (v, a) -> uuid5(ValueText.of(a.get(0, "namespace", ANSIBLE_NAMESPACE)),
                ValueText.of(v)));
        r.add("unvault", 2, List.of("secret", "vaultid"), HashFilters::unvault);
        r.add("vault", 4, List.of("secret", "salt", "vaultid", "wrap_object"), HashFilters::vault);
    }

    static String digest(Object value, String type) {
        String algorithm = DIGESTS.get(type.toLowerCase(Locale.ROOT));
        if (algorithm == null) {
            throw new ExpressionFailure("unsupported hash type " + type, "use one of " + String.join(", ", DIGESTS.keySet()));
        }
        try {
            byte[] bytes = MessageDigest.getInstance(algorithm).digest(ValueText.of(value).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new ExpressionFailure("unsupported hash type " + type);
        }
    }

    /** Ansible's password_hash(hashtype='sha512', salt=None, salt_size, rounds, ident): crypt(3) text. */
    private static Object passwordHash(Object value, Arguments a) {
        String type = ValueText.of(a.get(0, "hashtype", "sha512"));
        Object givenSalt = a.get(1, "salt", null);
        Object rounds = a.get(3, "rounds", null);
        int saltSize = Numbers.whole(a.get(2, "salt_size", type.startsWith("md5") ? 8 : 16), "password_hash");
        String salt = givenSalt == null ? randomSalt(saltSize) : ValueText.of(givenSalt);
        String roundsPart = rounds == null ? "" : "rounds=" + Numbers.whole(rounds, "password_hash") + "$";
        return crypt(type, ValueText.of(value), roundsPart, salt);
    }

    /**
     * crypt(3) text of {@code text} by {@code type} (sha512, sha256, md5, or their _crypt names), {@code roundsPart}
     * ({@code rounds=N$} or empty; md5 has none) and salt.
     */
    static String crypt(String type, String text, String roundsPart, String salt) {
        byte[] password = text.getBytes(StandardCharsets.UTF_8);
        return switch (type) {
            case "sha512", "sha512_crypt" -> Sha2Crypt.sha512Crypt(password, "$6$" + roundsPart + salt);
            case "sha256", "sha256_crypt" -> Sha2Crypt.sha256Crypt(password, "$5$" + roundsPart + salt);
            case "md5", "md5_crypt" -> Md5Crypt.md5Crypt(password, "$1$" + salt);
            case "bcrypt", "blowfish" -> throw new ExpressionFailure("the hash type " + type + " is not supported here",
                    "use sha512, sha256 or md5");
            // Ansible's words for an algorithm it does not know either
            default -> throw new ExpressionFailure("crypt.crypt does not support '" + type + "' algorithm");
        };
    }

    static String randomSalt(int size) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < size; i++) {
            out.append(SALT_CHARS.charAt(Salts.RANDOM.nextInt(SALT_CHARS.length())));
        }
        return out.toString();
    }

    /** Python's uuid.uuid5(namespace, name): SHA-1 of the namespace's bytes and the name's UTF-8. */
    static String uuid5(String namespace, String name) {
        UUID ns;
        try {
            ns = UUID.fromString(namespace);
        } catch (IllegalArgumentException e) {
            throw new ExpressionFailure("Invalid value '" + namespace + "' for 'namespace': badly formed hexadecimal UUID string");
        }
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            sha1.update(ByteBuffer.allocate(16).putLong(ns.getMostSignificantBits()).putLong(ns.getLeastSignificantBits()).array());
            byte[] hash = sha1.digest(name.getBytes(StandardCharsets.UTF_8));
            hash[6] = (byte) ((hash[6] & 0x0f) | 0x50);
            hash[8] = (byte) ((hash[8] & 0x3f) | 0x80);
            ByteBuffer b = ByteBuffer.wrap(hash, 0, 16);
            return new UUID(b.getLong(), b.getLong()).toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Ansible's unvault(secret, vaultid): the plaintext of vault text, or of a {@code !vault} value (decrypted with this
     * password, whatever the run's secrets are), as secret text; other text as it is.
     */
    private static Object unvault(Object value, Arguments a) {
        Object secret = a.get(0, "secret", null);
        if (!(secret instanceof CharSequence)) {
            throw new ExpressionFailure("Secret passed is required to be as string, instead we got: " + "<class '" + PyValues.typeName(secret) + "'>");
        }
        if (!(value instanceof CharSequence)) {
            throw new ExpressionFailure("Vault should be in the form of a string, instead we got: " + "<class '" + PyValues.typeName(value) + "'>");
        }
        String envelopeText = value instanceof SecretText s ? s.vaultEnvelope() : null;
        boolean object = envelopeText != null;
        String text = object ? envelopeText : ValueText.of(value);
        if (!VaultCipher.isVaulted(text)) {
            return value;
        }
        byte[] plain;
        try {
            plain = VaultCipher.decrypt(VaultCipher.parse(text), secret.toString().getBytes(StandardCharsets.UTF_8)).orElse(null);
        } catch (IllegalArgumentException e) {
            throw new ExpressionFailure((object ? "" : "Unable to decrypt: ") + e.getMessage());
        }
        if (plain == null) {
            // as Ansible's: a vaulted object's failure is the vault's own, vault text's is wrapped by the filter
            throw new ExpressionFailure((object ? "" : "Unable to decrypt: ") + "Decryption failed (no vault secrets were found that could decrypt)");
        }
        return new SecretText(new String(plain, StandardCharsets.UTF_8));
    }

    /**
     * Ansible's vault(secret, salt=None, vaultid='filter_default', wrap_object=False): the value encrypted as ansible-vault
     * text; with a salt, the same text every time (as Ansible's); wrapped, a vaulted value ({@code type_debug}
     * AnsibleVaultEncryptedUnicode).
     */
    private static Object vault(Object value, Arguments a) {
        Object secret = a.get(0, "secret", null);
        if (!(secret instanceof CharSequence)) {
            throw new ExpressionFailure("Secret passed is required to be a string, instead we got: " + "<class '" + PyValues.typeName(secret) + "'>");
        }
        if (!(value instanceof CharSequence)) {
            throw new ExpressionFailure("Can only vault strings, instead we got: " + "<class '" + PyValues.typeName(value) + "'>");
        }
        Object salt = a.get(1, "salt", null);
        byte[] saltBytes = null;
        if (salt != null) {
            saltBytes = ValueText.of(salt).getBytes(StandardCharsets.UTF_8);
            if (saltBytes.length == 0 || salt instanceof Boolean b && !b || PyNumbers.isInt(salt) && PyNumbers.big(salt).signum() == 0) {
                throw new ExpressionFailure("Unable to encrypt: Empty or invalid salt passed to encrypt()");
            }
        }
        String vaultId = ValueText.of(a.get(2, "vaultid", "filter_default"));
        String out = VaultCipher.encrypt(ValueText.of(value).getBytes(StandardCharsets.UTF_8),
                secret.toString().getBytes(StandardCharsets.UTF_8), vaultId, saltBytes);
        return PyValues.truthy(a.get(3, "wrap_object", false)) ? SecretText.wrappedEnvelope(out) : out;
    }
}
