package io.runbook.modules.k8s;

import io.fabric8.kubernetes.api.model.NamedAuthInfo;
import io.fabric8.kubernetes.api.model.NamedCluster;
import io.fabric8.kubernetes.api.model.NamedContext;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.internal.KubeConfigUtils;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The kubeconfigs of one run, each read and parsed once however many hosts use it: a lab kubeconfig with a
 * thousand contexts parsed again for each of a thousand hosts is a million contexts of work and garbage. Each
 * host's client {@link Config} is built from its own context, cluster and user only (not a copy of every context),
 * and its once-a-minute token refresh (fabric8 re-reads the whole file for it) reads the file again only when it
 * changed. Shared by the run through {@code ModuleContext.shared}.
 */
final class Kubeconfigs {
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

    /** The {@code proxy-url} of the host's cluster entry, or null (a kubeconfig proxy and an SSH tunnel exclude each other). */
    String proxyUrl(ClusterTarget target) {
        Parsed p = parsed.get(target.kubeconfig());
        Contents c = p == null ? null : p.current();
        NamedContext context = c == null ? null : c.contexts().get(target.context() != null ? target.context() : c.currentContext());
        NamedCluster cluster = context == null || context.getContext() == null ? null : c.clusters().get(context.getContext().getCluster());
        return cluster == null || cluster.getCluster() == null ? null : cluster.getCluster().getProxyUrl();
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

    /** A parsed kubeconfig: its entries by name, its current context, and the file stamp it was read at. */
    private record Contents(Map<String, NamedContext> contexts, Map<String, NamedCluster> clusters,
                            Map<String, NamedAuthInfo> users, String currentContext, Object stamp) {
        static Contents parse(ClusterTarget target, String yaml, Object stamp) {
            // the engine's own YAML reader first: its messages say where a hand-edited kubeconfig is broken
            checkShape(yaml, target);
            io.fabric8.kubernetes.api.model.Config model;
            try {
                // a marker's contents, or a KUBECONFIG merge (its file paths made absolute already)
                model = target.marker() || target.isMerged() ? KubeConfigUtils.parseConfigFromString(yaml)
                        // from the file, so relative certificate paths resolve against its folder
                        : KubeConfigUtils.parseConfig(new File(target.kubeconfig()));
            } catch (RuntimeException e) {
                throw new ClusterConnection.ConfigProblem("kubeconfig " + target.describe() + " cannot be used: " + ApiFailure.describe(e));
            }
            return new Contents(byName(model.getContexts(), NamedContext::getName),
                    byName(model.getClusters(), NamedCluster::getName), byName(model.getUsers(), NamedAuthInfo::getName),
                    model.getCurrentContext(), stamp);
        }

        private static void checkShape(String yaml, ClusterTarget target) {
            Object doc;
            try {
                doc = new org.snakeyaml.engine.v2.api.Load(org.snakeyaml.engine.v2.api.LoadSettings.builder().build()).loadFromString(yaml);
            } catch (RuntimeException e) {
                throw new ClusterConnection.ConfigProblem("kubeconfig " + target.kubeconfig() + " is not valid YAML: "
                        + String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
            }
            if (!(doc instanceof Map<?, ?>)) {
                throw new ClusterConnection.ConfigProblem("kubeconfig " + target.kubeconfig() + " is not a kubeconfig mapping");
            }
        }

        private static <T> Map<String, T> byName(List<T> entries, java.util.function.Function<T, String> name) {
            // the first entry of a name wins, as in kubectl
            return Optional.ofNullable(entries).orElse(List.of()).stream().filter(e -> name.apply(e) != null)
                    .collect(Collectors.toMap(name, e -> e, (a, b) -> a, java.util.LinkedHashMap::new));
        }

        /** Sets {@code config} from the host's context, its cluster and its user. */
        void fill(Config config, ClusterTarget target) {
            String wanted = target.context() != null ? target.context() : currentContext;
            String names = String.join(", ", contexts.keySet());
            if (wanted == null) {
                throw new ClusterConnection.ConfigProblem("kubeconfig " + target.kubeconfig()
                        + " has no current-context: set kube_context on the host (contexts: " + names + ")");
            }
            NamedContext context = contexts.get(wanted);
            if (context == null) {
                throw new ClusterConnection.ConfigProblem("kubeconfig " + target.kubeconfig() + " has no context '" + wanted
                        + "' (contexts: " + names + ")");
            }
            io.fabric8.kubernetes.api.model.Config one = new io.fabric8.kubernetes.api.model.Config();
            one.setCurrentContext(wanted);
            // a copy of the context entry: fabric8 records file locations on the entry it selects
            NamedContext own = new NamedContext(context.getContext(), context.getName());
            own.getAdditionalProperties().putAll(context.getAdditionalProperties());
            one.setContexts(List.of(own));
            if (context.getContext() != null) {
                Optional.ofNullable(clusters.get(context.getContext().getCluster())).ifPresent(c -> one.setClusters(List.of(c)));
                Optional.ofNullable(users.get(context.getContext().getUser())).ifPresent(u -> one.setUsers(List.of(u)));
            }
            try {
                KubeConfigUtils.merge(config, wanted, one);
            } catch (RuntimeException e) {
                throw new ClusterConnection.ConfigProblem("kubeconfig " + target.describe() + " cannot be used: " + ApiFailure.describe(e));
            }
        }
    }
}
