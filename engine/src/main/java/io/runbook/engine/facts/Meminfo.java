package io.runbook.engine.facts;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The memory facts of /proc/meminfo, as ansible-core 2.14's Linux hardware collector gives them ({@code memtotal_mb},
 * {@code memfree_mb}, {@code swaptotal_mb}, {@code swapfree_mb} and {@code memory_mb}'s real, nocache and swap
 * figures, in MB rounded down); none where the file cannot be read.
 */
final class Meminfo {
    private static final List<String> ORIGINAL = List.of("MemTotal", "SwapTotal", "MemFree", "SwapFree");
    /** The lines read: the original four, and those {@code memory_mb} needs besides. */
    private static final List<String> ALL = java.util.stream.Stream.concat(ORIGINAL.stream(),
            java.util.stream.Stream.of("Buffers", "Cached", "SwapCached")).toList();

    private Meminfo() {
    }

    /** The facts of a host's /proc/meminfo, its lines given (none: no facts). */
    static Map<String, Object> facts(List<String> lines) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (lines.isEmpty()) {
            return out;  // not Linux, or unreadable
        }
        Map<String, Long> stats = new LinkedHashMap<>();
        for (String line : lines) {
            String[] data = line.split(":", 2);
            if (data.length == 2 && ALL.contains(data[0])) {
                try {
                    long mb = Long.parseLong(data[1].strip().split(" ")[0]) / 1024;
                    stats.put(data[0].toLowerCase(java.util.Locale.ROOT), mb);
                    if (ORIGINAL.contains(data[0])) {
                        out.put(data[0].toLowerCase(java.util.Locale.ROOT) + "_mb", mb);
                    }
                } catch (NumberFormatException e) {
                    // a line Ansible would fail on: left out
                }
            }
        }
        Long total = stats.get("memtotal");
        Long free = stats.get("memfree");
        Long nocacheFree = free == null || stats.get("cached") == null || stats.get("buffers") == null ? null
                : stats.get("cached") + free + stats.get("buffers");
        Long swapTotal = stats.get("swaptotal");
        Long swapFree = stats.get("swapfree");
        Map<String, Object> real = new LinkedHashMap<>();
        real.put("total", total);
        real.put("used", total == null || free == null ? null : total - free);
        real.put("free", free);
        Map<String, Object> nocache = new LinkedHashMap<>();
        nocache.put("free", nocacheFree);
        nocache.put("used", total == null || nocacheFree == null ? null : total - nocacheFree);
        Map<String, Object> swap = new LinkedHashMap<>();
        swap.put("total", swapTotal);
        swap.put("free", swapFree);
        swap.put("used", swapTotal == null || swapFree == null ? null : swapTotal - swapFree);
        swap.put("cached", stats.get("swapcached"));
        Map<String, Object> memory = new LinkedHashMap<>();
        memory.put("real", real);
        memory.put("nocache", nocache);
        memory.put("swap", swap);
        out.put("memory_mb", memory);
        return out;
    }
}
