package io.runbook.lab.tetrate;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * Helm's release records (storage driver "secret": Secrets {@code sh.helm.release.v1.<name>.v<revision>}, the
 * release JSON gzipped and base64-encoded), so a scenario can leave the MP release as Helm would after a failed
 * upgrade: revision 1 deployed, revision 2 failed ({@code helm ls} shows {@code failed}); surviving MPs of the
 * other scenarios have a deployed release, so the playbooks' {@code helm_release} finds what a real estate has.
 */
final class HelmReleaseSecrets {
  private static final ObjectMapper JSON = new ObjectMapper();

  private HelmReleaseSecrets() {}

  /** The Secret of a release installed once, successfully. */
  static String deployed(String release, String namespace, Map<String, Object> values, String manifest) {
    Instant installed = Instant.now().minus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
    return secret(release, namespace, 1, "deployed", "Install complete", installed, installed, values, manifest);
  }

  /** The YAML of both revisions' Secrets; {@code manifest} is what the chart rendered. */
  static String deployedThenFailed(String release, String namespace, Map<String, Object> values, String manifest) {
    Instant installed = Instant.now().minus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
    Instant upgraded = Instant.now().minus(10, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
    return secret(release, namespace, 1, "deployed", "Install complete", installed, installed, values, manifest)
        + "---\n" + secret(release, namespace, 2, "failed",
        "Upgrade \"" + release + "\" failed: context deadline exceeded", installed, upgraded, values, manifest);
  }

  private static String secret(String release, String namespace, int revision, String status, String description,
      Instant first, Instant last, Map<String, Object> values, String manifest) {
    Map<String, Object> info = new LinkedHashMap<>();
    info.put("first_deployed", first.toString());
    info.put("last_deployed", last.toString());
    info.put("deleted", "");
    info.put("description", description);
    info.put("status", status);
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("name", "managementplane");
    metadata.put("version", "1.12.0-lab");
    metadata.put("appVersion", "1.12.0-lab");
    metadata.put("apiVersion", "v2");
    metadata.put("type", "application");
    metadata.put("description", "Lab stand-in for Tetrate's managementplane chart");
    Map<String, Object> chart = new LinkedHashMap<>();
    chart.put("metadata", metadata);
    chart.put("templates", List.of());
    chart.put("values", Map.of());
    Map<String, Object> record = new LinkedHashMap<>();
    record.put("name", release);
    record.put("info", info);
    record.put("chart", chart);
    record.put("config", values);
    record.put("manifest", manifest);
    record.put("version", revision);
    record.put("namespace", namespace);
    String encoded = encode(record);
    return """
        apiVersion: v1
        kind: Secret
        metadata:
          name: sh.helm.release.v1.%1$s.v%2$d
          namespace: %3$s
          labels: {name: %1$s, owner: helm, status: %4$s, version: "%2$d", modifiedAt: "%5$d"}
        type: helm.sh/release.v1
        data:
          release: %6$s
        """.formatted(release, revision, namespace, status, last.getEpochSecond(),
        Base64.getEncoder().encodeToString(encoded.getBytes(StandardCharsets.US_ASCII)));
  }

  /** Helm's encodeRelease: JSON, gzip, standard base64. */
  private static String encode(Map<String, Object> record) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
        gzip.write(JSON.writeValueAsBytes(record));
      }
      return Base64.getEncoder().encodeToString(bytes.toByteArray());
    } catch (IOException e) {
      throw new IllegalStateException("cannot encode a Helm release record", e);
    }
  }
}
