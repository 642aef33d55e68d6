package io.runbook.cli.compat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a run ended with, as the compatibility suite compares it: the exit code and the lines that say how it ended,
 * which depend on the tool ({@link CompatCase.Tool}):
 * <ul>
 * <li>ansible-playbook: the PLAY RECAP lines (host and counters, spacing normalised, sorted); a run that stopped
 * before any play (a parse error) has none;</li>
 * <li>ansible (ad-hoc): each host's outcome line, {@code host | SUCCESS}, {@code CHANGED}, {@code FAILED!},
 * {@code FAILED} (a command's, {@code | rc=1 >>}), {@code UNREACHABLE!} or {@code SKIPPED}, without the result after
 * it, and with {@code --list-hosts} its {@code hosts (N):} line and host names; sorted;</li>
 * <li>ansible-inventory: the standard output; a JSON listing ({@code --list}, {@code --host}) parsed and written
 * again with sorted keys, so that only what it holds counts; other output ({@code --graph}, YAML) line for line;</li>
 * <li>a script (a pexpect script that drives ansible-playbook at a terminal, a pipe into grep): its exit code only,
 * which says whether what it expects of the output was there.</li>
 * </ul>
 */
record Recap(int exitCode, List<String> lines, String output) {
    private static final Pattern LINE = Pattern.compile(
            "^(\\S+)\\s+: ok=(\\d+)\\s+changed=(\\d+)\\s+unreachable=(\\d+)\\s+failed=(\\d+)\\s+skipped=(\\d+)\\s+rescued=(\\d+)\\s+ignored=(\\d+)\\s*$");
    private static final Pattern OUTCOME = Pattern.compile("^(\\S+) \\| (SUCCESS|CHANGED|FAILED!|FAILED|UNREACHABLE!|SKIPPED)(?=$| |:)");
    private static final Pattern LISTED = Pattern.compile("^ {2}hosts \\(\\d+\\):$|^ {4}\\S.*$");
    private static final ObjectMapper JSON = new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    /** What {@code output} (standard output and error together) says of a run of ansible-playbook. */
    static Recap of(int exitCode, String output) {
        List<String> hosts = new ArrayList<>();
        boolean inRecap = false;
        for (String line : output.split("\\R")) {
            if (line.startsWith("PLAY RECAP")) {
                inRecap = true;
                hosts.clear();
                continue;
            }
            Matcher m = LINE.matcher(line);
            if (inRecap && m.matches()) {
                hosts.add(m.group(1) + " ok=" + m.group(2) + " changed=" + m.group(3) + " unreachable=" + m.group(4)
                        + " failed=" + m.group(5) + " skipped=" + m.group(6) + " rescued=" + m.group(7) + " ignored="
                        + m.group(8));
            }
        }
        hosts.sort(null);
        return new Recap(exitCode, List.copyOf(hosts), output);
    }

    /**
     * What a run of {@code tool} says: {@code stdout} is its standard output, {@code output} all it wrote (for
     * ansible-playbook and ansible, the same).
     */
    static Recap of(CompatCase.Tool tool, int exitCode, String stdout, String output) {
        return switch (tool) {
            case PLAYBOOK -> of(exitCode, output);
            case ADHOC -> {
                List<String> lines = new ArrayList<>();
                boolean listing = false;
                for (String line : stdout.split("\\R")) {
                    Matcher m = OUTCOME.matcher(line);
                    if (m.find()) {
                        lines.add(m.group(1) + " | " + m.group(2));
                    } else if (LISTED.matcher(line).matches() && (listing || line.startsWith("  hosts ("))) {
                        listing = true;
                        lines.add(line);
                    } else {
                        listing = false;
                    }
                }
                lines.sort(null);
                yield new Recap(exitCode, List.copyOf(lines), output);
            }
            case INVENTORY -> new Recap(exitCode, inventoryLines(stdout), output);
            // a line of its own, so that two scripts that fail with different codes are not both a run that stopped on
            // bad input (isInputError)
            case SCRIPT -> new Recap(exitCode, List.of("exit code " + exitCode), output);
        };
    }

    private static List<String> inventoryLines(String stdout) {
        if (stdout.isBlank()) {
            return List.of();
        }
        try {
            JsonNode parsed = JSON.readTree(stdout);
            // a tree's objects keep their order: through a map, written again sorted
            Object plain = JSON.treeToValue(parsed, Object.class);
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(plain).lines().toList();
        } catch (JsonProcessingException notJson) {
            return stdout.lines().map(String::stripTrailing).toList();
        }
    }

    /** A run that stopped on bad input before anything ran: no lines and an error exit code. */
    boolean isInputError() {
        return lines.isEmpty() && exitCode != 0;
    }

    /**
     * The same outcome: equal lines and exit codes, or both stopped on bad input (Ansible says 1, 4 or 5 there, the
     * engine 3 or 5: a documented difference of exit codes).
     */
    boolean sameAs(Recap other) {
        if (isInputError() && other.isInputError()) {
            return true;
        }
        return exitCode == other.exitCode && lines.equals(other.lines);
    }

    String summary() {
        return "rc=" + exitCode + (lines.isEmpty() ? " (no recap)" : " " + lines);
    }
}
