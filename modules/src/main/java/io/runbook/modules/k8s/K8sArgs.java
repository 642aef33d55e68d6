package io.runbook.modules.k8s;

import io.runbook.engine.error.SourcePosition;
import io.runbook.engine.error.UserError;
import io.runbook.engine.module.Arg;
import io.runbook.engine.module.ArgSpec;
import io.runbook.engine.module.ArgType;
import io.runbook.engine.module.ArgValidator;
import io.runbook.engine.module.Args;
import io.runbook.engine.module.ModuleContext;
import io.runbook.engine.module.ModuleException;
import io.runbook.engine.module.SourceFile;
import io.runbook.engine.module.WrittenArgs;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * kubernetes.core's arguments as the engine's {@code k8s} and {@code k8s_info} take them: the connection arguments
 * ({@code kubeconfig} as a path and {@code context}; the others are refused before the run, not ignored), the wait
 * arguments, and for {@code k8s} where its objects come from ({@code definition}, {@code src}, {@code template}, or
 * {@code kind}/{@code name}/{@code namespace} alone).
 */
public final class K8sArgs {
    /** kubernetes.core's connection arguments the engine does not take, with their aliases: the kubeconfig says it. */
    private static final List<String> UNSUPPORTED = List.of("host", "api_key", "username", "password", "client_cert", "cert_file",
            "client_key", "key_file", "proxy", "no_proxy", "proxy_headers", "persist_config", "impersonate_user", "impersonate_groups");
    private static final String REFUSED = "not supported: the engine reaches the cluster through a kubeconfig file; give its path as"
            + " 'kubeconfig' (and 'context'), or set the host's kubeconfig variables";

    private K8sArgs() {
    }

    static ArgSpec spec() {
        ArgSpec.Builder b = ArgSpec.builder()
                .arg(Arg.str("state").defaultValue("present").choices("present", "absent", "patched")
                        .description("present: create or patch; patched: patch only what exists; absent: delete"))
                .arg(Arg.raw("definition").aliases("resource_definition", "inline")
                        .description("objects: a mapping, a list, or multi-document YAML text"))
                .arg(Arg.path("src").lookIn("files").description("a YAML file (multi-document) on the controller, looked up as Ansible does"))
                .arg(Arg.raw("template").description("a template on the controller (templates/ first), or {path: ...}: rendered, its YAML the objects"))
                .arg(Arg.str("kind").description("with name: the object when there is no definition; else fills in what the definition lacks"))
                .arg(Arg.str("name").description("the object's name, where the definition names none"))
                .arg(Arg.str("namespace").description("for objects that name none (default: the host's namespace, else default)"))
                .arg(Arg.str("api_version").defaultValue("v1").aliases("api", "version").description("group/version, where the definition gives none"))
                .arg(Arg.str("generate_name").description("create an object named by the server from this prefix"))
                .arg(Arg.bool("apply").defaultValue(false).description("client-side apply (last-applied annotation), or server-side with server_side_apply"))
                .arg(Arg.dict("server_side_apply").description("{field_manager (required), force_conflicts}: with apply, a server-side apply"))
                .arg(Arg.bool("force").defaultValue(false).description("replace an existing object instead of patching it"))
                .arg(Arg.list("merge_type").elements(ArgType.STR).description("patch types tried in turn: strategic-merge, merge (default: both)"))
                .arg(Arg.dict("delete_options").description("propagationPolicy, gracePeriodSeconds, preconditions"))
                .arg(Arg.list("label_selectors").elements(ArgType.STR)
                        .description("absent: delete the kind's objects these select; present: skip definitions they do not select"))
                .arg(Arg.dict("validate").description("accepted and ignored, with a warning (the API server validates)"))
                .arg(Arg.bool("append_hash").defaultValue(false).description("not supported: must stay false"))
                .arg(Arg.bool("continue_on_error").defaultValue(false).description("not supported: must stay false"));
        return withConnection(withWait(b, "true (ready by kubernetes.core's rules, or wait_condition; each definition in turn), or the engine's"
                + " {condition, status, timeout} / {for} (the kind's rules, all together)")).mutuallyExclusive("definition", "src").mutuallyExclusive("merge_type", "apply")
                .mutuallyExclusive("template", "definition").mutuallyExclusive("template", "src").mutuallyExclusive("name", "generate_name")
                .build();
    }

    /** kubernetes.core's wait arguments ({@code wait} also takes the engine's own forms: a condition mapping, a field predicate). */
    static ArgSpec.Builder withWait(ArgSpec.Builder b) {
        return withWait(b, "true (ready by kubernetes.core's rules, or wait_condition; for k8s_info only when written for kubernetes.core),"
                + " or the engine's {condition, status, timeout} / {for} (the kind's rules)");
    }

