package io.runbook.engine.facts;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The facts of ansible-core 2.14's Linux hardware collector that a shell script reads ({@link #SCRIPT}, run on the
 * controller or over a host's connection): the memory facts ({@link Meminfo}), {@code mounts} ({@link Mounts}), {@code uptime_seconds}, the DMI facts of
 * /sys/devices/virtual/dmi/id (else {@code dmidecode -s}; {@code NA} for each it cannot read) and {@code lvm}
 * ({@code vgs}/{@code pvs}/{@code lvs} as root, else {@code N/A}), the processor facts ({@link CpuInfo}). The block
 * devices are {@link BlockDevices}.
 */
public final class LinuxHardware {
    /** DMI facts and the /sys/devices/virtual/dmi/id file, then the dmidecode string, of each. */
    private static final String[][] DMI = {
            {"bios_date", "bios_date", "bios-release-date"}, {"bios_vendor", "bios_vendor", "bios-vendor"},
            {"bios_version", "bios_version", "bios-version"}, {"board_asset_tag", "board_asset_tag", "baseboard-asset-tag"},
            {"board_name", "board_name", "baseboard-product-name"}, {"board_serial", "board_serial", "baseboard-serial-number"},
            {"board_vendor", "board_vendor", "baseboard-manufacturer"}, {"board_version", "board_version", "baseboard-version"},
            {"chassis_asset_tag", "chassis_asset_tag", "chassis-asset-tag"},
            {"chassis_serial", "chassis_serial", "chassis-serial-number"},
            {"chassis_vendor", "chassis_vendor", "chassis-manufacturer"}, {"chassis_version", "chassis_version", "chassis-version"},
            {"form_factor", "chassis_type", "chassis-type"}, {"product_name", "product_name", "system-product-name"},
            {"product_serial", "product_serial", "system-serial-number"}, {"product_uuid", "product_uuid", "system-uuid"},
            {"product_version", "product_version", "system-version"}, {"system_vendor", "sys_vendor", "system-manufacturer"}};
    /** The DMI chassis types by number (DSP0134), as Ansible names them. */
    private static final List<String> FORM_FACTOR = List.of("Unknown", "Other", "Unknown", "Desktop", "Low Profile Desktop",
            "Pizza Box", "Mini Tower", "Tower", "Portable", "Laptop", "Notebook", "Hand Held", "Docking Station", "All In One",
            "Sub Notebook", "Space-saving", "Lunch Box", "Main Server Chassis", "Expansion Chassis", "Sub Chassis",
            "Bus Expansion Chassis", "Peripheral Chassis", "RAID Chassis", "Rack Mount Chassis", "Sealed-case PC",
            "Multi-system", "CompactPCI", "AdvancedTCA", "Blade", "Blade Enclosure", "Tablet", "Convertible", "Detachable",
            "IoT Gateway", "Embedded PC", "Mini PC", "Stick PC");
    private static final String LVM_OPTIONS = "--noheadings --nosuffix --units g --separator ,";

    /** Sections {@code @@mtab} … {@code @@uptime} ({@link Mounts}), {@code @@dmi}, {@code @@lvm}, then {@code @@end}. */
    public static final String SCRIPT = String.join("\n",
            "m=/etc/mtab; [ -e $m ] || m=/proc/mounts",
            "echo @@mtab; cat $m 2>/dev/null",
            "echo @@findmnt; findmnt --list --noheadings --notruncate 2>/dev/null",
            "echo @@lsblk; lsblk --list --noheadings --paths --output NAME,UUID --exclude 2 2>/dev/null",
            "t=; command -v timeout >/dev/null 2>&1 && t='timeout 10'",
            "echo @@statvfs; awk '$3 != \"none\" && ($1 ~ /^[\\/\\\\]/ || index($1, \":/\")) {print $2}' $m 2>/dev/null"
                    + " | while IFS= read -r p; do printf '%b\\n' \"$p\"; done | tr '\\n' '\\000'"
                    + " | xargs -0 -r $t stat -f -c '%s %S %b %a %c %d %n' -- 2>/dev/null",
            "echo @@byuuid; for l in /dev/disk/by-uuid/*; do [ -e \"$l\" ] && echo \"$(readlink -f \"$l\") ${l##*/}\"; done",
            "echo @@uptime; cat /proc/uptime 2>/dev/null",
            "echo @@meminfo; cat /proc/meminfo 2>/dev/null",
            "echo @@cpuinfo; [ -r /proc/cpuinfo ] && echo readable && cat /proc/cpuinfo",
            "echo @@xen; if [ -e /proc/xen ]; then echo xen; else head -n 1 /sys/hypervisor/type 2>/dev/null; fi",
            "echo @@arch; uname -m",
            "echo @@nproc; env -u OMP_NUM_THREADS -u OMP_THREAD_LIMIT nproc 2>/dev/null",
            "echo @@dmi; d=/sys/devices/virtual/dmi/id",
            "if [ -e $d/product_name ]; then echo sys; for f in " + dmiColumn(1) + "; do",
            "  printf '%s\\t' $f; [ -r $d/$f ] && cat $d/$f 2>/dev/null | tr '\\n' ' '; echo; done",
            "elif command -v dmidecode >/dev/null 2>&1; then echo dmidecode; for f in " + dmiColumn(2) + "; do",
            "  printf '%s\\t' $f; v=$(dmidecode -s $f 2>/dev/null) && printf '%s' \"$v\" | grep -v '^#' | tr -d '\\n'; echo; done",
            "fi",
            "echo @@lvm; if [ \"$(id -u)\" = 0 ] && command -v vgs >/dev/null 2>&1; then",
            "  echo @vgs; vgs " + LVM_OPTIONS + " 2>/dev/null; echo @lvs; lvs " + LVM_OPTIONS + " 2>/dev/null",
            "  echo @pvs; pvs " + LVM_OPTIONS + " 2>/dev/null; fi",
            "echo @@end", "");

