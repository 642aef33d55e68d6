package io.runbook.engine.facts;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code ansible_lvm} from the {@code @@lvm} section of {@link LinuxHardware#SCRIPT}: {@code N/A} unless the host
 * runs the script as root with LVM's tools, else {@code vgs}, {@code lvs} and {@code pvs} by name, the figures as
 * the tools print them (strings, in GB) as ansible-core 2.14 gives them. Not done: Ansible's dmsetup lookup that
 * names a {@code /dev/dm-N} physical volume by its /dev/mapper name.
 */
final class Lvm {
    private Lvm() {
    }

    static Object parse(String section) {
        Map<String, Map<String, Object>> parts = new LinkedHashMap<>();
        Map<String, Object> current = null;
        String name = null;
        for (String line : section.split("\n")) {
            String l = line.strip();
            if (l.equals("@vgs") || l.equals("@lvs") || l.equals("@pvs")) {
                name = l.substring(1);
                current = new LinkedHashMap<>();
                parts.put(name, current);
            } else if (current != null && !l.isEmpty()) {
                String[] items = l.split(",", -1);
                try {
                    current.put(items[0], item(name, items));
                } catch (IndexOutOfBoundsException e) {
                    // a line the tool did not write in its columns: left out
                }
            }
        }
        if (parts.isEmpty()) {
            return "N/A";
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (String part : new String[] {"lvs", "vgs", "pvs"}) {
            out.put(part, parts.getOrDefault(part, Map.of()));
        }
        return out;
    }

    /** One line's figures: vgs' VG #PV #LV #SN Attr VSize VFree, lvs' LV VG Attr LSize …, pvs' PV VG Fmt Attr PSize PFree. */
    private static Map<String, Object> item(String part, String[] items) {
        Map<String, Object> out = new LinkedHashMap<>();
        switch (part) {
            case "vgs" -> {
                out.put("size_g", items[items.length - 2]);
                out.put("free_g", items[items.length - 1]);
                out.put("num_lvs", items[2]);
                out.put("num_pvs", items[1]);
            }
            case "lvs" -> {
                out.put("size_g", items[3]);
                out.put("vg", items[1]);
            }
            default -> {
                out.put("size_g", items[4]);
                out.put("free_g", items[5]);
                out.put("vg", items[1]);
            }
        }
        return out;
    }
}
