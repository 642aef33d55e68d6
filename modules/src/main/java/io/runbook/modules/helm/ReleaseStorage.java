package io.runbook.modules.helm;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.runbook.modules.k8s.PredictedObjects;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Helm's release records, read (and, to settle a stuck release, marked failed) straight from the Secrets
 * Helm keeps them in, through the host's shared Kubernetes client: no Helm needed to decide whether
 * anything must change. Helm's default {@code secret} storage driver is assumed.
 */
final class ReleaseStorage {
    static final String TYPE = "helm.sh/release.v1";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final KubernetesClient client;
    /** In check mode, what earlier tasks of the run predicted for this cluster; null for real reads. */
    private final PredictedObjects predicted;

    ReleaseStorage(KubernetesClient client) {
        this(client, null);
    }

    ReleaseStorage(KubernetesClient client, PredictedObjects predicted) {
        this.client = client;
        this.predicted = predicted;
    }

    KubernetesClient client() {
        return client;
    }

    /** Every stored revision of the release, oldest first; empty when there is none. */
    List<StoredRelease> history(String namespace, String name) {
        List<StoredRelease> out = new ArrayList<>();
        for (Secret s : records(namespace, name)) {
            if (TYPE.equals(s.getType()) && s.getData() != null && s.getData().get("release") != null) {
                out.add(parse(decode(s.getData().get("release")), s.getMetadata().getName(), namespace));
            }
        }
        out.sort(Comparator.comparingInt(StoredRelease::revision));
        return out;
    }

    /**
     * The stored record of one revision as Helm wrote it (chart with its default values, info with the notes, hooks),
     * read again from its Secret; empty when it is gone.
     */
    Map<String, Object> record(StoredRelease release) {
        for (Secret s : records(release.namespace(), release.name())) {
            if (s.getMetadata().getName().equals(release.secretName()) && s.getData() != null && s.getData().get("release") != null) {
                try {
                    return JSON.readValue(decode(s.getData().get("release")), new TypeReference<Map<String, Object>>() { });
                } catch (IOException e) {
                    throw new UncheckedIOException("Helm release record " + release.namespace() + "/" + release.secretName() + " is not JSON", e);
                }
            }
        }
        return Map.of();
    }

    /** The release's record Secrets; in check mode with what earlier tasks predicted for them. */
    private List<Secret> records(String namespace, String name) {
        List<Secret> served = client.secrets().inNamespace(namespace).withLabel("owner", "helm").withLabel("name", name).list().getItems();
        if (predicted == null || predicted.isEmpty()) {
            return served;
        }
        var serialization = client.getKubernetesSerialization();
        List<Map<String, Object>> maps = new ArrayList<>();
        served.forEach(s -> maps.add(serialization.convertValue(s, Map.class)));
        List<Secret> out = new ArrayList<>();
        predicted.overlay("v1", "Secret", namespace, maps, o -> isRecordOf(o, name))
                .forEach(o -> out.add(serialization.convertValue(o, Secret.class)));
        return out;
    }

    private static boolean isRecordOf(Map<String, Object> secret, String name) {
        return secret.get("metadata") instanceof Map<?, ?> meta && meta.get("labels") instanceof Map<?, ?> labels
                && "helm".equals(labels.get("owner")) && name.equals(labels.get("name"));
    }

    /** Whether the namespace exists (in check mode: or an earlier task would have created it). */
    boolean namespaceExists(String namespace) {
        java.util.Optional<Boolean> p = predicted == null ? java.util.Optional.empty() : predicted.namespace(namespace);
        return p.orElseGet(() -> client.namespaces().withName(namespace).get() != null);
    }

    /** The newest revision, or null. */
    StoredRelease latest(String namespace, String name) {
        List<StoredRelease> all = history(namespace, name);
        return all.isEmpty() ? null : all.get(all.size() - 1);
    }

