package io.runbook.modules.helm;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A release as kubernetes.core.helm registers it under {@code status}: the entry {@code helm list --output=yaml}
 * gives (revision as text, {@code updated} in Go's time format, {@code app_version} "" when the chart has none)
 * plus {@code values}, the user-supplied values ({@code helm get values}).
 */
final class CoreHelmStatus {
    private static final DateTimeFormatter GO_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private CoreHelmStatus() {
    }

    /** The release as {@code helm list} shows it (deployed or failed), else null: helm list shows no other. */
    static StoredRelease listed(StoredRelease latest) {
        return latest != null && (latest.deployed() || latest.status().equals("failed")) ? latest : null;
    }

    /** kubernetes.core's status of {@code release}; null when helm list does not show it. */
    static Map<String, Object> of(StoredRelease release) {
        return listed(release) == null ? null : entry(release);
    }

    /** The release's entry as {@code helm list} shows it, whatever its status, with its user-supplied values. */
    static Map<String, Object> entry(StoredRelease release) {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("name", release.name());
        status.put("namespace", release.namespace());
        status.put("revision", String.valueOf(release.revision()));
        status.put("updated", updated(release.lastDeployed()));
        status.put("status", release.status());
        status.put("chart", release.chart());
        status.put("app_version", release.appVersion() == null ? "" : release.appVersion());
        status.put("values", release.config() == null ? Map.of() : release.config());
        return status;
    }

    /** Helm's stored RFC 3339 time as Go's {@code Time.String()} prints it ({@code 2024-05-01 10:00:00.5 +0000 UTC}); "-" when unknown. */
    static String updated(String stored) {
        if (stored == null || stored.isBlank()) {
            return "-";
        }
        OffsetDateTime t;
        try {
            t = OffsetDateTime.parse(stored);
        } catch (DateTimeParseException e) {
            return stored;
        }
        String fraction = t.getNano() == 0 ? "" : ("." + String.format("%09d", t.getNano())).replaceAll("0+$", "");
        int seconds = t.getOffset().getTotalSeconds();
        String offset = String.format("%s%02d%02d", seconds < 0 ? "-" : "+", Math.abs(seconds) / 3600, Math.abs(seconds) % 3600 / 60);
        return t.format(GO_TIME) + fraction + " " + offset + " " + (seconds == 0 ? "UTC" : offset);
    }
}
