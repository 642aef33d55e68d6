package io.runbook.cli.compat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a run ended with, as the compatibility suite compares it: the exit code and the PLAY RECAP lines (host and
 * counters, spacing normalised, sorted). A run that stopped before any play (a parse error) has no recap lines.
 */
record Recap(int exitCode, List<String> hosts, String output) {
    private static final Pattern LINE = Pattern.compile(
            "^(\\S+)\\s+: ok=(\\d+)\\s+changed=(\\d+)\\s+unreachable=(\\d+)\\s+failed=(\\d+)\\s+skipped=(\\d+)\\s+rescued=(\\d+)\\s+ignored=(\\d+)\\s*$");

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

    /** A run that stopped on bad input before anything ran: no recap and an error exit code. */
    boolean isInputError() {
        return hosts.isEmpty() && exitCode != 0;
    }

    /**
     * The same outcome: equal recaps and exit codes, or both stopped on bad input (Ansible says 1, 4 or 5 there, the
     * engine 3 or 5: a documented difference of exit codes).
     */
    boolean sameAs(Recap other) {
        if (isInputError() && other.isInputError()) {
            return true;
        }
        return exitCode == other.exitCode && hosts.equals(other.hosts);
    }

    String summary() {
        return "rc=" + exitCode + (hosts.isEmpty() ? " (no recap)" : " " + hosts);
    }
}
