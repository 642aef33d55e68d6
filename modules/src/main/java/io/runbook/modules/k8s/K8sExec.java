package io.runbook.modules.k8s;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.ExecListener;
import io.fabric8.kubernetes.client.dsl.ExecWatch;
import io.fabric8.kubernetes.client.http.WebSocketHandshakeException;
import io.runbook.engine.module.Arg;
import io.runbook.engine.module.ArgSpec;
import io.runbook.engine.module.Args;
import io.runbook.engine.module.Deprecation;
import io.runbook.engine.module.ModuleContext;
import io.runbook.engine.module.ModuleException;
import io.runbook.engine.module.Result;
import io.runbook.engine.vars.StrMethods;
import io.runbook.modules.connection.ShellWords;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code k8s_exec}: kubernetes.core's {@code k8s_exec} (2.4.0), a command run in a pod's container through the API
 * server's {@code pods/exec} (fabric8's exec over the run's client of the cluster). {@code command} is split as
 * Python's {@code shlex.split} splits it and run without a shell; without {@code container}, the pod's first container.
 * As upstream: always {@code changed}, also in check mode (kubernetes.core runs the command then too); a command that
 * exits non-zero fails the task through its {@code rc}, as Ansible fails any result whose {@code rc} is not 0.
 */
public final class K8sExec extends KubernetesCoreModule {
    private static final ArgSpec SPEC = K8sArgs.withConnection(ArgSpec.builder()
            .arg(Arg.str("namespace").required().description("the pod's namespace"))
            .arg(Arg.str("pod").required().description("the pod's name"))
            .arg(Arg.str("container").description("the container to run in (default: the pod's first container, as kubectl picks)"))
            .arg(Arg.str("command").required().description("the command line, split as shlex.split splits it; no shell runs it"
                    + " (write sh -c '...' for one)")))
            .build();

    /** kubernetes.core 2.4.0's deprecation of {@code return_code} (still returned, as there). */
    static final Deprecation RETURN_CODE = Deprecation.inVersion("The 'return_code' return key is being renamed to 'rc'. "
            + "Both keys are being returned for now to allow users to migrate their automation.", "4.0.0", "kubernetes.core");

    public K8sExec() {
        super("k8s_exec", SPEC, "kubernetes.core.k8s_exec: run a command in a pod's container, as kubectl exec");
    }

    @Override
    Result read(ModuleContext ctx, ClusterConnection conn) throws ModuleException, InterruptedException {
        Args args = ctx.args();
        String namespace = args.string("namespace");
        String pod = args.string("pod");
        List<String> command;
        try {
            command = ShellWords.split(args.string("command"));
        } catch (IllegalArgumentException e) {
            // without the line itself, which may carry a secret
            String why = e.getMessage().contains(" of: ") ? e.getMessage().substring(0, e.getMessage().indexOf(" of: ")) : e.getMessage();
            throw new ModuleException("command: " + why + " (shlex.split: No closing quotation)");
        }
        if (command.isEmpty()) {
            throw new ModuleException("command: no words to run (an empty command line)");
        }
        Map<String, Object> found = conn.get(CoreKinds.find("v1", "Pod").orElseThrow(), namespace, pod);
        if (found == null) {
            throw failed(pod, "pods \"" + pod + "\" not found in namespace " + namespace);
        }
        PodContainers containers = new PodContainers(found);
        String container = args.string("container");
        if (container == null || container.isEmpty()) {
            container = containers.first();
            if (container == null) {
                throw failed(pod, "pod " + pod + " has no containers");
            }
        } else if (!containers.has(container)) {
            throw failed(pod, "container " + container + " is not valid for pod " + pod + " (its containers: "
                    + String.join(", ", containers.names()) + ")");
        }
        Result result = run(conn, namespace, pod, container, containers, command);
        // as kubernetes.core 2.4.0 says it once the command ran (whatever its rc), before the result
        ctx.deprecate(RETURN_CODE);
        return result;
    }