    /** As {@link #withWait(ArgSpec.Builder)}, {@code wait} described as {@code description} says. */
    static ArgSpec.Builder withWait(ArgSpec.Builder b, String description) {
        return b.arg(Arg.raw("wait").description(description))
                .arg(Arg.dict("wait_condition").description("{type, status: True|False|Unknown, reason}"))
                .arg(Arg.integer("wait_timeout").defaultValue(120).description("seconds"))
                .arg(Arg.integer("wait_sleep").defaultValue(5).description("accepted: the engine watches instead of polling"));
    }

    /** kubernetes.core's connection arguments: the supported ones, and the others declared so that they are refused clearly. */
    static ArgSpec.Builder withConnection(ArgSpec.Builder b) {
        b.arg(Arg.raw("kubeconfig").description("path of the kubeconfig, or several separated by ':', a relative one found as kubernetes.core"
                        + " finds it (default: K8S_AUTH_KUBECONFIG, else the host's kubeconfig variable)"))
                .arg(Arg.str("context").description("the kubeconfig's context (default: K8S_AUTH_CONTEXT, else the host's kube_context)"))
                .arg(Arg.bool("validate_certs").aliases("verify_ssl").description("only true: set insecure-skip-tls-verify in the kubeconfig instead"))
                .arg(Arg.path("ca_cert").aliases("ssl_ca_cert").description("not supported: certificate-authority in the kubeconfig"));
        for (String name : List.of("host", "api_key", "username", "password", "client_cert", "client_key", "proxy", "no_proxy", "proxy_headers",
                "persist_config", "impersonate_user", "impersonate_groups")) {
            Arg arg = Arg.raw(name).description("not supported: the kubeconfig says it");
            arg = name.equals("client_cert") ? arg.aliases("cert_file") : name.equals("client_key") ? arg.aliases("key_file") : arg;
            b.arg(name.equals("api_key") || name.equals("password") ? arg.secret() : arg);
        }
        return b;
    }

    /**
     * Whether a task is written for the kubernetes.core module rather than the engine's own module of that name: named
     * with its collection ({@code kubernetes.core.k8s_info}: {@code writtenAction}) or given one of
     * {@code collectionOnly}, arguments only the collection's module takes. Its results then follow the collection's.
     */
    public static boolean writtenForKubernetesCore(Args args, String writtenAction, java.util.List<String> collectionOnly) {
        return writtenAction != null && writtenAction.contains(".") || collectionOnly.stream().anyMatch(args::isWritten);
    }

    /**
     * The connection arguments' mistakes, found when the playbook is read (literal values) or when the task runs: for
     * every module taking kubernetes.core's connection arguments (k8s's, helm's).
     */
    public static void checkConnection(Function<String, Object> value, Function<String, SourcePosition> position) {
        for (String name : UNSUPPORTED) {
            if (value.apply(name) != null) {
                throw new UserError(position.apply(name), "argument '" + name + "': " + REFUSED);
            }
        }
        if (value.apply("kubeconfig") instanceof Map) {
            throw new UserError(position.apply("kubeconfig"), "argument 'kubeconfig': a kubeconfig given as a mapping is not supported: "
                    + "write it to a file and give its path");
        }
        if (Boolean.FALSE.equals(ArgValidator.parseBool(value.apply("validate_certs")))) {
            throw new UserError(position.apply("validate_certs"), "argument 'validate_certs': false is not supported: set"
                    + " insecure-skip-tls-verify: true in the kubeconfig's cluster");
        }
        if (value.apply("ca_cert") != null) {
            throw new UserError(position.apply("ca_cert"), "argument 'ca_cert': not supported: give the cluster's certificate-authority"
                    + " in the kubeconfig");
        }
    }

    /** The connection arguments as written (a template counts: the argument is written). */
    static void checkWrittenConnection(WrittenArgs args) {
        checkConnection(name -> written(args, name), args::position);
    }

    /** {@code k8s}'s arguments that cannot work, refused before anything runs. */
    static void checkWritten(WrittenArgs args) {
        checkWrittenConnection(args);
        check(name -> args.literal(name).orElse(null), args::position);
    }

    /** As {@link #checkWritten}, for values that came from templates. */
    static void checkRun(ModuleContext ctx, Args args) {
        checkConnection(args::raw, args::position);
        check(args::raw, args::position);
        if (args.raw("validate") != null) {
            ctx.warn("k8s: 'validate' is ignored: the engine does not validate objects against the schema (the API server does)");
        }
    }

