package io.runbook.modules.helm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.Load;

/**
 * One repository of the user's Helm repositories file ({@link HelmHome}), read as Helm reads it for a {@code repo/chart}
 * reference: its URL, and the credentials and TLS files {@code helm repo add} stored with it. A missing file has no
 * repositories, as for Helm.
 */
record RepositoryFile(String name, String url, String username, String password, String caFile, String certFile,
                      String keyFile, boolean passCredentialsAll) {

    static Optional<RepositoryFile> find(Path repositories, String name) throws IOException {
        String text;
        try {
            text = Files.readString(repositories);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        Object doc = new Load(LocalChart.textScalars(repositories.toString())).loadFromString(text);
        if (!(doc instanceof Map<?, ?> root) || !(root.get("repositories") instanceof List<?> list)) {
            return Optional.empty();
        }
        return list.stream().filter(Map.class::isInstance).map(r -> (Map<?, ?>) r).filter(r -> name.equals(text(r, "name")))
                .findFirst().map(r -> new RepositoryFile(name, text(r, "url"), text(r, "username"), text(r, "password"),
                        text(r, "caFile"), text(r, "certFile"), text(r, "keyFile"), "true".equals(text(r, "pass_credentials_all"))));
    }

    private static String text(Map<?, ?> entry, String key) {
        Object v = entry.get(key);
        return v == null || String.valueOf(v).isEmpty() ? null : String.valueOf(v);
    }

    @Override
    public String toString() {
        return "RepositoryFile[name=" + name + ", url=" + url + "]";
    }
}
