package io.runbook.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The text of a parity run with what only this clone prints replaced by placeholders, so that a recording made in one
 * clone compares with a run in another: the parity folder ({@code <parity>}) and the clone it is in ({@code <clone>}),
 * each also by its real path, the longer first. Both sides of a comparison go through it, recorded or live. Nothing
 * else is replaced: no case prints the user's home (home_users.yml and assemble_getent.yml print root's account's,
 * /root on every Debian), the host's name, a duration or a process id (a live run compares two runs, so whatever
 * varies from run to run is kept out of the output by the playbooks themselves).
 */
final class MachineText {
    private final Map<String, String> placeholders = new LinkedHashMap<>();

    MachineText(Path parity) {
        Path clone = parity.resolve("../../../..").normalize();
        add(parity, "<parity>");
        add(clone, "<clone>");
    }

    private void add(Path path, String placeholder) {
        Path absolute = path.toAbsolutePath().normalize();
        try {
            Path real = absolute.toRealPath();
            if (!real.equals(absolute) && !placeholders.containsKey(real.toString())) {
                placeholders.put(real.toString(), placeholder);
            }
        } catch (java.io.IOException e) {
            // not there: only its written path can be printed
        }
        if (absolute.getNameCount() > 0) {
            placeholders.putIfAbsent(absolute.toString(), placeholder);
        }
    }

    /** {@code text} with each path replaced where it is a whole path or a path's start ({@code /a/b/c}, not {@code /a/b/cd}). */
    String of(String text) {
        String out = text;
        for (Map.Entry<String, String> p : placeholders.entrySet()) {
            out = out.replaceAll(java.util.regex.Pattern.quote(p.getKey()) + "(?![\\w.-])",
                    java.util.regex.Matcher.quoteReplacement(p.getValue()));
        }
        return out;
    }
}
