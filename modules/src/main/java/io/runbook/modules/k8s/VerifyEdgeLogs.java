package io.runbook.modules.k8s;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.PrettyLoggable;
import io.fabric8.kubernetes.client.dsl.TailPrettyLoggable;
import io.runbook.engine.error.UserError;
import io.runbook.engine.module.Arg;
import io.runbook.engine.module.ArgSpec;
import io.runbook.engine.module.ArgType;
import io.runbook.engine.module.Args;
import io.runbook.engine.module.ModuleContext;
import io.runbook.engine.module.ModuleException;
import io.runbook.engine.module.Result;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;

/**
 * {@code verify_edge_logs}: reads the logs of every pod and container of the edge deployment (or a
 * selector), sorts matching lines into categories (TLS, management plane unreachable, token) with counts
 * and examples, and fails naming the category and the runbook's remedy. Never changes anything.
 */
public final class VerifyEdgeLogs extends K8sModule {
    private static final ArgSpec SPEC = ArgSpec.builder()
            .arg(Arg.str("namespace").defaultValue("istio-system"))
            .arg(Arg.str("deployment").defaultValue("edge").description("whose pods to read; ignored when selector is given"))
            .arg(Arg.str("selector").description("label selector of the pods to read, instead of a deployment"))
            .arg(Arg.duration("since").description("only lines newer than this (like 10m)"))
            .arg(Arg.integer("tail_lines").description("only the last N lines of each container"))
            .arg(Arg.list("error_patterns").elements(ArgType.RAW)
                    .description("regexes (category custom) or {category, patterns, remedy}; replace the Tetrate defaults"))
            .arg(Arg.list("healthy_patterns").elements(ArgType.STR).description("regexes; if given, at least one line must match one"))
            .arg(Arg.bool("fail_on_match").defaultValue(true))
            .arg(Arg.integer("examples").defaultValue(3).description("example lines kept per category"))
            .build();

    @Override
    public String name() {
        return "verify_edge_logs";
    }

    @Override
    public ArgSpec spec() {
        return SPEC;
    }

    @Override
    public String description() {
        return "Classify control-plane edge log errors (TLS, management plane unreachable, tokens) and name the remedy";
    }

    @Override
    Result run(ModuleContext ctx, ClusterConnection conn) throws ModuleException {
        Args args = ctx.args();
        List<LogCategory> categories = args.has("error_patterns") ? categories(args) : LogCategory.defaults();
        List<Pattern> healthy = patterns(args, "healthy_patterns", args.strings("healthy_patterns"));
        String namespace = args.string("namespace");
        String source = args.string("selector") != null ? "pods " + args.string("selector") : "deployment " + args.string("deployment");
        List<Pod> pods = pods(conn, args, namespace);
        if (pods.isEmpty()) {
            return Result.failed("no pods found for " + source + " in " + namespace + "; is the control plane installed?")
                    .with("pods", List.of());
        }
        LogClassification classes = new LogClassification(categories, healthy, Math.max(1, args.integer("examples")));
        List<Map<String, Object>> read = new ArrayList<>();
        for (Pod pod : pods) {
            for (Container c : pod.getSpec().getContainers()) {
                read.add(readContainer(conn, args, namespace, pod.getMetadata().getName(), c.getName(), classes));
            }
        }
        Result result = Result.ok().with("namespace", namespace).with("pods", read).with("lines", classes.lines())
                .with("matched", classes.matched()).with("categories", classes.asResult());
        String where = source + " logs in " + namespace;
        if (!healthy.isEmpty()) {
            result = result.with("healthy_found", classes.healthyLines() > 0);
        }
        if (args.bool("fail_on_match") && classes.matched() > 0) {
            return result.withFailed(true).withMsg(classes.failureMessage(where));
        }
        if (!healthy.isEmpty() && classes.healthyLines() == 0) {
            return result.withFailed(true).withMsg(where + ": no line matches the healthy patterns " + args.strings("healthy_patterns")
                    + " in " + classes.lines() + " lines");
        }
        return result.withMsg(where + ": " + classes.lines() + " lines from " + read.size() + " containers, "
                + (classes.matched() == 0 ? "no errors" : classes.matched() + " error lines"));
    }

