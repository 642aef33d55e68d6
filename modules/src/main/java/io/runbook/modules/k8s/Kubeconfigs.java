package io.runbook.modules.k8s;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.internal.KubeConfigUtils;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The kubeconfigs of one run, each read and parsed once however many hosts use it: a lab kubeconfig with a
 * thousand contexts parsed again for each of a thousand hosts is a million contexts of work and garbage. Each
 * host's client {@link Config} is built from its own context, cluster and user only (not a copy of every context),
 * and its once-a-minute token refresh (fabric8 re-reads the whole file for it) reads the file again only when it
 * changed. Shared by the run through {@code ModuleContext.shared}.
 */
final class Kubeconfigs {
    /** Where fabric8's {@link KubeConfigUtils#parseConfig(File)} records an entry's file (it resolves relative paths against it). */
    private static final String CONTEXT_FILE = "KUBERNETES_CONFIG_CONTEXT_FILE_KEY";
    private static final String CLUSTER_FILE = "KUBERNETES_CONFIG_CLUSTER_FILE_KEY";
    private static final String USER_FILE = "KUBERNETES_CONFIG_AUTH_INFO_FILE_KEY";
    private final Map<String, Parsed> parsed = new ConcurrentHashMap<>();

    /**
     * The client configuration for {@code target}: {@code yaml} supplies the contents the first time this
     * kubeconfig is needed (a file's text, or a cluster directory's entry for a marker).
     */
    Config configFor(ClusterTarget target, Supplier<String> yaml) {
        Parsed p = parsed.computeIfAbsent(target.kubeconfig(), k -> new Parsed());
        HostConfig config = new HostConfig(this, target, yaml);
        p.get(target, yaml).fill(config, target);
        return config;
    }

    /**
     * The host's kubeconfig reduced to its context (made current), that context's cluster and its user, as YAML
     * data (a copy the caller may change): what Helm gets, which takes kubeconfig contents but no context.
     */
    Map<String, Object> oneContext(ClusterTarget target, Supplier<String> yaml) {
        Parsed p = parsed.computeIfAbsent(target.kubeconfig(), k -> new Parsed());
        return p.get(target, yaml).oneContext(target);
    }

    /** The {@code proxy-url} of the host's cluster entry, or null (a kubeconfig proxy and an SSH tunnel exclude each other). */
    String proxyUrl(ClusterTarget target) {
        Parsed p = parsed.get(target.kubeconfig());
        Contents c = p == null ? null : p.current();
        return c == null ? null : c.proxyUrl(target);
    }

    /** One kubeconfig, parsed on first use (and again when its file changed) under its own lock. */
    private static final class Parsed {
        private Contents contents;

        synchronized Contents current() {
            return contents;
        }

        synchronized Contents get(ClusterTarget target, Supplier<String> yaml) {
            // a KUBECONFIG merge changes when any of its files does
            Object stamp = target.marker() ? "" : target.isMerged() ? target.merged().stream().map(Parsed::stamp).toList()
                    : stamp(target.kubeconfig());
            if (contents == null || !contents.stamp().equals(stamp)) {
                contents = Contents.parse(target, yaml.get(), stamp);
            }
            return contents;
        }

        /** Modification time and size: what says the file was rewritten (a token refreshed by a cloud CLI). */
        private static Object stamp(String file) {
            try {
                BasicFileAttributes a = Files.readAttributes(Path.of(file), BasicFileAttributes.class);
                return List.of(a.lastModifiedTime().toMillis(), a.size());
            } catch (java.io.IOException | RuntimeException e) {
                return "unreadable";
            }
        }
    }

    /** A host's client configuration; its token refresh goes through the run's parsed kubeconfigs. */
    private static final class HostConfig extends Config {
        private final transient Kubeconfigs kubeconfigs;
        private final transient ClusterTarget target;
        private final transient Supplier<String> yaml;

        HostConfig(Kubeconfigs kubeconfigs, ClusterTarget target, Supplier<String> yaml) {
            super(false);
            this.kubeconfigs = kubeconfigs;
            this.target = target;
            this.yaml = yaml;
        }

