package io.runbook.modules.library;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.runbook.engine.module.Deprecation;
import io.runbook.engine.module.ModuleContext;
import io.runbook.engine.module.Result;
import io.runbook.engine.vars.Conditions;
import io.runbook.modules.connection.Execution;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A module's output read as Ansible's action plugin reads it ({@code _parse_returned_data}): the JSON object between
 * the junk lines its {@code _filter_non_json_lines} leaves out (a warning for junk after it), else Ansible's
 * {@code MODULE FAILURE} with the module's stdout, stderr and rc; then as its task executor does: {@code failed} from
 * a non-zero {@code rc} when the module does not say, {@code stdout_lines}/{@code stderr_lines}, the module's
 * warnings and deprecations shown, its {@code _ansible_} keys left out (its {@code invocation} kept, as Ansible's callbacks get it), its {@code diff} shown by {@code --diff}
 * ({@link ModuleDiffs}). An async job's output is read as Ansible's async_wrapper reads it: the module's stderr kept,
 * its warnings kept in the result, and no JSON a failure of the wrapper's.
 */
final class ModuleOutput {
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private ModuleOutput() {
    }

    /** {@code module}: the module's file on the host, which an async job's failure names as {@code cmd}. */
    static Result result(Execution out, String interpreter, String module, ModuleContext ctx) {
        List<String> junk = new ArrayList<>();
        Map<String, Object> data;
        try {
            String json = objectLines(out.stdout(), junk);
            @SuppressWarnings("unchecked")
            Map<String, Object> parsed = JSON.readValue(json, LinkedHashMap.class);
            data = parsed;
        } catch (IllegalArgumentException | JsonProcessingException | ClassCastException e) {
            return ctx.asyncJob() ? asyncFailure(out, module, e) : failure(out, interpreter);
        }
        junk.forEach(ctx::warnNow);
        // the module's echo of its arguments (invocation) stays: callbacks get it, -vvv shows it, register leaves it out
        data.keySet().removeIf(k -> k.startsWith("_ansible_"));
        if (!data.containsKey("failed")) {
            Object rc = data.get("rc");
            data.put("failed", rc != null && !List.of("0").contains(String.valueOf(rc)));
        }
        if (ctx.asyncJob() && !out.stderr().isEmpty()) {
            // as Ansible's async_wrapper: the module's stderr over the result's
            data.put("stderr", out.stderr());
        }
        lines(data, "stdout");
        lines(data, "stderr");
        Object warned = data.remove("warnings");
        if (warned instanceof List<?> warnings) {
            warnings.forEach(w -> ctx.warn(String.valueOf(w)));
        }
        if (ctx.asyncJob() && (warned instanceof List<?> || !junk.isEmpty())) {
            // as Ansible's async_wrapper: the junk's warnings after the module's, kept in the job's result
            List<Object> kept = new ArrayList<>(warned instanceof List<?> w ? w : List.of());
            kept.addAll(junk);
            data.put("warnings", kept);
        }
        if (data.remove("deprecations") instanceof List<?> deprecations) {
            for (Object d : deprecations) {
                if (d instanceof Map<?, ?> m) {
                    ctx.deprecate(new Deprecation(text(m.get("msg")), text(m.get("version")), text(m.get("date")),
                            text(m.get("collection_name"))));
                }
            }
        }
        boolean failed = Conditions.truthy(data.remove("failed"));
        boolean changed = Conditions.truthy(data.remove("changed"));
        boolean skipped = Conditions.truthy(data.remove("skipped"));
        String msg = data.containsKey("msg") ? text(data.remove("msg")) : null;
        Result r = skipped && !failed ? Result.skipped(msg) : failed ? Result.failed(msg).withChanged(changed)
                : Result.changed(changed).withMsg(msg);
        if (changed && Conditions.truthy(data.get("diff"))) {
            // shown by --diff as Ansible's callback shows a changed result's diff; the key stays registered
            for (io.runbook.engine.module.Diff d : ModuleDiffs.of(data.get("diff"))) {
                r = r.withDiff(d);
            }
        }
        return r.withAll(data);
    }

    /** Ansible's MODULE FAILURE: no JSON object in the module's output. */
    private static Result failure(Execution out, String interpreter) {
        String msg = "MODULE FAILURE";
        if (interpreter != null) {
            String missing = java.util.regex.Pattern.quote(interpreter) + ": (?:No such file or directory|not found)";
            java.util.regex.Pattern p = java.util.regex.Pattern.compile(missing);
            if (p.matcher(out.stderr()).find() || p.matcher(out.stdout()).find()) {
                msg = "The module failed to execute correctly, you probably need to set the interpreter.";
            }
        }
        Result r = Result.failed(msg + "\nSee stdout/stderr for the exact error").with("module_stdout", out.stdout())
                .with("module_stderr", out.stderr());
        if (out.stderr().startsWith("Traceback")) {
            r = r.with("exception", out.stderr());
        } else if (out.stdout().startsWith("Traceback")) {
            r = r.with("exception", out.stdout());
        }
        return r.with("rc", out.rc());
    }

    /**
     * Ansible's async_wrapper's result for a job whose module gave no JSON: failed, with the module's command, its output
     * as {@code data}, its stderr, and the wrapper's own traceback as {@code msg} (no MODULE FAILURE, no {@code rc}).
     */
    private static Result asyncFailure(Execution out, String module, Exception e) {
        String error = e instanceof IllegalArgumentException
                ? out.stdout().lines().anyMatch(l -> l.strip().startsWith("{")) ? "No end of json char found" : "No start of json char found"
                : "the module's output is no JSON object";
        String msg = "Traceback (most recent call last):\n  File \"ansible/modules/async_wrapper.py\", line 180, in _run_module\n"
                + "ValueError: " + error + "\n";
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("cmd", module);
        data.put("data", out.stdout());
        data.put("stderr", out.stderr());
        lines(data, "stderr");
        return Result.failed(msg).withAll(data);
    }

    /**
     * As Ansible's {@code _filter_non_json_lines(objects_only=True)}: from the first line that starts with '{' to the
     * last that ends with '}'; {@code warnings} hears about junk after it. Throws IllegalArgumentException for none.
     */
    static String objectLines(String output, List<String> warnings) {
        List<String> lines = output.lines().toList();
        int start = 0;
        while (start < lines.size() && !lines.get(start).strip().startsWith("{")) {
            start++;
        }
        int end = lines.size() - 1;
        while (end >= start && !lines.get(end).strip().endsWith("}")) {
            end--;
        }
        if (start >= lines.size() || end < start) {
            throw new IllegalArgumentException("no JSON object in the module's output");
        }
        List<String> trailing = lines.subList(end + 1, lines.size());
        if (trailing.stream().anyMatch(l -> !l.isBlank())) {
            warnings.add("Module invocation had junk after the JSON data: " + String.join("\n", trailing));
        }
        return String.join("\n", lines.subList(start, end + 1));
    }

    private static void lines(Map<String, Object> data, String key) {
        if (data.containsKey(key) && !data.containsKey(key + "_lines")) {
            Object v = data.get(key);
            data.put(key + "_lines", v == null ? List.of() : String.valueOf(v).lines().toList());
        }
    }

    private static String text(Object v) {
        return v == null ? null : String.valueOf(v);
    }
}