    /** The newest revision whose status is {@code deployed}, or null. */
    static StoredRelease lastDeployed(List<StoredRelease> history) {
        for (int i = history.size() - 1; i >= 0; i--) {
            if (history.get(i).deployed()) {
                return history.get(i);
            }
        }
        return null;
    }

    /**
     * Records a stuck revision as {@code failed} (what Helm itself writes when an operation fails), so that
     * Helm accepts the next operation on the release. {@code why} goes into the revision's description.
     */
    void markFailed(StoredRelease stuck, String why) {
        Secret secret = client.secrets().inNamespace(stuck.namespace()).withName(stuck.secretName()).get();
        ObjectNode release = (ObjectNode) readTree(decode(secret.getData().get("release")));
        ObjectNode info = (ObjectNode) release.get("info");
        info.put("status", "failed");
        info.put("description", why);
        secret.getData().put("release", encode(release.toString()));
        secret.getMetadata().getLabels().put("status", "failed");
        client.secrets().inNamespace(stuck.namespace()).resource(secret).update();
    }

    /**
     * Keeps the newest {@code max} revision records (never removing a deployed one), as the helm CLI does with
     * {@code --history-max}; helm-java sets no limit. Returns how many were removed.
     */
    int prune(String namespace, String name, int max) {
        List<StoredRelease> all = history(namespace, name);
        List<StoredRelease> old = new ArrayList<>();
        for (int i = 0; i < all.size() - max; i++) {
            if (!all.get(i).deployed()) {
                old.add(all.get(i));
            }
        }
        delete(old);
        return old.size();
    }

    /** Deletes these revision records (the release's history). */
    void delete(List<StoredRelease> revisions) {
        for (StoredRelease r : revisions) {
            client.secrets().inNamespace(r.namespace()).withName(r.secretName()).delete();
        }
    }

    @SuppressWarnings("unchecked")
    static StoredRelease parse(String json, String secretName, String namespace) {
        Map<String, Object> r;
        try {
            r = JSON.readValue(json, new TypeReference<Map<String, Object>>() { });
        } catch (IOException e) {
            throw new UncheckedIOException("Helm release record " + namespace + "/" + secretName + " is not JSON", e);
        }
        Map<String, Object> info = map(r.get("info"));
        Map<String, Object> meta = map(map(r.get("chart")).get("metadata"));
        return new StoredRelease(String.valueOf(r.get("name")), namespace, ((Number) r.getOrDefault("version", 0)).intValue(),
                String.valueOf(info.getOrDefault("status", "unknown")), String.valueOf(meta.get("name")),
                String.valueOf(meta.get("version")), meta.get("appVersion") == null ? null : String.valueOf(meta.get("appVersion")),
                info.get("description") == null ? "" : String.valueOf(info.get("description")),
                r.get("config") instanceof Map<?, ?> c ? (Map<String, Object>) c : Map.of(),
                r.get("manifest") == null ? "" : String.valueOf(r.get("manifest")), secretName,
                info.get("last_deployed") == null ? null : String.valueOf(info.get("last_deployed")));
    }

    /** Secret data (base64) → Helm's base64 text → gzip → JSON. */
    static String decode(String secretData) {
        byte[] helmText = Base64.getDecoder().decode(secretData);
        byte[] raw = Base64.getDecoder().decode(new String(helmText, StandardCharsets.US_ASCII).trim());
        if (raw.length > 2 && (raw[0] & 0xff) == 0x1f && (raw[1] & 0xff) == 0x8b) {
            try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(raw))) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot unzip a Helm release record", e);
            }
        }
        return new String(raw, StandardCharsets.UTF_8);
    }

    static String encode(String json) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(json.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String helmText = Base64.getEncoder().encodeToString(bytes.toByteArray());
        return Base64.getEncoder().encodeToString(helmText.getBytes(StandardCharsets.US_ASCII));
    }

    private static com.fasterxml.jackson.databind.JsonNode readTree(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }
}
