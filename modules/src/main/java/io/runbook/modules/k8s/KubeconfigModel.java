package io.runbook.modules.k8s;

import io.fabric8.kubernetes.api.model.AuthInfo;
import io.fabric8.kubernetes.api.model.Cluster;
import io.fabric8.kubernetes.api.model.Config;
import io.fabric8.kubernetes.api.model.Context;
import io.fabric8.kubernetes.api.model.NamedAuthInfo;
import io.fabric8.kubernetes.api.model.NamedCluster;
import io.fabric8.kubernetes.api.model.NamedContext;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One context's kubeconfig data (its context, cluster and user entries, as {@code Kubeconfigs} hands them over) as
 * fabric8's kubeconfig model. Entries made only of plain text fields (a server, certificates and keys, a token, a
 * user name) are set on the model's objects directly, as fabric8's mapper would set them; anything else (an exec
 * plugin, an auth provider, extensions, impersonation, a value of another type) goes through fabric8's mapper as
 * before. The mapper's first conversion builds its deserialisers for the whole model by reflection, which was most
 * of what converting a lab's 1 000 contexts cost.
 */
final class KubeconfigModel {
    private static final Set<String> TOP = Set.of("apiVersion", "kind", "clusters", "users", "contexts", "current-context");
    private static final Set<String> ENTRY = Set.of("name", "cluster", "user", "context");

    private KubeconfigModel() {
    }

    static Config of(Map<String, Object> one) {
        Config direct = direct(one);
        return direct != null ? direct : Serialization.jsonMapper().convertValue(one, Config.class);
    }

    /** The model set directly, or null when the data holds anything but the plain fields. */
    static Config direct(Map<String, Object> one) {
        if (!TOP.containsAll(one.keySet())) {
            return null;
        }
        Config config = new Config();
        List<NamedContext> contexts = new ArrayList<>();
        List<NamedCluster> clusters = new ArrayList<>();
        List<NamedAuthInfo> users = new ArrayList<>();
        boolean plain = text(one, "apiVersion", config::setApiVersion) && text(one, "kind", config::setKind)
                && text(one, "current-context", config::setCurrentContext)
                && entries(one.get("contexts"), "context", contexts, KubeconfigModel::context)
                && entries(one.get("clusters"), "cluster", clusters, KubeconfigModel::cluster)
                && entries(one.get("users"), "user", users, KubeconfigModel::user);
        if (!plain) {
            return null;
        }
        config.setContexts(contexts);
        config.setClusters(clusters);
        config.setUsers(users);
        return config;
    }

    private static NamedContext context(String name, Map<?, ?> body) {
        Context c = new Context();
        boolean plain = only(body, Set.of("cluster", "user", "namespace")) && text(body, "cluster", c::setCluster)
                && text(body, "user", c::setUser) && text(body, "namespace", c::setNamespace);
        return plain ? new NamedContext(c, name) : null;
    }

    private static NamedCluster cluster(String name, Map<?, ?> body) {
        Cluster c = new Cluster();
        boolean plain = only(body, Set.of("server", "certificate-authority", "certificate-authority-data", "tls-server-name",
                "proxy-url", "insecure-skip-tls-verify", "disable-compression"))
                && text(body, "server", c::setServer) && text(body, "certificate-authority", c::setCertificateAuthority)
                && text(body, "certificate-authority-data", c::setCertificateAuthorityData)
                && text(body, "tls-server-name", c::setTlsServerName) && text(body, "proxy-url", c::setProxyUrl)
                && flag(body, "insecure-skip-tls-verify", c::setInsecureSkipTlsVerify)
                && flag(body, "disable-compression", c::setDisableCompression);
        return plain ? new NamedCluster(c, name) : null;
    }

    private static NamedAuthInfo user(String name, Map<?, ?> body) {
        AuthInfo u = new AuthInfo();
        boolean plain = only(body, Set.of("token", "tokenFile", "client-certificate", "client-certificate-data", "client-key",
                "client-key-data", "username", "password"))
                && text(body, "token", u::setToken) && text(body, "tokenFile", u::setTokenFile)
                && text(body, "client-certificate", u::setClientCertificate)
                && text(body, "client-certificate-data", u::setClientCertificateData)
                && text(body, "client-key", u::setClientKey) && text(body, "client-key-data", u::setClientKeyData)
                && text(body, "username", u::setUsername) && text(body, "password", u::setPassword);
        return plain ? new NamedAuthInfo(name, u) : null;
    }

    /** Each entry {@code name} plus {@code kind}'s body made by {@code make} into {@code out}; false when one is not plain. */
    private static <T> boolean entries(Object list, String kind, List<T> out, BiConsumerFunction<T> make) {
        if (!(list instanceof List<?> l)) {
            return false;
        }
        for (Object e : l) {
            if (!(e instanceof Map<?, ?> m) || !ENTRY.containsAll(m.keySet()) || m.size() != 2
                    || !(m.get("name") instanceof String name) || !(m.get(kind) instanceof Map<?, ?> body)) {
                return false;
            }
            T made = make.apply(name, body);
            if (made == null) {
                return false;
            }
            out.add(made);
        }
        return true;
    }

    private interface BiConsumerFunction<T> {
        T apply(String name, Map<?, ?> body);
    }

    private static boolean only(Map<?, ?> body, Set<String> keys) {
        return keys.containsAll(body.keySet());
    }

    /** Absent, or text (set): what the mapper sets alike; anything else is not plain. */
    private static boolean text(Map<?, ?> m, String key, java.util.function.Consumer<String> set) {
        Object v = m.get(key);
        if (v instanceof String s) {
            set.accept(s);
        }
        return v == null && !m.containsKey(key) || v instanceof String;
    }

    private static boolean flag(Map<?, ?> m, String key, java.util.function.Consumer<Boolean> set) {
        Object v = m.get(key);
        if (v instanceof Boolean b) {
            set.accept(b);
        }
        return v == null && !m.containsKey(key) || v instanceof Boolean;
    }
}
