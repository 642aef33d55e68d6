package io.runbook.modules.core;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A path that should exist (optionally containing text matching a regex) or be gone. */
final class PathReadiness implements Readiness {
    private final Path path;
    private final boolean present;
    private final Pattern regex;
    private volatile List<String> groups = List.of();

    PathReadiness(Path path, boolean present, Pattern regex) {
        this.path = path;
        this.present = present;
        this.regex = regex;
    }

    @Override
    public String describe() {
        if (!present) {
            return path + " to be absent";
        }
        return regex == null ? path + " to exist" : path + " to contain a match for /" + regex.pattern() + "/";
    }

    @Override
    public String check(Duration budget) {
        boolean exists = Files.exists(path);
        if (!present) {
            return exists ? "it still exists" : null;
        }
        if (!exists) {
            return "it does not exist";
        }
        if (regex == null) {
            return null;
        }
        try {
            Matcher m = regex.matcher(Files.readString(path, StandardCharsets.UTF_8));
            if (!m.find()) {
                return "no match yet";
            }
            groups = java.util.stream.IntStream.rangeClosed(1, m.groupCount()).mapToObj(m::group).toList();
            return null;
        } catch (IOException e) {
            return "cannot read it: " + e.getMessage();
        }
    }

    /** The regex's groups from the successful match (Ansible's {@code match_groups}). */
    List<String> groups() {
        return groups;
    }
}