    private List<Pod> pods(ClusterConnection conn, Args args, String namespace) throws ModuleException {
        if (args.string("selector") != null) {
            return conn.client().pods().inNamespace(namespace).withLabelSelector(args.string("selector")).list().getItems();
        }
        Deployment d = conn.client().apps().deployments().inNamespace(namespace).withName(args.string("deployment")).get();
        if (d == null) {
            throw new ModuleException("deployment " + args.string("deployment") + " not found in " + namespace + "; is the control plane installed?");
        }
        Map<String, String> match = d.getSpec() == null || d.getSpec().getSelector() == null ? null : d.getSpec().getSelector().getMatchLabels();
        if (match == null || match.isEmpty()) {
            throw new ModuleException("deployment " + namespace + "/" + d.getMetadata().getName() + " has no matchLabels selector; give selector instead");
        }
        return conn.client().pods().inNamespace(namespace).withLabels(match).list().getItems();
    }

    private Map<String, Object> readContainer(ClusterConnection conn, Args args, String namespace, String pod, String container,
                                              LogClassification classes) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("pod", pod);
        row.put("container", container);
        try {
            TailPrettyLoggable since = conn.client().pods().inNamespace(namespace).withName(pod).inContainer(container);
            Duration d = args.duration("since");
            if (d != null) {
                since = conn.client().pods().inNamespace(namespace).withName(pod).inContainer(container).sinceSeconds((int) Math.max(1, d.toSeconds()));
            }
            PrettyLoggable logs = args.integer("tail_lines") != null ? since.tailingLines(args.integer("tail_lines")) : since;
            String text = logs.getLog();
            List<String> lines = text == null ? List.of() : text.lines().filter(l -> !l.isBlank()).toList();
            lines.forEach(l -> classes.add(pod + "/" + container, l));
            row.put("lines", lines.size());
        } catch (KubernetesClientException e) {
            if (ApiFailure.isConnectivity(e)) {
                throw e;
            }
            row.put("lines", 0);
            row.put("error", ApiFailure.describe(e));
        }
        return row;
    }

    @SuppressWarnings("unchecked")
    private static List<LogCategory> categories(Args args) {
        List<LogCategory> out = new ArrayList<>();
        List<String> plain = new ArrayList<>();
        for (Object item : args.list("error_patterns")) {
            if (item instanceof Map<?, ?> m) {
                Object name = m.get("category");
                Object ps = m.containsKey("patterns") ? m.get("patterns") : m.get("pattern");
                if (name == null || ps == null) {
                    throw new UserError(args.position("error_patterns"), "argument 'error_patterns': a mapping needs category and patterns (or pattern), got " + m.keySet());
                }
                List<String> regexes = ps instanceof List<?> l ? l.stream().map(String::valueOf).toList() : List.of(String.valueOf(ps));
                Object remedy = m.get("remedy");
                out.add(new LogCategory(String.valueOf(name), patterns(args, "error_patterns", regexes), remedy == null ? null : String.valueOf(remedy)));
            } else {
                plain.add(String.valueOf(item));
            }
        }
        if (!plain.isEmpty()) {
            out.add(new LogCategory("custom", patterns(args, "error_patterns", plain), null));
        }
        return out;
    }

    private static List<Pattern> patterns(Args args, String arg, List<String> regexes) {
        return regexes.stream().map(r -> {
            try {
                return Pattern.compile(r);
            } catch (PatternSyntaxException e) {
                throw new UserError(args.position(arg), "argument '" + arg + "': '" + r + "' is not a valid regular expression: "
                        + e.getDescription());
            }
        }).collect(Collectors.toList());
    }
}