    private LinuxHardware() {
    }

    /** {@link #SCRIPT} with the block devices' part ({@link BlockDevices#SCRIPT}), for a remote host. */
    public static final String REMOTE_SCRIPT = SCRIPT + BlockDevices.SCRIPT;

    /** The controller's facts of this collector, from {@link #SCRIPT} run by /bin/sh; none when it cannot run. */
    static Map<String, Object> local() {
        String out = output("/bin/sh", "-c", SCRIPT);
        return out.contains("@@end") ? facts(sections(out)) : Map.of();
    }

    /** A command's output on the controller (its errors left out, no input); empty when it cannot run. */
    static String output(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor();
            return out;
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    /** The facts from {@link #SCRIPT}'s sections (its output split by {@link #sections}), with {@link #REMOTE_SCRIPT}'s the block devices. */
    public static Map<String, Object> facts(Map<String, String> sections) {
        Map<String, Object> out = new LinkedHashMap<>(Meminfo.facts(sections.getOrDefault("meminfo", "").lines().toList()));
        out.putAll(dmi(sections.getOrDefault("dmi", "")));
        Long uptime = uptime(sections.getOrDefault("uptime", ""));
        if (uptime != null) {
            out.put("uptime_seconds", uptime);
        }
        out.put("lvm", Lvm.parse(sections.getOrDefault("lvm", "")));
        out.putAll(cpu(sections));
        out.put("mounts", Mounts.parse(sections));
        if (sections.containsKey("sysblock_files")) {
            out.putAll(BlockDevices.facts(new DumpedSysFiles(sections)));
        }
        return out;
    }

    /** The sections of a script's output, each after a line {@code @@name}, by name (the text of the last one named so). */
    public static Map<String, String> sections(String stdout) {
        Map<String, String> out = new LinkedHashMap<>();
        String name = null;
        StringBuilder text = new StringBuilder();
        for (String line : (stdout + "\n@@end").split("\n", -1)) {
            if (line.startsWith("@@") && line.substring(2).matches("[a-z0-9_]+")) {
                if (name != null) {
                    out.put(name, text.toString());
                }
                name = line.substring(2);
                text.setLength(0);
            } else if (name != null) {
                text.append(line).append('\n');
            }
        }
        return out;
    }

    private static String dmiColumn(int column) {
        return String.join(" ", java.util.Arrays.stream(DMI).map(d -> d[column]).toList());
    }

    /** The DMI facts: every one {@code NA} when neither /sys nor dmidecode has them, or when one cannot be read. */
    private static Map<String, Object> dmi(String text) {
        List<String> lines = text.lines().toList();
        String source = lines.isEmpty() ? "" : lines.get(0).strip();
        Map<String, String> read = new java.util.HashMap<>();
        for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
            int tab = line.indexOf('\t');
            if (tab > 0) {
                read.put(line.substring(0, tab), line.substring(tab + 1).strip());
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (String[] d : DMI) {
            String value = read.getOrDefault(source.equals("sys") ? d[1] : d[2], "");
            if (value.isEmpty()) {
                out.put(d[0], "NA");
            } else if (d[0].equals("form_factor") && source.equals("sys")) {
                out.put(d[0], formFactor(value));
            } else {
                out.put(d[0], value);
            }
        }
        return out;
    }

    private static String formFactor(String chassisType) {
        try {
            return FORM_FACTOR.get(Integer.parseInt(chassisType));
        } catch (NumberFormatException | IndexOutOfBoundsException e) {
            return "unknown (" + chassisType + ")";
        }
    }

    /** {@link CpuInfo}'s facts from the cpuinfo, xen, arch and nproc sections. */
    private static Map<String, Object> cpu(Map<String, String> sections) {
        String cpuinfo = sections.getOrDefault("cpuinfo", "");
        String nproc = sections.getOrDefault("nproc", "").strip();
        return CpuInfo.facts(cpuinfo.startsWith("readable\n") ? cpuinfo.substring("readable\n".length()) : null,
                sections.getOrDefault("xen", "").strip().equals("xen"), sections.getOrDefault("arch", "").strip(),
                nproc.matches("\\d+") ? Integer.valueOf(nproc) : null);
    }

    /** {@code /proc/uptime}'s first figure in whole seconds; null without one. */
    private static Long uptime(String text) {
        try {
            return (long) Double.parseDouble(text.strip().split(" ")[0]);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
