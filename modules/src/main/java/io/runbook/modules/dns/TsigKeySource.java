package io.runbook.modules.dns;

import io.runbook.engine.module.Args;
import io.runbook.engine.module.ModuleContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.xbill.DNS.Name;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.TextParseException;

/**
 * Where the TSIG key comes from: {@code key_name} + {@code key_secret} (+ {@code key_algorithm}), or a BIND
 * key file ({@code key_file}, optionally choosing a clause by {@code key_name}). The secret is registered
 * for redaction before anything else happens and never appears in a message.
 */
final class TsigKeySource {
    static final Map<String, Name> ALGORITHMS = Map.of(
            "hmac-md5", TSIG.HMAC_MD5, "hmac-sha1", TSIG.HMAC_SHA1, "hmac-sha224", TSIG.HMAC_SHA224,
            "hmac-sha256", TSIG.HMAC_SHA256, "hmac-sha384", TSIG.HMAC_SHA384, "hmac-sha512", TSIG.HMAC_SHA512);

    /** A usable key and what to call it in messages. */
    record Key(TSIG tsig, String name, String algorithm) {
        @Override
        public String toString() {
            return "key " + name + " (" + algorithm + ")";
        }
    }

    private TsigKeySource() {
    }

    /** The key to sign updates with, or empty when none was given (unsigned updates). */
    static Optional<Key> from(Args args, ModuleContext ctx) throws DnsFailure {
        String secret = args.string("key_secret");
        if (secret != null) {
            ctx.secret(secret);
        }
        Path file = args.path("key_file");
        if (file != null) {
            BindKeyFile.Clause clause = clauseFrom(file, args.string("key_name"), ctx);
            return Optional.of(key(clause.name(), clause.algorithm(), clause.secret(), "in " + file));
        }
        String name = args.string("key_name");
        if (name == null && secret == null) {
            return Optional.empty();
        }
        if (name == null || secret == null) {
            throw new DnsFailure("key_name and key_secret go together (or give key_file): "
                    + (name == null ? "key_name" : "key_secret") + " is missing");
        }
        return Optional.of(key(name, args.string("key_algorithm"), secret, "in key_secret"));
    }

    /**
     * The key as community.general.nsupdate takes it: {@code key_name} with {@code key_secret}, or none without
     * {@code key_name} (then a lone {@code key_secret} is not used, and the updates go unsigned, as there).
     */
    static Optional<Key> named(String name, String secret, String algorithm, ModuleContext ctx) throws DnsFailure {
        if (secret != null) {
            ctx.secret(secret);
        }
        if (name == null) {
            return Optional.empty();
        }
        if (secret == null) {
            throw new DnsFailure("Missing key_secret: key_name " + name + " needs the key's secret (base64)");
        }
        try {
            return Optional.of(key(name, algorithm, secret, "in key_secret"));
        } catch (DnsFailure e) {
            throw new DnsFailure("TSIG key error: " + e.getMessage());
        }
    }

    private static BindKeyFile.Clause clauseFrom(Path file, String wanted, ModuleContext ctx) throws DnsFailure {
        if (!Files.exists(file)) {
            throw new DnsFailure("key_file " + file + " does not exist");
        }
        String text = ctx.readFile(file).text();  // an ansible-vault encrypted key file is opened too
        List<BindKeyFile.Clause> clauses = BindKeyFile.parse(text);
        clauses.forEach(c -> ctx.secret(c.secret()));
        List<String> names = clauses.stream().map(BindKeyFile.Clause::name).toList();
        if (clauses.isEmpty()) {
            throw new DnsFailure("key_file " + file + " has no key clause like: key \"name\" { algorithm hmac-sha256; secret \"...\"; };");
        }
        if (wanted != null) {
            String w = wanted.replaceFirst("\\.$", "");
            return clauses.stream().filter(c -> c.name().replaceFirst("\\.$", "").equalsIgnoreCase(w)).findFirst()
                    .orElseThrow(() -> new DnsFailure("key_file " + file + " has no key '" + wanted + "'; it has " + names));
        }
        if (clauses.size() > 1) {
            throw new DnsFailure("key_file " + file + " has several keys " + names + ": choose one with key_name");
        }
        return clauses.get(0);
    }

    private static Key key(String name, String algorithm, String secret, String where) throws DnsFailure {
        String alg = algorithm.toLowerCase(Locale.ROOT).replaceFirst("\\.$", "");
        Name algName = ALGORITHMS.get(alg.equals("hmac-md5.sig-alg.reg.int") ? "hmac-md5" : alg);
        if (algName == null) {
            throw new DnsFailure("TSIG algorithm '" + algorithm + "' is not supported; use one of "
                    + List.of("hmac-md5", "hmac-sha1", "hmac-sha224", "hmac-sha256", "hmac-sha384", "hmac-sha512"));
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(secret.trim());
        } catch (IllegalArgumentException e) {
            throw new DnsFailure("the TSIG secret " + where + " for key '" + name + "' is not valid base64 "
                    + "(copy the secret \"...\" text that tsig-keygen wrote)");
        }
        if (bytes.length == 0) {
            throw new DnsFailure("the TSIG secret " + where + " for key '" + name + "' is empty");
        }
        try {
            Name keyName = Name.fromString(name, Name.root);
            return new Key(new TSIG(algName, keyName, bytes), keyName.toString(true), alg);
        } catch (TextParseException e) {
            throw new DnsFailure("key_name '" + name + "' is not a valid DNS name");
        }
    }
}
