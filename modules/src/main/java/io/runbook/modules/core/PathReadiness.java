package io.runbook.modules.core;

import io.runbook.engine.module.ModuleException;
import io.runbook.modules.connection.FileInfo;
import io.runbook.modules.connection.HostConnection;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A path on the host that should exist (optionally containing text matching a regex) or be gone. */
final class PathReadiness implements Readiness {
    private final HostConnection host;
    private final String path;
    private final boolean present;
    private final Pattern regex;
    private final String written;
    private volatile List<String> groups = List.of();
    private volatile Map<String, String> groupDict = Map.of();

    /** {@code regex}: compiled from {@code written}, the search_regex as the task wrote it (Python's syntax). */
    PathReadiness(HostConnection host, String path, boolean present, Pattern regex, String written) {
        this.host = host;
        this.path = path;
        this.present = present;
        this.regex = regex;
        this.written = written;
    }

    @Override
    public String describe() {
        String where = host.isLocal() ? "" : " on " + host.describe();
        if (!present) {
            return path + where + " to be absent";
        }
        return regex == null ? path + where + " to exist" : path + where + " to contain a match for /" + regex.pattern() + "/";
    }

    @Override
    public String timeoutMessage() {
        if (!present) {
            return "Timeout when waiting for " + path + " to be absent.";
        }
        return written == null ? "Timeout when waiting for file " + path : "Timeout when waiting for search string " + written + " in " + path;
    }

    @Override
    public String check(Duration budget) throws ModuleException {
        FileInfo info;
        try {
            info = host.stat(path, true);
        } catch (ModuleException e) {
            if (e.isUnreachable()) {
                throw e;
            }
            if (!present) {
                return null; // as Ansible's os.access: a path it cannot see counts as absent
            }
            // as Ansible's os.stat failing for another reason than a missing file: the task fails at once
            throw new ModuleException("Failed to stat " + path + ", " + e.getMessage());
        }
        if (!present) {
            return info.exists() ? "it still exists" : null;
        }
        if (!info.exists()) {
            return "it does not exist";
        }
        if (regex == null) {
            return null;
        }
        if (!info.isFile()) {
            return "it is a " + info.state() + ", not a file to search";
        }
        String text;
        try {
            text = new String(host.read(path), StandardCharsets.UTF_8);
        } catch (ModuleException e) {
            if (e.isUnreachable()) {
                throw e;
            }
            return e.getMessage();
        }
        Matcher m = regex.matcher(text);
        if (!m.find()) {
            return "no match yet";
        }
        groups = java.util.stream.IntStream.rangeClosed(1, m.groupCount()).mapToObj(m::group).toList();
        groupDict = PythonRegex.groupDict(m, written);
        return null;
    }

    String path() {
        return path;
    }

    /** The regex's groups from the successful match (Ansible's {@code match_groups}). */
    List<String> groups() {
        return groups;
    }

    /** Its named groups (Ansible's {@code match_groupdict}). */
    Map<String, String> groupDict() {
        return groupDict;
    }
}