    private static Result run(ClusterConnection conn, String namespace, String pod, String container, PodContainers containers,
            List<String> command) throws ModuleException, InterruptedException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        AtomicReference<Status> exit = new AtomicReference<>();
        ExecListener listener = new ExecListener() {
            @Override
            public void onExit(int code, Status status) {
                exit.set(status);
            }

            @Override
            public void onClose(int code, String reason) {
                // the exit code comes from exitCode(); a close without one leaves it null
            }
        };
        Integer code;
        try (ExecWatch watch = conn.client().pods().inNamespace(namespace).withName(pod).inContainer(container).writingOutput(out)
                .writingError(err).usingListener(listener).exec(command.toArray(String[]::new))) {
            code = watch.exitCode().get();
        } catch (ExecutionException e) {
            throw refused(pod, container, containers, e.getCause() == null ? e : e.getCause());
        } catch (KubernetesClientException e) {
            throw refused(pod, container, containers, e);
        }
        String stdout = out.toString(StandardCharsets.UTF_8);
        String stderr = err.toString(StandardCharsets.UTF_8);
        Status status = exit.get();
        if (status != null && !"Success".equals(status.getStatus()) && !"NonZeroExitCode".equals(status.getReason())) {
            // the error channel's failure is no exit code (the program could not start): kubernetes.core's module
            // breaks off there with a Python traceback; the engine says what the API server said
            throw failed(pod, status.getMessage());
        }
        if (code == null) {
            throw failed(pod, "the exec ended without the command's exit status");
        }
        Result result = Result.changed().withFailed(code != 0);
        return result.with("stdout", stdout).with("stdout_lines", StrMethods.splitlines(stdout)).with("stderr", stderr)
                .with("stderr_lines", StrMethods.splitlines(stderr)).with("rc", code).with("return_code", code);
    }

    /**
     * The exec refused or broken off: a lost API server stays the connection failure it is; a refused upgrade (fabric8
     * keeps its status code, not its body) is explained by the container's state where that is the cause.
     */
    private static ModuleException refused(String pod, String container, PodContainers containers, Throwable e) {
        if (e instanceof KubernetesClientException k && ApiFailure.isConnectivity(k)) {
            throw k;
        }
        Throwable cause = e;
        while (cause != null && !(cause instanceof WebSocketHandshakeException)) {
            cause = cause.getCause();
        }
        if (cause instanceof WebSocketHandshakeException handshake) {
            String state = containers.state(container);
            return failed(pod, "the API server refused the exec (HTTP " + handshake.getResponse().code() + ")"
                    + ("running".equals(state) ? "" : ": container " + container + " is not running (" + state + ")"));
        }
        return failed(pod, e instanceof KubernetesClientException k ? ApiFailure.describe(k) : String.valueOf(e.getMessage()));
    }

    private static ModuleException failed(String pod, String why) {
        return new ModuleException("Failed to execute on pod " + pod + " due to : " + why);
    }

    /** A pod's containers as its spec names them and its status describes them. */
    private record PodContainers(Map<String, Object> pod) {
        List<String> names() {
            List<String> names = new ArrayList<>();
            for (String key : List.of("containers", "initContainers")) {
                if (pod.get("spec") instanceof Map<?, ?> spec && spec.get(key) instanceof List<?> list) {
                    list.forEach(c -> names.add(String.valueOf(((Map<?, ?>) c).get("name"))));
                }
            }
            return names;
        }

        String first() {
            return pod.get("spec") instanceof Map<?, ?> spec && spec.get("containers") instanceof List<?> list && !list.isEmpty()
                    ? String.valueOf(((Map<?, ?>) list.get(0)).get("name")) : null;
        }

        boolean has(String container) {
            return names().contains(container);
        }

        /** "running", "waiting: REASON", "terminated: REASON", or "not started" when the status does not list it. */
        String state(String container) {
            for (String key : List.of("containerStatuses", "initContainerStatuses")) {
                if (pod.get("status") instanceof Map<?, ?> status && status.get(key) instanceof List<?> list) {
                    for (Object c : list) {
                        if (c instanceof Map<?, ?> s && container.equals(s.get("name")) && s.get("state") instanceof Map<?, ?> state
                                && !state.isEmpty()) {
                            String which = String.valueOf(state.keySet().iterator().next());
                            Object reason = state.get(which) instanceof Map<?, ?> detail ? detail.get("reason") : null;
                            return which + (reason == null || "running".equals(which) ? "" : ": " + reason);
                        }
                    }
                }
            }
            return "not started";
        }
    }
}
