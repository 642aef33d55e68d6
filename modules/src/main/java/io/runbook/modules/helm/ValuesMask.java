package io.runbook.modules.helm;

import io.runbook.engine.module.ModuleContext;
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
 * registered with the run's redactor before anything can print it. Values that reach a rendered Secret
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
        collect(values, false, found);
        found.stream().filter(s -> s.length() >= 4).forEach(ctx::secret);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> masked(Map<String, Object> values) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (values != null) {
            values.forEach((k, v) -> out.put(k, mask(v, SECRET_KEY.matcher(k).matches())));
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

    @SuppressWarnings("unchecked")
    private static Object mask(Object v, boolean secret) {
        if (v instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            ((Map<String, Object>) map).forEach((k, x) -> out.put(k, mask(x, secret || SECRET_KEY.matcher(k).matches())));
            return out;
        }
        if (v instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            list.forEach(x -> out.add(mask(x, secret)));
            return out;
        }
        return secret && v != null && !(v instanceof Boolean) ? MASK : v;
    }

    @SuppressWarnings("unchecked")
    private static void collect(Object v, boolean secret, List<String> out) {
        if (v instanceof Map<?, ?> map) {
            ((Map<String, Object>) map).forEach((k, x) -> collect(x, secret || SECRET_KEY.matcher(k).matches(), out));
        } else if (v instanceof List<?> list) {
            list.forEach(x -> collect(x, secret, out));
        } else if (secret && v instanceof String s) {
            out.add(s);
            if (s.contains("\n")) {
                s.lines().map(String::strip).filter(l -> l.length() >= 16 && !l.startsWith("-----")).forEach(out::add);
            }
        }
    }
}
