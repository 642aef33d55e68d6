package io.runbook.engine.facts;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.NotLinkException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The controller's {@code devices} and {@code device_links}, as ansible-core 2.14's Linux hardware collector reads
 * them from /sys/block and /dev/disk: each block device's links, vendor, model, serial, partitions, sizes, scheduler
 * and holders, the figures as the files' text. {@code host} names the PCI controller from {@code lspci -D} (run once,
 * only when a device sits on PCI); Ansible's {@code sg_inq} serial is not asked, the sysfs serial is.
 */
final class BlockDevices {
    private static final Pattern PCI = Pattern.compile(".+/([a-f0-9]{4}:[a-f0-9]{2}:[0|1][a-f0-9]\\.[0-7])/");
    private static final Pattern SCHEDULER = Pattern.compile(".*?(\\[(.*)\\])");
    private final Map<String, Map<String, List<String>>> links;
    private String lspci;

    private BlockDevices(Map<String, Map<String, List<String>>> links) {
        this.links = links;
    }

    static Map<String, Object> facts() {
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, Object> devices = new TreeMap<>();
        out.put("devices", devices);
        if (!Files.isDirectory(Path.of("/sys/block"))) {
            return out;
        }
        List<String> blocks = list(Path.of("/sys/block"));
        Map<String, Map<String, List<String>>> links = new LinkedHashMap<>();
        links.put("ids", deviceLinks(Path.of("/dev/disk/by-id")));
        links.put("uuids", deviceLinks(Path.of("/dev/disk/by-uuid")));
        links.put("labels", deviceLinks(Path.of("/dev/disk/by-label")));
        links.put("masters", masters());
        out.put("device_links", links);
        BlockDevices reader = new BlockDevices(links);
        Map<String, String> wwns = wwns();
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
        String path;
        try {
            path = Files.readSymbolicLink(Path.of("/sys/block", block)).toString();
        } catch (NotLinkException e) {
            path = null;
        } catch (IOException | UnsupportedOperationException e) {
            return null;
        }
        String sysdir = "/sys/block/" + (path == null ? block : path);
        if (path == null && list(Path.of(sysdir)).stream().anyMatch(f -> f.contains("device"))) {
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
        for (String folder : list(Path.of(sysdir))) {
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

    private static Object sectorSize(String sysdir) {
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
        if (!m.lookingAt() || !Files.isExecutable(Path.of("/usr/bin/lspci")) && !Files.isExecutable(Path.of("/sbin/lspci"))) {
            return "";
        }
        if (lspci == null) {
            lspci = LinuxHardware.output(Files.isExecutable(Path.of("/usr/bin/lspci")) ? "/usr/bin/lspci" : "/sbin/lspci", "-D");
        }
        Matcher line = Pattern.compile("^" + Pattern.quote(m.group(1)) + "\\s(.*)$", Pattern.MULTILINE).matcher(lspci);
        return line.find() ? line.group(1) : "";
    }

    private static List<String> holders(String sysdir) {
        List<String> out = new ArrayList<>();
        for (String folder : list(Path.of(sysdir, "holders"))) {
            if (folder.startsWith("dm-")) {
                String name = content(sysdir + "/holders/" + folder + "/dm/name");
                out.add(name != null ? name : folder);
            }
        }
        return out;
    }

    /** Link name by the basename of its target, sorted, for one /dev/disk folder ({} when it is missing). */
    private static Map<String, List<String>> deviceLinks(Path dir) {
        Map<String, TreeSet<String>> out = new LinkedHashMap<>();
        for (String entry : list(dir)) {
            try {
                String target = Files.readSymbolicLink(dir.resolve(entry)).getFileName().toString();
                out.computeIfAbsent(target, k -> new TreeSet<>()).add(entry);
            } catch (IOException | UnsupportedOperationException e) {
                // not a link: left out, as Ansible's readlink failing
            }
        }
        Map<String, List<String>> sorted = new LinkedHashMap<>();
        out.forEach((k, v) -> sorted.put(k, List.copyOf(v)));
        return sorted;
    }

    /** The devices each device is a slave of (/sys/block/X/slaves/Y: Y's masters include X). */
    private static Map<String, List<String>> masters() {
        Map<String, TreeSet<String>> out = new LinkedHashMap<>();
        for (String device : list(Path.of("/sys/block"))) {
            for (String target : list(Path.of("/sys/block", device, "slaves"))) {
                out.computeIfAbsent(target, k -> new TreeSet<>()).add(device);
            }
        }
        Map<String, List<String>> sorted = new LinkedHashMap<>();
        out.forEach((k, v) -> sorted.put(k, List.copyOf(v)));
        return sorted;
    }

    /** The WWN of each device with a /dev/disk/by-id/wwn-* link. */
    private static Map<String, String> wwns() {
        Map<String, String> out = new LinkedHashMap<>();
        for (String link : list(Path.of("/dev/disk/by-id"))) {
            if (link.startsWith("wwn-")) {
                try {
                    out.put(Files.readSymbolicLink(Path.of("/dev/disk/by-id", link)).getFileName().toString(), link.substring(4));
                } catch (IOException | UnsupportedOperationException e) {
                    // not a link
                }
            }
        }
        return out;
    }

    /** The /dev/disk/by-uuid name of a partition; null without that folder or a link to it. */
    private static String partitionUuid(String partname) {
        for (String uuid : list(Path.of("/dev/disk/by-uuid"))) {
            try {
                if (Path.of("/dev/disk/by-uuid", uuid).toRealPath().toString().equals("/dev/" + partname)) {
                    return uuid;
                }
            } catch (IOException e) {
                // a dangling link
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

    /** A folder's entries, sorted; empty when it cannot be read. */
    private static List<String> list(Path dir) {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    private static String content(String path) {
        return VirtualFacts.content(path);
    }
}
