package io.runbook.modules.k8s;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.runbook.engine.error.SourcePosition;
import io.runbook.engine.error.UserError;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One check of {@code cluster_probe}: a TCP connection ({@code nc -z}), a Postgres login ({@code psql … select 1})
 * or an HTTP(S) request ({@code curl -f}), run as one container of the probe pod, and how to read what it printed.
 *
 * @param name the container name and the result key
 * @param kind {@code tcp}, {@code postgres} or {@code http}
 * @param host host name or address ({@code http}: from the URL)
 * @param port port ({@code http}: from the URL)
 * @param url the URL ({@code http})
 * @param database the database ({@code postgres})
 * @param username user ({@code postgres}, {@code http}); may be null for {@code http}
 * @param password password (kept in a short-lived Secret, never in the pod spec)
 * @param insecure {@code http}: accept any certificate (self-signed stores)
 * @param what what the endpoint is, for messages ("the Postgres database")
 * @param image the image to run
 */
record ProbeCheck(String name, String kind, String host, int port, String url, String database, String username,
                  String password, boolean insecure, String what, String image) {
    static final Map<String, String> IMAGES = Map.of("tcp", "busybox:1.36", "postgres", "postgres:16-alpine",
            "http", "curlimages/curl:8.10.1");
    private static final Pattern NAME = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
    private static final Pattern URL = Pattern.compile("(https?)://([^:/\\s]+)(?::(\\d+))?(/\\S*)?");
    static final String MOUNT = "/runbook-probe";

    /** From one entry of the {@code checks} argument. */
    static ProbeCheck parse(Object entry, Map<String, Object> images, SourcePosition at) {
        if (!(entry instanceof Map<?, ?> m)) {
            throw new UserError(at, "argument 'checks': each check is a mapping with name, kind and host/port or url, not "
                    + entry);
        }
        String name = text(m, "name");
        String kind = text(m, "kind");
        if (name == null || !NAME.matcher(name).matches()) {
            throw new UserError(at, "argument 'checks': name '" + name + "' must be a DNS label (lower-case letters, digits, '-')");
        }
        if (!IMAGES.containsKey(kind)) {
            throw new UserError(at, "argument 'checks': check '" + name + "' has kind '" + kind
                    + "'; choose one of tcp, postgres, http");
        }
        String image = text(m, "image") != null ? text(m, "image")
                : images.get(kind) != null ? String.valueOf(images.get(kind)) : IMAGES.get(kind);
        String what = text(m, "what") != null ? text(m, "what") : name;
        boolean insecure = Boolean.parseBoolean(String.valueOf(m.get("insecure")));
        if (kind.equals("http")) {
            String url = text(m, "url");
            var u = url == null ? null : URL.matcher(url);
            if (u == null || !u.matches()) {
                throw new UserError(at, "argument 'checks': check '" + name + "' (http) needs a url such as https://host:9200/");
            }
            int port = u.group(3) != null ? Integer.parseInt(u.group(3)) : u.group(1).equals("https") ? 443 : 80;
            return new ProbeCheck(name, kind, u.group(2), port, url, null, text(m, "username"), text(m, "password"),
                    insecure, what, image);
        }
        String host = text(m, "host");
        Integer port = number(m.get("port"));
        if (kind.equals("postgres") && port == null) {
            port = 5432;
        }
        if (host == null || host.isBlank() || port == null || port < 1 || port > 65535) {
            throw new UserError(at, "argument 'checks': check '" + name + "' (" + kind + ") needs host and port (1-65535)");
        }
        return new ProbeCheck(name, kind, host, port, null, text(m, "database") == null ? "postgres" : text(m, "database"),
                text(m, "username") == null ? "postgres" : text(m, "username"), text(m, "password"), insecure, what, image);
    }

    /** The Secret keys this check needs ({@code NAME.password} or {@code NAME.curlrc}). */
    Map<String, String> secretData() {
        if (kind.equals("postgres")) {
            return Map.of(name + ".password", password == null ? "" : password);
        }
        if (kind.equals("http") && username != null) {
            String escaped = (username + ":" + (password == null ? "" : password)).replace("\\", "\\\\").replace("\"", "\\\"");
            return Map.of(name + ".curlrc", "user = \"" + escaped + "\"\n");
        }
        return Map.of();
    }

    /** The container that makes the check, reading its secrets from {@code secret} (env) or the volume at {@link #MOUNT}. */
    Container container(String secret, long connectTimeoutSeconds) {
        ContainerBuilder c = new ContainerBuilder().withName(name).withImage(image);
        String t = String.valueOf(connectTimeoutSeconds);
        switch (kind) {
            case "postgres" -> c.withCommand("psql", "host=" + host + " port=" + port + " dbname=" + database + " user="
                    + username + " connect_timeout=" + t, "-tAc", "select 1")
                    .addNewEnv().withName("PGPASSWORD").withNewValueFrom().withNewSecretKeyRef(name + ".password", secret, false)
                    .endValueFrom().endEnv();
            case "http" -> {
                List<String> argv = new ArrayList<>(List.of("curl", "-sS", "-f", "-o", "/dev/null", "-m", t));
                if (insecure) {
                    argv.add("-k");
                }
                if (username != null) {
                    argv.addAll(List.of("-K", MOUNT + "/" + name + ".curlrc"));
                    c.addNewVolumeMount().withName("credentials").withMountPath(MOUNT).withReadOnly(true).endVolumeMount();
                }
                argv.add(url);
                c.withCommand(argv);
            }
            default -> c.withCommand("nc", "-z", "-w", t, host, String.valueOf(port));
        }
        return c.build();
    }

    /** {@code host:port}, or the URL. */
    String target() {
        return url != null ? url : host + ":" + port;
    }

    /** What the printed output and exit code say: ok, auth_failed, no_such_host, timeout, refused or error. */
    static String outcome(int exitCode, String output) {
        if (exitCode == 0) {
            return "ok";
        }
        if (output.matches("(?s).*(password authentication failed|authentication failed|returned error: 40[13]|"
                + "no pg_hba\\.conf entry|role \"[^\"]*\" does not exist).*")) {
            return "auth_failed";
        }
        if (output.matches("(?s).*(could not translate host name|Could not resolve host|bad address|no such host|"
                + "Name or service not known|Temporary failure in name resolution).*")) {
            return "no_such_host";
        }
        if (output.matches("(?s).*(timeout expired|Timeout was reached|[Tt]imed out|i/o timeout|curl: \\(28\\)).*")) {
            return "timeout";
        }
        if (output.matches("(?s).*(Connection refused|Couldn't connect to server|curl: \\(7\\)).*")) {
            return "refused";
        }
        return "error";
    }

    /** The runbook's remedy for an outcome. */
    String remedy(String outcome) {
        return switch (outcome) {
            case "timeout" -> "connections to " + target() + " time out: check the firewall rules toward " + what
                    + " (from this cluster)";
            case "refused" -> "nothing accepts connections at " + target() + ": check the address and port of " + what
                    + " and the firewall rules toward it";
            case "no_such_host" -> host + " does not resolve inside this cluster: check the host of " + what
                    + " and the cluster's DNS";
            case "auth_failed" -> what + " refuses the credentials: check the credentials passed through Helm or "
                    + "mp-values.yaml";
            default -> "see the output of the check";
        };
    }

    private static String text(Map<?, ?> m, String key) {
        Object v = m.get(key);
        return v == null ? null : String.valueOf(v);
    }

    private static Integer number(Object value) {
        if (value == null) {
            return null;
        }
        try {
            return Integer.parseInt(String.valueOf(value).trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
