package io.runbook.engine.facts;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Total memory from /proc/meminfo (0 where there is none). */
final class Meminfo {
    private Meminfo() {
    }

    static long totalMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux, or unreadable
        }
        return 0;
    }
}
