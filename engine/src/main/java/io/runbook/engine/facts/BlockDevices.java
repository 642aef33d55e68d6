package io.runbook.engine.facts;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A host's {@code devices} and {@code device_links}, as ansible-core 2.14's Linux hardware collector reads
 * them from /sys/block and /dev/disk ({@link SysFiles}: the controller's, or a remote host's as {@link #SCRIPT} printed them): each block device's links, vendor, model, serial, partitions, sizes, scheduler
 * and holders, the figures as the files' text. {@code host} names the PCI controller from {@code lspci -D} (run once,
 * only when a device sits on PCI); Ansible's {@code sg_inq} serial is not asked, the sysfs serial is.
 */
final class BlockDevices {
    private static final Pattern PCI = Pattern.compile(".+/([a-f0-9]{4}:[a-f0-9]{2}:[0|1][a-f0-9]\\.[0-7])/");
    private static final Pattern SCHEDULER = Pattern.compile(".*?(\\[(.*)\\])");
    /**
     * Prints what {@link DumpedSysFiles} reads: {@code ls -l} of /sys/block and /dev/disk/by-{id,uuid,label}
     * (section sysblock_ls), the entries of each device's folder and of its and its partitions' holders and slaves
     * (sysblock_entries), the files the facts are read from by one {@code head -v} (sysblock_files), and
     * {@code lspci -D} when a device sits on PCI (lspci). The shell's own globs list folders: three commands in all.
     */
    static final String SCRIPT = String.join("\n",
            "echo @@sysblock_ls; ls -l /sys/block /dev/disk/by-id /dev/disk/by-uuid /dev/disk/by-label 2>/dev/null",
            "rb_sysblock() {",
            "  set --",
            "  for b in /sys/block/*; do",
            "    [ -e \"$b\" ] || continue",
            "    for e in \"$b\"/* \"$b\"/holders/* \"$b\"/slaves/*; do [ -e \"$e\" ] && echo \"$e\"; done",
            "    for k in device/vendor device/model device/sas_address device/sas_device_handle device/serial removable \\",
            "        queue/discard_granularity queue/rotational queue/scheduler size queue/logical_block_size \\",
            "        queue/hw_sector_size; do set -- \"$@\" \"$b/$k\"; done",
            "    set -- \"$@\" \"$b\"/holders/*/dm/name",
            "    for p in \"$b\"/*/start; do",
            "      [ -e \"$p\" ] || continue",
            "      d=${p%/start}",
            "      for e in \"$d\"/holders/*; do [ -e \"$e\" ] && echo \"$e\"; done",
            "      set -- \"$@\" \"$d/start\" \"$d/size\" \"$d\"/holders/*/dm/name",
            "    done",
            "  done",
            "  echo @@sysblock_files; head -v -n 50 /dev/null \"$@\" 2>/dev/null",
            "}",
            "echo @@sysblock_entries; rb_sysblock",
            "l=$(command -v lspci 2>/dev/null) || { [ -x /sbin/lspci ] && l=/sbin/lspci; }",
            "if [ -n \"$l\" ] && ls -l /sys/block 2>/dev/null | grep -q /pci; then echo @@lspci; \"$l\" -D 2>/dev/null; fi",
            "");
    private final Map<String, Map<String, List<String>>> links;
    private final SysFiles files;

    private BlockDevices(Map<String, Map<String, List<String>>> links, SysFiles files) {
        this.links = links;
        this.files = files;
    }

    /** The controller's. */
    static Map<String, Object> facts() {
        return facts(SysFiles.LOCAL);
    }

    /** The facts from these files. */
    static Map<String, Object> facts(SysFiles files) {
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, Object> devices = new TreeMap<>();
        out.put("devices", devices);
        if (!files.isDirectory("/sys/block")) {
            return out;
        }
        List<String> blocks = files.list("/sys/block");
        Map<String, Map<String, List<String>>> links = new LinkedHashMap<>();
        links.put("ids", deviceLinks(files, "/dev/disk/by-id"));
        links.put("uuids", deviceLinks(files, "/dev/disk/by-uuid"));
        links.put("labels", deviceLinks(files, "/dev/disk/by-label"));
        links.put("masters", masters(files));
        out.put("device_links", links);
        BlockDevices reader = new BlockDevices(links, files);
        Map<String, String> wwns = wwns(files);
        for (String block : blocks) {
            Map<String, Object> d = reader.device(block, wwns);
            if (d != null) {
                devices.put(Path.of((String) d.remove("_sysdir")).getFileName().toString(), d);
            }
        }
        return out;
    }

    private Map<String, Object> device(String block, Map<String, String> wwns) {
        int virtual = 1;
        String path = files.link("/sys/block/" + block);
        if (path == null && !files.isPlain("/sys/block/" + block)) {
            return null;
        }
        String sysdir = "/sys/block/" + (path == null ? block : path);
        if (path == null && files.list(sysdir).stream().anyMatch(f -> f.contains("device"))) {
            virtual = 0;
        }
        String diskname = Path.of(sysdir).getFileName().toString();
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("_sysdir", sysdir);
        d.put("virtual", virtual);
        d.put("links", linksOf(block));
        for (String key : List.of("vendor", "model", "sas_address", "sas_device_handle")) {
            d.put(key, content(sysdir + "/device/" + key));
        }
        String serial = content("/sys/block/" + block + "/device/serial");
        if (serial != null) {
            d.put("serial", serial);
        }
        d.put("removable", content(sysdir + "/removable"));
        d.put("support_discard", content(sysdir + "/queue/discard_granularity"));
        if (wwns.containsKey(diskname)) {
            d.put("wwn", wwns.get(diskname));
        }
        Map<String, Object> partitions = new LinkedHashMap<>();
        Pattern partition = Pattern.compile("(" + diskname + "[p]?\\d+)");
        for (String folder : files.list(sysdir)) {
            Matcher m = partition.matcher(folder);
            if (m.find()) {
                partitions.put(m.group(1), partition(m.group(1), sysdir + "/" + m.group(1)));
            }
        }
        d.put("partitions", partitions);
        d.put("rotational", content(sysdir + "/queue/rotational"));
        String scheduler = content(sysdir + "/queue/scheduler");
        Matcher sm = scheduler == null ? null : SCHEDULER.matcher(scheduler);
        d.put("scheduler_mode", sm != null && sm.lookingAt() ? sm.group(2) : "");
        Object sectors = content(sysdir + "/size");
        d.put("sectors", sectors == null ? 0 : sectors);
        d.put("sectorsize", sectorSize(sysdir));
        d.put("size", bytesToHuman(Double.parseDouble(String.valueOf(d.get("sectors"))) * 512.0));
        d.put("host", host(sysdir));
        d.put("holders", holders(sysdir));
        return d;
    }

    private Map<String, Object> partition(String name, String sysdir) {
        Map<String, Object> part = new LinkedHashMap<>();
        part.put("links", linksOf(name));
        String start = content(sysdir + "/start");
        String sectors = content(sysdir + "/size");
        part.put("start", start == null ? 0 : start);
        part.put("sectors", sectors == null ? 0 : sectors);
        part.put("sectorsize", sectorSize(sysdir));
        part.put("size", bytesToHuman((sectors == null ? 0 : Double.parseDouble(sectors)) * 512.0));
        part.put("uuid", partitionUuid(name));
        part.put("holders", holders(sysdir));
        return part;
    }

    private Map<String, Object> linksOf(String name) {
        Map<String, Object> out = new LinkedHashMap<>();
        links.forEach((type, values) -> out.put(type, values.getOrDefault(name, List.of())));
        return out;
    }

    private Object sectorSize(String sysdir) {
        String logical = content(sysdir + "/queue/logical_block_size");
        if (logical != null) {
            return logical;
        }
        String hw = content(sysdir + "/queue/hw_sector_size");
        return hw == null ? 512 : hw;
    }

    /** The PCI controller of a device on PCI, as {@code lspci -D} names it; empty otherwise. */
    private String host(String sysdir) {
        Matcher m = PCI.matcher(sysdir);
        String lspci = m.lookingAt() ? files.lspci() : null;
        if (lspci == null) {
            return "";
        }
        Matcher line = Pattern.compile("^" + Pattern.quote(m.group(1)) + "\\s(.*)$", Pattern.MULTILINE).matcher(lspci);
        return line.find() ? line.group(1) : "";
    }

    private List<String> holders(String sysdir) {
        List<String> out = new ArrayList<>();
        for (String folder : files.list(sysdir + "/holders")) {
            if (folder.startsWith("dm-")) {
                String name = content(sysdir + "/holders/" + folder + "/dm/name");
                out.add(name != null ? name : folder);
            }
        }
        return out;
    }

    /** Link name by the basename of its target, sorted, for one /dev/disk folder ({} when it is missing). */
    private static Map<String, List<String>> deviceLinks(SysFiles files, String dir) {
        Map<String, TreeSet<String>> out = new LinkedHashMap<>();
        for (String entry : files.list(dir)) {
            String target = files.link(dir + "/" + entry);
            if (target != null) {  // not a link: left out, as Ansible's readlink failing
                out.computeIfAbsent(baseName(target), k -> new TreeSet<>()).add(entry);
            }
        }
        Map<String, List<String>> sorted = new LinkedHashMap<>();
        out.forEach((k, v) -> sorted.put(k, List.copyOf(v)));
        return sorted;
    }

    /** The devices each device is a slave of (/sys/block/X/slaves/Y: Y's masters include X). */
    private static Map<String, List<String>> masters(SysFiles files) {
        Map<String, TreeSet<String>> out = new LinkedHashMap<>();
        for (String device : files.list("/sys/block")) {
            for (String target : files.list("/sys/block/" + device + "/slaves")) {
                out.computeIfAbsent(target, k -> new TreeSet<>()).add(device);
            }
        }
        Map<String, List<String>> sorted = new LinkedHashMap<>();
        out.forEach((k, v) -> sorted.put(k, List.copyOf(v)));
        return sorted;
    }

    /** The WWN of each device with a /dev/disk/by-id/wwn-* link. */
    private static Map<String, String> wwns(SysFiles files) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String link : files.list("/dev/disk/by-id")) {
            String target = link.startsWith("wwn-") ? files.link("/dev/disk/by-id/" + link) : null;
            if (target != null) {
                out.put(baseName(target), link.substring(4));
            }
        }
        return out;
    }

    private static String baseName(String path) {
        String trimmed = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        return trimmed.substring(trimmed.lastIndexOf('/') + 1);
    }

    /** The /dev/disk/by-uuid name of a partition; null without that folder or a link to it. */
    private String partitionUuid(String partname) {
        for (String uuid : files.list("/dev/disk/by-uuid")) {
            if (("/dev/" + partname).equals(files.realPath("/dev/disk/by-uuid/" + uuid))) {
                return uuid;
            }
        }
        return null;
    }

    /** Ansible's bytes_to_human: two decimals (rounded as Python's %.2f) and the largest unit the size reaches. */
    static String bytesToHuman(double size) {
        String[] suffixes = {"Y", "Z", "E", "P", "T", "G", "M", "K"};
        for (int i = 0; i < suffixes.length; i++) {
            double limit = Math.pow(2, 10 * (suffixes.length - i));
            if (size >= limit) {
                return twoDecimals(size / limit) + " " + suffixes[i] + "B";
            }
        }
        return twoDecimals(size) + " Bytes";
    }

    private static String twoDecimals(double value) {
        return new BigDecimal(value).setScale(2, RoundingMode.HALF_EVEN).toPlainString();
    }

    private String content(String path) {
        return files.content(path);
    }
}