    private static void check(Function<String, Object> value, Function<String, SourcePosition> position) {
        if (Boolean.TRUE.equals(ArgValidator.parseBool(value.apply("append_hash")))) {
            throw new UserError(position.apply("append_hash"), "argument 'append_hash': not supported: name the ConfigMap or Secret"
                    + " with a hash yourself (e.g. name: app-{{ data | to_json | hash('sha1') | truncate(10, True, '') }})");
        }
        if (Boolean.TRUE.equals(ArgValidator.parseBool(value.apply("continue_on_error")))) {
            throw new UserError(position.apply("continue_on_error"), "argument 'continue_on_error': not supported: split the"
                    + " definitions into tasks with ignore_errors");
        }
        checkMergeType(value.apply("merge_type"), position.apply("merge_type"));
        if (value.apply("server_side_apply") instanceof Map<?, ?> ssa && ssa.get("field_manager") == null) {
            throw new UserError(position.apply("server_side_apply"), "argument 'server_side_apply': field_manager is required");
        }
        if (value.apply("template") instanceof Map<?, ?> t && !t.keySet().stream().allMatch(k -> "path".equals(String.valueOf(k)))) {
            throw new UserError(position.apply("template"), "argument 'template': only {path: ...} is supported (not the Jinja settings)");
        }
    }

    /** {@code merge_type}'s patch types: the engine takes merge and strategic-merge (kubernetes.core's json is deprecated). */
    static void checkMergeType(Object mergeType, SourcePosition position) {
        if (mergeType instanceof List<?> types) {
            for (Object type : types) {
                if (!List.of("merge", "strategic-merge").contains(String.valueOf(type))) {
                    throw new UserError(position, "argument 'merge_type': '" + type + "' is not supported"
                            + " (merge or strategic-merge; for a JSON patch, kubernetes.core deprecates json in favour of k8s_json_patch)");
                }
            }
        }
    }

    /** A written argument's value under its name or any alias (a template counts: the argument is written). */
    private static Object written(WrittenArgs args, String name) {
        Object v = args.values().get(name);
        if (v == null && name.equals("client_cert")) {
            v = args.values().get("cert_file");
        } else if (v == null && name.equals("client_key")) {
            v = args.values().get("key_file");
        } else if (v == null && name.equals("validate_certs")) {
            v = args.values().get("verify_ssl");
        } else if (v == null && name.equals("ca_cert")) {
            v = args.values().get("ssl_ca_cert");
        }
        return v;
    }

    /**
     * The task's objects as kubernetes.core's {@code k8s} reads them: from {@code template}, {@code definition} or
     * {@code src}, else one object of {@code kind}/{@code name}; each completed with the task's {@code kind},
     * {@code api_version}, {@code name}, {@code namespace} and {@code generate_name} where it names none.
     */
    static List<Map<String, Object>> definitions(ModuleContext ctx, Args args) throws ModuleException {
        Object definition = args.raw("definition");
        if (args.raw("template") != null) {
            Object t = args.raw("template");
            String name = String.valueOf(t instanceof Map<?, ?> m ? m.get("path") : t);
            Path file = ctx.controllerFile("templates", name);
            definition = ctx.render(SourceFile.read(file).text(), file);
        } else if (definition == null && args.path("src") == null) {
            definition = new LinkedHashMap<String, Object>();
        }
        boolean bySelector = "absent".equals(args.string("state")) && !args.strings("label_selectors").isEmpty();
        List<Map<String, Object>> objects = Manifests.read(ctx, definition, args.path("src"), new Manifests.Completion(o -> fill(o, args), true));
        for (Map<String, Object> o : objects) {
            Map<?, ?> metadata = (Map<?, ?>) o.get("metadata");
            if (metadata.get("name") == null && metadata.get("generateName") == null && !bySelector) {
                throw new ModuleException("an object of kind " + o.get("kind") + " has no metadata.name: give name (or generate_name), "
                        + "or label_selectors with state: absent");
            }
        }
        return objects;
    }

    /** kubernetes.core's merge_params: the definition's own fields win over the task's arguments. */
    @SuppressWarnings("unchecked")
    static void fill(Map<String, Object> object, Args args) {
        if (object.get("kind") == null && args.string("kind") != null) {
            object.put("kind", args.string("kind"));
        }
        if (object.get("apiVersion") == null && args.string("api_version") != null) {
            object.put("apiVersion", args.string("api_version"));
        }
        Map<String, Object> metadata = object.get("metadata") instanceof Map<?, ?> m ? (Map<String, Object>) m : new LinkedHashMap<>();
        object.put("metadata", metadata);
        putIfAbsent(metadata, "namespace", args.string("namespace"));
        putIfAbsent(metadata, "name", args.string("name"));
        putIfAbsent(metadata, "generateName", args.string("generate_name"));
    }

    private static void putIfAbsent(Map<String, Object> metadata, String key, String value) {
        if (value != null && !value.isEmpty() && metadata.get(key) == null) {
            metadata.put(key, value);
        }
    }
}
