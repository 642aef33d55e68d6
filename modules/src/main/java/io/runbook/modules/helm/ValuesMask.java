package io.runbook.modules.helm;

import io.runbook.engine.module.ModuleContext;
import io.runbook.modules.k8s.SecretFields;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;

/**
 * Release values as they may be shown: a value under a key that names a secret (password, token, key, cert,
 * credentials, a {@code secrets:} block such as Tetrate's {@code secrets.postgres.password}) is masked and
 * registered with the run's redactor before anything can print it, unless its own field is an ordinary word
 * ({@code secrets.postgres.username}) or a certificate ({@link SecretFields}). Values that reach a rendered Secret
 * are caught as well, from the manifest ({@link ReleaseManifest#registerSecrets}).
 */
final class ValuesMask {
    static final String MASK = "<masked>";
    private static final Pattern SECRET_KEY = Pattern.compile(
            "(?i).*(secret|pass|token|key|cert|cacert|credential|jwk|private|auth).*");
    private static final DumpSettings DUMP = DumpSettings.builder().setDefaultFlowStyle(FlowStyle.BLOCK)
            .setIndent(2).setIndicatorIndent(0).setWidth(200).build();

    private ValuesMask() {
    }

    /** Registers every value that {@link #masked} would hide (text of four characters or more). */
    static void register(ModuleContext ctx, Map<String, Object> values) {
        List<String> found = new ArrayList<>();
        if (values != null) {
            values.forEach((k, v) -> collect(k, v, false, found));
        }
        found.stream().filter(s -> s.length() >= 4).forEach(ctx::secret);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> masked(Map<String, Object> values) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (values != null) {
            values.forEach((k, v) -> out.put(k, mask(k, v, false)));
        }
        return out;
    }

    /** Masked values as block YAML with keys sorted (Helm stores them sorted), for diffs. */
    static String yaml(Map<String, Object> values) {
        Map<String, Object> m = masked(values);
        return m.isEmpty() ? "{}\n" : new Dump(DUMP).dumpToString(sorted(m));
    }

    @SuppressWarnings("unchecked")
    private static Object sorted(Object v) {
        if (v instanceof Map<?, ?> map) {
            Map<String, Object> out = new java.util.TreeMap<>();
            ((Map<String, Object>) map).forEach((k, x) -> out.put(k, sorted(x)));
            return out;
        }
        if (v instanceof List<?> list) {
            return list.stream().map(ValuesMask::sorted).toList();
        }
        return v;
    }

    /** {@code v} under {@code key} as shown; {@code underSecret}: an enclosing key names a secret. */
    @SuppressWarnings("unchecked")
    private static Object mask(String key, Object v, boolean underSecret) {
        boolean secret = underSecret || SECRET_KEY.matcher(key).matches();
        if (v instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            ((Map<String, Object>) map).forEach((k, x) -> out.put(k, mask(k, x, secret)));
            return out;
        }
        if (v instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            list.forEach(x -> out.add(mask(key, x, secret)));
            return out;
        }
        return hidden(key, v, secret) ? MASK : v;
    }

    @SuppressWarnings("unchecked")
    private static void collect(String key, Object v, boolean underSecret, List<String> out) {
        boolean secret = underSecret || SECRET_KEY.matcher(key).matches();
        if (v instanceof Map<?, ?> map) {
            ((Map<String, Object>) map).forEach((k, x) -> collect(k, x, secret, out));
        } else if (v instanceof List<?> list) {
            list.forEach(x -> collect(key, x, secret, out));
        } else if (v instanceof String s && hidden(key, s, secret)) {
            out.add(s);
            if (s.contains("\n")) {
                s.lines().map(String::strip).filter(l -> l.length() >= 16 && !l.startsWith("-----")).forEach(out::add);
            }
        }
    }

    /**
     * A value under a secret-looking key is hidden unless its own field is an ordinary word (the user name beside
     * a password: {@code secrets.postgres.username}) or it is a certificate, decided per field by {@link SecretFields}.
     */
    private static boolean hidden(String key, Object v, boolean secret) {
        if (!secret || v == null || v instanceof Boolean) {
            return false;
        }
        return SecretFields.isSecret(key, v instanceof String s ? s : null);
    }
}
