package io.runbook.engine.facts;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A remote host's /sys/block and /dev/disk as {@link BlockDevices#SCRIPT} printed them: the link targets and
 * entries of {@code ls -l}, the folder entries the shell listed, the files {@code head -v} printed. A device's
 * folder is read by its /sys/block name (the script's path) whatever the path its link gives.
 */
final class DumpedSysFiles implements SysFiles {
    private final Set<String> dirs = new HashSet<>();
    private final Map<String, TreeSet<String>> entries = new HashMap<>();
    private final Map<String, String> links = new HashMap<>();
    private final Set<String> plain = new HashSet<>();
    private final Map<String, String> contents = new HashMap<>();
    /** A device's folder as its link names it (/sys/block/../devices/...) → its /sys/block path. */
    private final Map<String, String> aliases = new LinkedHashMap<>();
    private final String lspci;

    DumpedSysFiles(Map<String, String> sections) {
        readLs(sections.getOrDefault("sysblock_ls", ""));
        for (String line : sections.getOrDefault("sysblock_entries", "").split("\n")) {
            if (line.startsWith("/")) {
                add(line);
            }
        }
        readHead(sections.getOrDefault("sysblock_files", ""));
        lspci = sections.get("lspci");
        for (Map.Entry<String, String> link : links.entrySet()) {
            if (link.getKey().startsWith("/sys/block/")) {
                aliases.put("/sys/block/" + link.getValue(), link.getKey());
            }
        }
    }

    private void readLs(String text) {
        String dir = null;
        for (String line : text.split("\n")) {
            if (line.startsWith("/") && line.endsWith(":")) {
                dir = line.substring(0, line.length() - 1);
                dirs.add(dir);
                entries.computeIfAbsent(dir, k -> new TreeSet<>());
            } else if (dir != null && !line.isBlank() && !line.startsWith("total ")) {
                int arrow = line.indexOf(" -> ");
                String left = arrow < 0 ? line : line.substring(0, arrow);
                String name = left.substring(left.lastIndexOf(' ') + 1);
                String path = dir + "/" + name;
                add(path);
                if (arrow < 0) {
                    plain.add(path);
                } else {
                    links.put(path, line.substring(arrow + 4));
                }
            }
        }
    }

    private void readHead(String text) {
        String file = null;
        List<String> lines = new ArrayList<>();
        for (String line : (text + "\n==> (end) <==").split("\n", -1)) {
            if (line.startsWith("==> ") && line.endsWith(" <==")) {
                if (file != null) {
                    String content = String.join("\n", lines).strip();
                    if (!content.isEmpty()) {
                        contents.put(file, content);
                    }
                }
                file = line.substring(4, line.length() - 4);
                lines.clear();
            } else {
                lines.add(line);
            }
        }
    }

    private void add(String path) {
        int slash = path.lastIndexOf('/');
        entries.computeIfAbsent(path.substring(0, slash), k -> new TreeSet<>()).add(path.substring(slash + 1));
    }

    /** The path as the script named it: a device's folder by its /sys/block name. */
    private String named(String path) {
        for (Map.Entry<String, String> alias : aliases.entrySet()) {
            if (path.equals(alias.getKey()) || path.startsWith(alias.getKey() + "/")) {
                return alias.getValue() + path.substring(alias.getKey().length());
            }
        }
        return path;
    }

    @Override
    public boolean isDirectory(String dir) {
        return dirs.contains(dir);
    }

    @Override
    public List<String> list(String dir) {
        return List.copyOf(entries.getOrDefault(named(dir), new TreeSet<>()));
    }

    @Override
    public String link(String path) {
        return links.get(path);
    }

    @Override
    public boolean isPlain(String path) {
        return plain.contains(path);
    }

    @Override
    public String content(String path) {
        return contents.get(named(path));
    }

    @Override
    public String realPath(String path) {
        String target = links.get(path);
        if (target == null) {
            return null;
        }
        Path parent = Path.of(path).getParent();
        return parent.resolve(target).normalize().toString();
    }

    @Override
    public String lspci() {
        return lspci;
    }
}