        @Override
        public Config refresh() {
            if (target.marker()) {
                return this; // contents handed over by the run's cluster directory, not a file that can change
            }
            try {
                return kubeconfigs.configFor(target, yaml);
            } catch (RuntimeException e) {
                return this; // as fabric8 does when the file cannot be read: keep what the client has
            }
        }
    }

    /**
     * A parsed kubeconfig: its entries by name as the YAML data written, its current context, the file its relative
     * paths resolve against (none for a marker's contents or a KUBECONFIG merge, whose paths are absolute already),
     * and the file stamp it was read at. Only the YAML is read here, once; fabric8's model is made for each host from
     * its own context, cluster and user ({@link #fill}): converting all 1 000 contexts of a lab's kubeconfig at its
     * first use was a quarter of the forks' work in the 1 000-cluster rotation, done under this kubeconfig's lock
     * while every other host waited, and for a run over 20 of them 980 conversions nobody used.
     */
    private record Contents(RawEntries raw, String currentContext, File file, Object stamp) {
        static Contents parse(ClusterTarget target, String yaml, Object stamp) {
            // the engine's own YAML reader: its messages say where a hand-edited kubeconfig is broken
            Map<?, ?> doc = checkShape(yaml, target);
            Object current = doc.get("current-context");
            if (current instanceof Map<?, ?> || current instanceof List<?>) {
                throw new ClusterConnection.ConfigProblem("kubeconfig " + target.describe() + " cannot be used: its current-context is not a name");
            }
            return new Contents(RawEntries.of(doc), current == null ? null : String.valueOf(current),
                    target.marker() || target.isMerged() ? null : new File(target.kubeconfig()), stamp);
        }

        /**
         * One context's kubeconfig data as fabric8's kubeconfig model: what {@link KubeConfigUtils#parseConfigFromString}
         * makes of it ({@link KubeconfigModel}) without reading the text again; with a {@code file}, each entry
         * marked as coming from it, as {@link KubeConfigUtils#parseConfig(File)} does (relative paths resolve against it).
         */
        private io.fabric8.kubernetes.api.model.Config model(Map<String, Object> one) {
            io.fabric8.kubernetes.api.model.Config model;
            try {
                model = KubeconfigModel.of(one);
            } catch (RuntimeException e) {
                throw file == null ? e : KubernetesClientException.launderThrowable(file + " (File) is not a parseable Kubernetes Config", e);
            }
            if (file != null) {
                model.getContexts().forEach(c -> c.getAdditionalProperties().put(CONTEXT_FILE, file));
                model.getClusters().forEach(c -> c.getAdditionalProperties().put(CLUSTER_FILE, file));
                model.getUsers().forEach(u -> u.getAdditionalProperties().put(USER_FILE, file));
            }
            // as before this model was made per host: no cluster or user entry when the context names none that exists
            if (model.getClusters().isEmpty()) {
                model.setClusters(null);
            }
            if (model.getUsers().isEmpty()) {
                model.setUsers(null);
            }
            return model;
        }

