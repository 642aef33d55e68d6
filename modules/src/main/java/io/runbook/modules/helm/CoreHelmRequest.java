package io.runbook.modules.helm;

import io.runbook.engine.error.UserError;
import io.runbook.engine.module.ArgValidator;
import io.runbook.engine.module.Args;
import io.runbook.engine.module.ModuleContext;
import io.runbook.engine.module.ModuleException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A kubernetes.core.helm task's arguments as a {@link ReleaseRequest}: {@code chart_ref} with {@code chart_version}
 * and {@code chart_repo_url} (a bare chart name is looked up in that repository, as {@code helm --repo}),
 * {@code values_files}, then {@code release_values}, then {@code set_values} merged as Helm merges them, Helm's
 * timeout ({@code timeout}, or {@code wait_timeout} with {@code wait}; 5m0s as Helm's default), and the Helm
 * flags kubernetes.core passes. A stuck (pending or failed) release fails the task with an explanation.
 */
final class CoreHelmRequest {
    /** The private repository name a bare chart name with a {@code chart_repo_url} is fetched through. */
    static final String REPOSITORY = "chart-repo-url";
    private static final Duration HELM_TIMEOUT = Duration.ofMinutes(5);

    private CoreHelmRequest() {
    }

    static ReleaseRequest from(ModuleContext ctx) throws ModuleException {
        Args args = ctx.args();
        boolean present = "present".equals(args.string("release_state"));
        ChartSource chart = null;
        Map<String, Object> values = Map.of();
        if (present) {
            chart = chart(args, ctx.workDir(), io.runbook.engine.vars.HomeDir.of(ctx.processEnvironment()));
            List<Path> files = args.list("values_files").stream().map(o -> (Path) o).toList();
            values = ReleaseValues.merge(ctx, files, args.map("release_values"), setValues(ctx, args));
        }
        boolean wait = args.bool("wait");
        Duration timeout = timeout(args, "timeout");
        if (timeout == null && wait) {
            timeout = timeout(args, "wait_timeout");
        }
        HelmFlags flags = new HelmFlags(args.bool("force"), args.bool("skip_crds"), args.bool("dependency_update"),
                !args.bool("purge"), args.bool("disable_hook"));
        return new ReleaseRequest(args.string("release_name"), args.string("release_namespace"), present, chart, values,
                args.bool("create_namespace"), wait || args.bool("atomic"), ReleaseRequest.timeoutSeconds(timeout == null ? HELM_TIMEOUT : timeout),
                args.bool("atomic"), ReleaseRequest.StuckPolicy.FAIL, false, ReleaseRequest.historyMax(args.integer("history_max")), flags);
    }

    /** {@code chart_ref} with {@code chart_version} and {@code chart_repo_url}: a bare chart name is looked up in that repository. */
    static ChartSource chart(Args args, Path workDir, String home) {
        String ref = args.string("chart_ref");
        String repoUrl = args.string("chart_repo_url");
        ChartSource chart = ChartSource.of(ref, args.string("chart_version"), repoUrl, workDir, home);
        if (chart.kind() == ChartSource.Kind.REPOSITORY && repoUrl != null && !ref.contains("/")) {
            return ChartSource.of(REPOSITORY + "/" + ref, args.string("chart_version"), repoUrl, workDir, home);
        }
        if (chart.kind() == ChartSource.Kind.REPOSITORY && !ref.contains("/")) {
            throw new UserError(args.position("chart_ref"), "chart_ref '" + ref + "' is neither a folder or .tgz that exists"
                    + " (relative to " + workDir + ") nor a repo/chart or oci:// reference (a bare chart name needs chart_repo_url)");
        }
        return chart;
    }

    private static Duration timeout(Args args, String name) {
        Object written = args.raw(name);
        if (written == null) {
            return null;
        }
        Duration d = ArgValidator.parseDuration(written);
        if (d == null) {
            throw new UserError(args.position(name), name + " '" + written + "' is not a duration (such as 5m0s, 300s or 10m)");
        }
        return d;
    }

    /** Kinds of {@code set_values} entry, in the order Helm applies them (--set-json, --set, --set-string, --set-file). */
    private static final List<String> SET_ORDER = List.of("json", "raw", "string", "file");

    /** {@code set_values} as dotted keys (later entries win), each value typed as Helm's --set flavour types it. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> setValues(ModuleContext ctx, Args args) throws ModuleException {
        List<Map<String, Object>> entries = new ArrayList<>();
        for (Object e : args.list("set_values")) {
            entries.add((Map<String, Object>) e);
        }
        entries.sort(Comparator.comparingInt(e -> SET_ORDER.indexOf(String.valueOf(e.getOrDefault("value_type", "raw")))));
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map<String, Object> entry : entries) {
            String type = String.valueOf(entry.getOrDefault("value_type", "raw"));
            String value = String.valueOf(entry.get("value"));
            List<String> pairs = type.equals("raw") || type.equals("string") ? splitPairs(value) : List.of(value);
            for (String pair : pairs) {
                int eq = pair.indexOf('=');
                String key = pair.substring(0, eq);
                String text = pair.substring(eq + 1);
                out.put(key, switch (type) {
                    case "raw" -> typed(text);
                    case "string" -> text;
                    case "json" -> json(text, args);
                    default -> file(ctx, text);
                });
            }
        }
        return out;
    }

    /** {@code a=1,b=2} → its pairs ({@code \,} keeps a comma in a value). */
    private static List<String> splitPairs(String value) {
        return ReleaseValues.split(value, ',');
    }

    /** As Helm's --set types a value: true/false, null, an integer without leading zeros, else text. */
    private static Object typed(String text) {
        return switch (text) {
            case "true" -> true;
            case "false" -> false;
            case "null" -> null;
            default -> text.matches("-?(0|[1-9][0-9]{0,17})") ? (Object) Long.parseLong(text) : text;
        };
    }

    private static Object json(String text, Args args) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readValue(text, Object.class);
        } catch (java.io.IOException e) {
            throw new UserError(args.position("set_values"), "set_values: a value of value_type json is not JSON (its text is not shown: it may be a secret)");
        }
    }

    private static String file(ModuleContext ctx, String path) throws ModuleException {
        Path file = ctx.workDir().resolve(path);
        if (!Files.isRegularFile(file)) {
            throw new ModuleException("set_values: file " + file + " does not exist (a relative path is read from the playbook's folder)");
        }
        return ctx.readFile(file).text();
    }

    /** Refuses, at {@code at}, the first {@code set_values} entry (of a literal or rendered list) that {@link #problem} finds wrong. */
    static void checkSetValues(Object setValues, io.runbook.engine.error.SourcePosition at) {
        if (setValues instanceof List<?> entries) {
            for (Object entry : entries) {
                String problem = problem(entry);
                if (problem != null) {
                    throw new UserError(at, problem);
                }
            }
        }
    }

    /**
     * What is wrong with one {@code set_values} entry, or null: each needs {@code value} as {@code key=value}
     * ({@code a=1,b=2} for raw and string), a known {@code value_type}, and no list or index syntax, which the engine
     * does not read (give lists in release_values).
     */
    static String problem(Object entry) {
        if (!(entry instanceof Map<?, ?> m) || !(m.get("value") instanceof String value)) {
            return "each set_values entry needs 'value' (key=value) and optionally 'value_type'";
        }
        for (Object key : m.keySet()) {
            if (!key.equals("value") && !key.equals("value_type")) {
                return "unknown key '" + key + "' in a set_values entry (value, value_type)";
            }
        }
        Object type = m.get("value_type") == null ? "raw" : m.get("value_type");
        if (!SET_ORDER.contains(String.valueOf(type))) {
            return "set_values value_type '" + type + "' is not one of raw, string, json, file";
        }
        List<String> pairs = type.equals("raw") || type.equals("string") ? splitPairs(value) : List.of(value);
        for (String pair : pairs) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                return "a set_values value is not key=value";
            }
            if (pair.substring(0, eq).contains("[") || !type.equals("json") && pair.substring(eq + 1).startsWith("{")) {
                return "set_values: lists ({a,b}) and indexes (key[0]) are not read by the engine; give them in release_values";
            }
        }
        return null;
    }
}
