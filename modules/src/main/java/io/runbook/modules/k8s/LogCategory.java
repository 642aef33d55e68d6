package io.runbook.modules.k8s;

import java.util.List;
import java.util.regex.Pattern;

/**
 * A kind of trouble a log line can show, the patterns that recognise it and the runbook's remedy. The
 * defaults cover the Tetrate control-plane cases (edge and operator logs): TLS / certificate errors,
 * management plane unreachable or not resolvable, token / authentication errors. Order matters: a line
 * counts for the first category that matches it.
 */
public record LogCategory(String name, List<Pattern> patterns, String remedy) {
    public static final String TLS = "tls";
    public static final String MP_UNREACHABLE = "mp_unreachable";
    public static final String TOKEN = "token";
    public static final String DATABASE_AUTH = "database_auth";
    public static final String DATABASE_UNREACHABLE = "database_unreachable";
    public static final String ELASTIC_AUTH = "elastic_auth";
    public static final String ELASTIC_UNREACHABLE = "elastic_unreachable";

    public boolean matches(String line) {
        return patterns.stream().anyMatch(p -> p.matcher(line).find());
    }

    /** The categories used when the task gives no {@code error_patterns}. */
    public static List<LogCategory> defaults() {
        return List.of(
                // the management plane's own stores first: their lines also say "i/o timeout" or "401"
                new LogCategory(DATABASE_AUTH, compile("password authentication failed", "SQLSTATE 28P01", "SQLSTATE 28000",
                        "no pg_hba\\.conf entry", "(?i)(postgres|database)[^\\n]*role \"[^\"]*\" does not exist"),
                        "the Postgres database refuses the management plane's credentials: check the credentials passed through "
                                + "Helm or mp-values.yaml (secrets.postgres.username/password, or the postgres-credentials Secret "
                                + "from the backup)"),
                new LogCategory(DATABASE_UNREACHABLE, compile(
                        "(?i)(database|postgres|persistence|pq:|pgx)[^\\n]*(i/o timeout|timeout expired|timed out|connection refused"
                                + "|no such host|could not translate host name|no route to host|deadline exceeded)",
                        ":5432\\b[^\\n]*(timeout|refused)"),
                        "the management plane cannot reach its Postgres database: check the firewall rules toward the database "
                                + "(from the new management cluster to spec.dataStore.postgres host:port of mp-values.yaml)"),
                new LogCategory(ELASTIC_AUTH, compile("(?i)elastic[^\\n]*(401 Unauthorized|security_exception|unable to authenticate)"),
                        "Elasticsearch refuses the management plane's credentials: check the credentials passed through Helm "
                                + "or mp-values.yaml (secrets.elasticsearch.username/password, or the elastic-credentials Secret)"),
                new LogCategory(ELASTIC_UNREACHABLE, compile(
                        "(?i)elastic[^\\n]*(Timeout connecting|timed out|Connection refused|ConnectException|no such host"
                                + "|UnknownHostException|NoNodeAvailable)",
                        ":9200\\b[^\\n]*(?i)(timeout|refused)"),
                        "the management plane cannot reach Elasticsearch: check the firewall rules toward it (from the new "
                                + "management cluster to spec.telemetryStore.elastic host:port of mp-values.yaml)"),
                new LogCategory(TLS, compile(
                        "x509:", "tls: failed to verify certificate", "certificate is valid for", "certificate signed by unknown authority",
                        "authentication handshake failed", "certificate has expired", "tls: bad certificate", "unknown certificate authority"),
                        "the management plane's certificate is not trusted: check that the new management plane uses the same root CA "
                                + "as before (secrets.xcp.rootca, xcp-central-ca-bundle) and that its certificates name the management-plane "
                                + "host the control planes use"),
                // a rejected token says so precisely, even inside a generic "error getting stream" line
                new LogCategory(TOKEN, compile(
                        "code = Unauthenticated", "code = PermissionDenied", "(?i)invalid (jwt|token)", "(?i)token (is )?expired",
                        "(?i)\\bunauthori[sz]ed\\b", "(?i)status(code)?[ =:]+401\\b",
                        "(?i)(invalid|expired|malformed|bad|failed to (validate|verify|parse)) (the )?jwt", "(?i)jwt[^\\n]*(invalid|expired|not valid|signature)"),
                        TOKEN_REMEDY),
                new LogCategory(MP_UNREACHABLE, compile(
                        "no such host", "server misbehaving", "connection refused", "Error while dialing", "dial tcp", "i/o timeout",
                        "context deadline exceeded", "code = Unavailable", "connection reset by peer", "no route to host",
                        "network is unreachable", "error getting stream"),
                        "the control plane cannot reach the management plane: check that the management-plane DNS record points to the "
                                + "new front-envoy address and has propagated, and that firewalls allow ports 9443 and 8443 from this cluster"),
                // after "unreachable": a rotation that failed because the MP could not be reached is a connectivity problem
                new LogCategory(TOKEN, compile(
                        "secret \"?(otel|oap|ngac|zipkin|xcp-edge-central-auth)-token\"? not found",
                        "cluster-service-account", "service account secret", "token rotation failed"),
                        TOKEN_REMEDY));
    }

    private static final String TOKEN_REMEDY = "rotate the control-plane tokens: delete otel-token oap-token ngac-token "
            + "xcp-edge-central-auth-token in istio-system (secret_delete with wait_regenerated: true) and check they come back; "
            + "if they do not, check that the management plane's iam-signing-key was restored and the cluster service account is valid";

    static List<Pattern> compile(String... regexes) {
        return java.util.Arrays.stream(regexes).map(Pattern::compile).toList();
    }
}
