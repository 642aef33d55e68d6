package io.runbook.modules.k8s;

import io.runbook.engine.module.ModuleContext;
import java.nio.file.Path;
import java.util.Map;

/**
 * The cluster an inventory host stands for, read from the host's variables: {@code kubeconfig} (a path,
 * {@code ~} expanded, or a marker such as {@code lab}), {@code kube_context} (null = the kubeconfig's
 * current context), the default {@code namespace}, {@code kube_request_timeout} (default 30 s) and
 * {@code kube_ssh_tunnel} (null = the API server is reached directly; else the bastion, {@code user@host[:port]}
 * or a ProxyJump chain, its API server is reached through). A host without {@code kubeconfig} uses
 * {@code KUBECONFIG} (the task's {@code environment} first); when that names several files, {@code merged} lists them
 * and the cluster comes from their merge, as kubectl's ({@link KubeconfigMerge}); {@code kubeconfig} is then the list
 * as written. Without either it is {@code ~/.kube/config}, {@code ~} the module's {@code HOME} (the task's first), as the
 * kubernetes Python client and kubectl default to.
 */
public record ClusterTarget(String kubeconfig, boolean marker, String context, String namespace, java.time.Duration requestTimeout,
                            String sshTunnel, java.util.List<String> merged) {
    /** kubectl waits indefinitely; fabric8's 10 s gives up on busy API servers (a recovering cluster often is one). */
    static final java.time.Duration DEFAULT_REQUEST_TIMEOUT = java.time.Duration.ofSeconds(30);

    /** Markers that name a {@link ClusterDirectory} instead of a file. */
    static final String LAB = "lab";

    /**
     * The target of the host a module runs for; a module that takes kubernetes.core's {@code kubeconfig} and
     * {@code context} arguments names its cluster per task with them, over the host's (see {@link #withTaskArgs}), the
     * kubeconfig's files found as kubernetes.core finds them ({@link TaskKubeconfig}: a file not found is a
     * {@link ClusterConnection.ConfigProblem}).
     */
    public static ClusterTarget of(ModuleContext ctx) {
        io.runbook.engine.module.Args args = ctx.args();
        java.util.Map<String, String> processEnv = ctx.processEnvironment();
        java.util.function.UnaryOperator<String> env = processEnv::get;
        String home = io.runbook.engine.vars.HomeDir.of(processEnv);
        Map<String, Object> vars = ctx.connectionVars();
        if (args != null) {
            Object kubeconfig = taskArg(args, "kubeconfig", env);
            if (kubeconfig != null && !String.valueOf(kubeconfig).isBlank()) {
                kubeconfig = TaskKubeconfig.files(ctx, String.valueOf(kubeconfig).trim(), args.raw("kubeconfig") != null, home);
            }
            vars = withTaskArgs(vars, kubeconfig, taskArg(args, "context", env));
        }
        // KUBECONFIG and ~ as the kubernetes Python client and kubectl find them: the module's environment (the task's first)
        return of(vars, env.apply("KUBECONFIG"), home);
    }

    /**
     * A task's {@code kubeconfig} or {@code context} argument; for a module that takes it (as kubernetes.core's) and a
     * task that leaves it out, kubernetes.core's fallback {@code K8S_AUTH_KUBECONFIG} or {@code K8S_AUTH_CONTEXT} from
     * {@code env} (the task's {@code environment}, then the engine's).
     */
    static Object taskArg(io.runbook.engine.module.Args args, String name, java.util.function.UnaryOperator<String> env) {
        Object given = args.raw(name);
        if (given != null || !args.asMap().containsKey(name)) {
            return given;
        }
        String fromEnv = env.apply("K8S_AUTH_" + name.toUpperCase(java.util.Locale.ROOT));
        return fromEnv == null || fromEnv.isBlank() ? null : fromEnv;
    }

    /**
     * The host's variables with a task's {@code kubeconfig} and {@code context} (kubernetes.core's arguments) in place
     * of {@code kubeconfig} and {@code kube_context}: a task's kubeconfig comes with its own context (its current one
     * when the task names none), never the host's; a context alone is looked up in the host's kubeconfig.
     */
    static Map<String, Object> withTaskArgs(Map<String, Object> vars, Object kubeconfig, Object context) {
        if (kubeconfig == null && context == null) {
            return vars;
        }
        Map<String, Object> out = new java.util.HashMap<>(vars);
        if (kubeconfig != null) {
            out.put("kubeconfig", kubeconfig);
        }
        out.put("kube_context", context);
        return out;
    }

    static ClusterTarget of(Map<String, Object> vars, String kubeconfigEnv, String home) {
        String context = text(vars.get("kube_context"));
        java.time.Duration timeout = vars.get("kube_request_timeout") == null ? DEFAULT_REQUEST_TIMEOUT
                : io.runbook.engine.module.ArgValidator.parseDuration(vars.get("kube_request_timeout"));
        if (timeout == null || timeout.isZero() || timeout.isNegative()) {
            timeout = DEFAULT_REQUEST_TIMEOUT;
        }
        String namespace = text(vars.get("namespace"));
        String configured = text(vars.get("kubeconfig"));
        String tunnel = text(vars.get("kube_ssh_tunnel"));
        tunnel = "none".equalsIgnoreCase(tunnel) ? null : tunnel; // as ProxyJump none: a host leaves its group's bastion out
        if (LAB.equals(configured)) {
            return new ClusterTarget(LAB, true, context, namespace, timeout, tunnel, java.util.List.of());
        }
        String path = configured;
        String list = path != null && path.contains(java.io.File.pathSeparator) ? path // a task's kubeconfig naming several files
                : path == null && kubeconfigEnv != null && !kubeconfigEnv.isBlank() ? kubeconfigEnv : null;
        if (list != null) {
            java.util.List<String> files = java.util.Arrays.stream(list.split(java.io.File.pathSeparator))
                    .map(String::trim).filter(f -> !f.isEmpty()).map(f -> io.runbook.engine.vars.HomeDir.expand(f, home)).distinct().toList();
            if (files.size() > 1) {
                return new ClusterTarget(String.join(java.io.File.pathSeparator, files), false, context, namespace, timeout, tunnel, files);
            }
            path = files.isEmpty() ? null : files.get(0);
        }
        if (path == null) {
            path = Path.of(home, ".kube", "config").toString();
        }
        return new ClusterTarget(io.runbook.engine.vars.HomeDir.expand(path, home), false, context, namespace, timeout, tunnel, java.util.List.of());
    }

    /** Whether the kubeconfig is the merge of several KUBECONFIG files. */
    public boolean isMerged() {
        return !merged.isEmpty();
    }

    /** The namespace for objects that name none: the host's, else {@code default}. */
    public String namespaceOrDefault() {
        return namespace == null ? "default" : namespace;
    }

    /**
     * How the target reads in messages: {@code lab context cp-1} or {@code /path/config context x}, with
     * {@code via kube_ssh_tunnel ops@bastion} when it is reached through a bastion.
     */
    public String describe() {
        return kubeconfig + (context == null ? "" : " context " + context) + (sshTunnel == null ? "" : " via kube_ssh_tunnel " + sshTunnel);
    }

    private static String text(Object value) {
        if (value == null) {
            return null;
        }
        String s = String.valueOf(value).trim();
        return s.isEmpty() ? null : s;
    }
}
