package io.runbook.modules.ssh;

import com.jcraft.jsch.Channel;
import com.jcraft.jsch.JSchException;
import io.runbook.engine.module.ModuleContext;
import io.runbook.engine.module.ModuleException;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code kube_ssh_tunnel: user@bastion[:port]} (or a ProxyJump chain {@code a,b}) on a cluster host: the
 * Kubernetes API server of its kubeconfig is reached through that bastion, by every Kubernetes and Helm module,
 * over one local port per API server for the whole run ({@link ApiForward}) and the run's one SSH session to
 * the bastion (shared with every host that names it). The bastion is logged in to with the host's SSH
 * variables ({@code ansible_ssh_private_key_file}, {@code ansible_ssh_pass}, {@code ansible_ssh_known_hosts_file},
 * {@code ansible_ssh_common_args}, ~/.ssh/config, the agent) and its host key is checked as for any SSH host.
 */
public final class KubeApiTunnel implements AutoCloseable {
    private final SshSessions sessions;
    private final SshTarget bastion;
    private final Map<String, ApiForward> forwards = new ConcurrentHashMap<>();

    private KubeApiTunnel(SshSessions sessions, SshTarget bastion) {
        this.sessions = sessions;
        this.bastion = bastion;
    }

    /**
     * How clients reach one API server through the tunnel: {@code server} is the URL to call, {@code proxy}
     * the HTTP proxy to call it through (null for a plain forward, whose {@code server} is then local).
     */
    public record Route(String server, String proxy) {
    }

    /**
     * The tunnel through the bastion {@code spec} names, for the host the module runs on. Call it outside any
     * {@link ModuleContext#shared} factory: it asks for the run's SSH sessions itself.
     */
    public static KubeApiTunnel of(ModuleContext ctx, String spec) throws ModuleException {
        SshTarget bastion = SshSettings.bastion(spec, ctx.connectionVars(), SshEnvironment.current(ctx));
        SshSessions sessions = SshConnectionType.sessions(ctx);
        SshConnectionType.warnings(ctx, sessions, bastion);
        return ctx.shared(List.of("kube_ssh_tunnel", bastion), KubeApiTunnel.class, () -> new KubeApiTunnel(sessions, bastion));
    }

    /** The bastion as messages name it: {@code ops@bastion:22 (via …)}. */
    public String describe() {
        return bastion.describe();
    }

    /**
     * The route to the API server at {@code api} ({@code https://name:port} or {@code http://…}), opened on
     * first use after proving that the bastion can be logged in to and can reach the API server; a failure
     * makes the cluster host unreachable with one line that names the bastion and the cause.
     */
    public Route route(URI api) throws ModuleException {
        boolean tls = "https".equalsIgnoreCase(api.getScheme());
        String host = api.getHost();
        if (host == null || !(tls || "http".equalsIgnoreCase(api.getScheme()))) {
            throw new ModuleException("kube_ssh_tunnel needs an http(s)://host:port API server address in the kubeconfig, not " + api);
        }
        int port = api.getPort() > 0 ? api.getPort() : (tls ? 443 : 80);
        String key = host + ":" + port;
        ApiForward forward = forwards.get(key);
        if (forward == null) {
            synchronized (forwards) {
                forward = forwards.get(key);
                if (forward == null) {
                    forward = open(host, port, tls, api);
                    forwards.put(key, forward);
                }
            }
        }
        String local = "http://127.0.0.1:" + forward.localPort();
        if (tls) {
            return new Route(api.toString(), local);
        }
        String path = api.getRawPath() == null ? "" : api.getRawPath();
        return new Route(local + path, null);
    }

    private ApiForward open(String host, int port, boolean tls, URI api) throws ModuleException {
        String through = "cannot reach the Kubernetes API at " + api.toString().replaceFirst("/$", "") + " through kube_ssh_tunnel";
        Channel probe = null;
        try {
            probe = sessions.session(bastion).getStreamForwarder(host, port);
            probe.connect((int) bastion.connectTimeout().toMillis());
        } catch (ModuleException e) {
            throw ModuleException.unreachable(through + ": " + e.getMessage(), e);
        } catch (JSchException e) {
            int reason = probe == null ? -1 : probe.getExitStatus();
            throw ModuleException.unreachable(through + " " + bastion.describe() + ": " + TunnelFailures.reason(reason, e, bastion.connectTimeout(), "the bastion"), e);
        } finally {
            if (probe != null) {
                probe.disconnect();
            }
        }
        try {
            return ApiForward.start(sessions, bastion, host, port, tls);
        } catch (IOException e) {
            throw new ModuleException("cannot open a local port for kube_ssh_tunnel " + bastion.describe() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        forwards.values().forEach(ApiForward::close);
        forwards.clear();
    }
}
