package io.runbook.engine.facts;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ansible_mounts} as ansible-core 2.14's Linux hardware collector gives it: the entries of /etc/mtab (else
 * /proc/mounts) whose device is a path or {@code host:/path} and whose type is not {@code none}, each with its
 * statvfs figures, the UUID lsblk gives its device (else the one of /dev/disk/by-uuid, where Ansible asks udevadm;
 * {@code N/A} without one) and {@code ,bind} added to the options of a bind mount findmnt shows. One shell script
 * ({@link LinuxHardware#SCRIPT}) reads everything, on the controller or over a host's connection: a single
 * {@code stat -f} for all mount points where Ansible calls statvfs in a thread per mount.
 */
public final class Mounts {
    private static final Pattern OCTAL = Pattern.compile("\\\\[0-7]{3}");

    private Mounts() {
    }

    /** The mounts from the sections of {@link LinuxHardware#SCRIPT}'s output (each section's text). */
    public static List<Map<String, Object>> parse(Map<String, String> sections) {
        Set<String> binds = bindMounts(sections.getOrDefault("findmnt", ""));
        Map<String, String> uuids = uuids(sections.getOrDefault("lsblk", ""));
        Map<String, String> byUuid = uuids(sections.getOrDefault("byuuid", ""));
        Map<String, Map<String, Object>> sizes = statvfs(sections.getOrDefault("statvfs", ""));
        Map<String, Map<String, Object>> mounts = new LinkedHashMap<>();
        for (String line : sections.getOrDefault("mtab", "").split("\n")) {
            String[] fields = line.strip().split("\\s+");
            if (fields.length < 4) {
                continue;
            }
            String device = unescape(fields[0]);
            String mount = unescape(fields[1]);
            String fstype = unescape(fields[2]);
            String options = unescape(fields[3]);
            if (!device.startsWith("/") && !device.startsWith("\\") && !device.contains(":/") || fstype.equals("none")) {
                continue;
            }
            if (binds.contains(mount) && !options.matches("(?s).*bind.*\".*")) {
                options += ",bind";
            }
            Map<String, Object> info = new LinkedHashMap<>();
            info.put("mount", mount);
            info.put("device", device);
            info.put("fstype", fstype);
            info.put("options", options);
            info.putAll(sizes.getOrDefault(mount, Map.of()));
            info.put("uuid", uuids.getOrDefault(device, byUuid.getOrDefault(device, "N/A")));
            mounts.put(mount, info);  // a mount point listed twice: the last entry, where the first was (a Python dict)
        }
        return new ArrayList<>(mounts.values());
    }

    /** Mount points whose findmnt SOURCE has {@code [/dir]}, as Ansible finds bind mounts. */
    private static Set<String> bindMounts(String findmnt) {
        Set<String> out = new HashSet<>();
        for (String line : findmnt.split("\n")) {
            String[] fields = line.strip().split("\\s+");
            if (fields.length >= 2 && fields[1].contains("]")) {
                out.add(fields[0]);
            }
        }
        return out;
    }

    /** Lines {@code NAME UUID} (lsblk's, or the by-uuid links'): the first UUID of each name; a name alone has none. */
    private static Map<String, String> uuids(String text) {
        Map<String, String> out = new HashMap<>();
        for (String line : text.split("\n")) {
            String l = line.strip();
            int space = l.lastIndexOf(' ') < 0 ? l.lastIndexOf('\t') : l.lastIndexOf(' ');
            if (space > 0) {
                out.putIfAbsent(l.substring(0, space).strip(), l.substring(space + 1));
            }
        }
        return out;
    }

    /** {@code stat -f -c '%s %S %b %a %c %d %n'} lines as Ansible's statvfs figures, by mount point. */
    private static Map<String, Map<String, Object>> statvfs(String text) {
        Map<String, Map<String, Object>> out = new HashMap<>();
        for (String line : text.split("\n")) {
            String[] f = line.split(" ", 7);
            if (f.length < 7) {
                continue;
            }
            try {
                long bsize = Long.parseLong(f[0]);
                long frsize = Long.parseLong(f[1]);
                long blocks = Long.parseLong(f[2]);
                long bavail = Long.parseLong(f[3]);
                long files = Long.parseLong(f[4]);
                long favail = Long.parseLong(f[5]);  // f_ffree: Linux's statvfs gives the same for f_favail
                Map<String, Object> size = new LinkedHashMap<>();
                size.put("size_total", frsize * blocks);
                size.put("size_available", frsize * bavail);
                size.put("block_size", bsize);
                size.put("block_total", blocks);
                size.put("block_available", bavail);
                size.put("block_used", blocks - bavail);
                size.put("inode_total", files);
                size.put("inode_available", favail);
                size.put("inode_used", files - favail);
                out.put(f[6], size);
            } catch (NumberFormatException e) {
                // a line stat did not write for a mount point: no figures, as Ansible's statvfs failing
            }
        }
        return out;
    }

    /** mtab's octal escapes ({@code \040} for a space) as the characters. */
    private static String unescape(String field) {
        Matcher m = OCTAL.matcher(field);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(String.valueOf((char) Integer.parseInt(m.group().substring(1), 8))));
        }
        return m.appendTail(out).toString();
    }
}