        private static Map<?, ?> checkShape(String yaml, ClusterTarget target) {
            Object doc;
            try {
                doc = new org.snakeyaml.engine.v2.api.Load(org.snakeyaml.engine.v2.api.LoadSettings.builder().build()).loadFromString(yaml);
            } catch (RuntimeException e) {
                throw new ClusterConnection.ConfigProblem("kubeconfig " + target.kubeconfig() + " is not valid YAML: "
                        + String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
            }
            if (!(doc instanceof Map<?, ?> map)) {
                throw new ClusterConnection.ConfigProblem("kubeconfig " + target.kubeconfig() + " is not a kubeconfig mapping");
            }
            return map;
        }

        /** The host's context: kube_context, else the kubeconfig's current context; a clear error when there is none. */
        private String contextName(ClusterTarget target) {
            String wanted = target.context() != null ? target.context() : currentContext;
            // the names only for the message: joined for every host, a kubeconfig of 1 000 contexts cost a million appends
            if (wanted == null) {
                throw new ClusterConnection.ConfigProblem("kubeconfig " + target.kubeconfig()
                        + " has no current-context: set kube_context on the host (contexts: " + String.join(", ", raw.contexts().keySet()) + ")");
            }
            if (!raw.contexts().containsKey(wanted)) {
                throw new ClusterConnection.ConfigProblem("kubeconfig " + target.kubeconfig() + " has no context '" + wanted
                        + "' (contexts: " + String.join(", ", raw.contexts().keySet()) + ")");
            }
            return wanted;
        }

        Map<String, Object> oneContext(ClusterTarget target) {
            return raw.oneContext(contextName(target));
        }

        /** The {@code proxy-url} of the host's cluster entry, or null. */
        String proxyUrl(ClusterTarget target) {
            Map<?, ?> context = raw.contexts().get(target.context() != null ? target.context() : currentContext);
            Object body = context == null ? null : context.get("context");
            Map<?, ?> cluster = body instanceof Map<?, ?> b && b.get("cluster") != null ? raw.clusters().get(String.valueOf(b.get("cluster"))) : null;
            Object entry = cluster == null ? null : cluster.get("cluster");
            return entry instanceof Map<?, ?> e && e.get("proxy-url") != null ? String.valueOf(e.get("proxy-url")) : null;
        }

        /** Sets {@code config} from the host's context, its cluster and its user (fabric8's model of those alone). */
        void fill(Config config, ClusterTarget target) {
            String wanted = contextName(target);
            try {
                KubeConfigUtils.merge(config, wanted, model(raw.oneContext(wanted)));
            } catch (RuntimeException e) {
                throw new ClusterConnection.ConfigProblem("kubeconfig " + target.describe() + " cannot be used: " + ApiFailure.describe(e));
            }
        }
    }

    /** The context, cluster and user entries of a kubeconfig as its YAML data, by name (the first of a name wins). */
    private record RawEntries(Map<String, Map<?, ?>> contexts, Map<String, Map<?, ?>> clusters, Map<String, Map<?, ?>> users) {
        static RawEntries of(Map<?, ?> doc) {
            return new RawEntries(byName(doc.get("contexts")), byName(doc.get("clusters")), byName(doc.get("users")));
        }

        private static Map<String, Map<?, ?>> byName(Object entries) {
            Map<String, Map<?, ?>> named = new java.util.LinkedHashMap<>();
            if (entries instanceof List<?> list) {
                for (Object e : list) {
                    // a name written as a number is that text to fabric8's mapper too
                    if (e instanceof Map<?, ?> m && m.get("name") != null && !(m.get("name") instanceof Map<?, ?> || m.get("name") instanceof List<?>)) {
                        named.putIfAbsent(String.valueOf(m.get("name")), m);
                    }
                }
            }
            return named;
        }

        /** A kubeconfig of the one context (current), its cluster and its user: copies, so the caller may change them. */
        Map<String, Object> oneContext(String name) {
            Map<?, ?> context = contexts.get(name);
            Map<?, ?> body = context.get("context") instanceof Map<?, ?> b ? b : Map.of();
            Map<String, Object> one = new java.util.LinkedHashMap<>();
            one.put("apiVersion", "v1");
            one.put("kind", "Config");
            one.put("clusters", entry(clusters, body.get("cluster")));
            one.put("users", entry(users, body.get("user")));
            one.put("contexts", List.of(copy(context)));
            one.put("current-context", name);
            return one;
        }

        private static List<Object> entry(Map<String, Map<?, ?>> entries, Object name) {
            Map<?, ?> e = name == null || name instanceof Map<?, ?> || name instanceof List<?> ? null : entries.get(String.valueOf(name));
            return e == null ? List.of() : List.of(copy(e));
        }

        private static Object copy(Object value) {
            if (value instanceof Map<?, ?> m) {
                Map<Object, Object> out = new java.util.LinkedHashMap<>();
                m.forEach((k, v) -> out.put(k, copy(v)));
                return out;
            }
            if (value instanceof List<?> l) {
                return new java.util.ArrayList<>(l.stream().map(RawEntries::copy).toList());
            }
            return value;
        }
    }
}
