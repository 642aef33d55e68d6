package io.runbook.engine.exec;

import io.runbook.engine.error.UserError;
import io.runbook.engine.playbook.Play;
import java.util.ArrayList;
import java.util.List;

/** Splits a play's hosts by {@code serial}: numbers, percentages (floor, at least 1), the last size repeating. */
final class Batches {
    private Batches() {
    }

    /** {@code serial} is the play's, templates already rendered. */
    static List<List<String>> split(Play play, List<Object> serial, List<String> hosts) {
        if (serial.isEmpty()) {
            return List.of(hosts);
        }
        List<List<String>> out = new ArrayList<>();
        int i = 0;
        int step = 0;
        while (i < hosts.size()) {
            Object spec = serial.get(Math.min(step, serial.size() - 1));
            int size = size(spec, hosts.size(), play);
            if (size <= 0) {
                size = hosts.size() - i;
            }
            out.add(hosts.subList(i, Math.min(hosts.size(), i + size)));
            i += size;
            step++;
        }
        return out;
    }

    private static int size(Object spec, int total, Play play) {
        String s = String.valueOf(spec).trim();
        try {
            if (s.endsWith("%")) {
                double pct = Double.parseDouble(s.substring(0, s.length() - 1));
                return Math.max(1, (int) Math.floor(total * pct / 100.0));
            }
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw new UserError(play.position(), "serial must be a number or a percentage, got '" + s + "'");
        }
    }
}
