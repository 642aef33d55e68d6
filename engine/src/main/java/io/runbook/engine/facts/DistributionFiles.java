package io.runbook.engine.facts;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The distribution collector's {@code distribution_file_path}, {@code distribution_file_variety},
 * {@code distribution_file_parsed} (and Debian's {@code distribution_minor_version}): the first of Ansible's release
 * files (its OSDIST_LIST, in order) that is there and that the parser of its variety recognises. Read by
 * {@link #SCRIPT} (section {@code @@distfiles}, each file after a line {@code @file PATH}).
 */
public final class DistributionFiles {
    /** Path and variety; a third element: the file may be empty. */
    private static final String[][] FILES = {{"/etc/altlinux-release", "Altlinux"}, {"/etc/oracle-release", "OracleLinux"},
            {"/etc/slackware-version", "Slackware"}, {"/etc/centos-release", "CentOS"}, {"/etc/redhat-release", "RedHat"},
            {"/etc/vmware-release", "VMwareESX", "empty"}, {"/etc/openwrt_release", "OpenWrt"}, {"/etc/os-release", "Amazon"},
            {"/etc/system-release", "Amazon"}, {"/etc/alpine-release", "Alpine"}, {"/etc/arch-release", "Archlinux", "empty"},
            {"/etc/os-release", "Archlinux"}, {"/etc/os-release", "SUSE"}, {"/etc/SuSE-release", "SUSE"},
            {"/etc/gentoo-release", "Gentoo"}, {"/etc/os-release", "Debian"}, {"/etc/lsb-release", "Debian"},
            {"/etc/lsb-release", "Mandriva"}, {"/etc/sourcemage-release", "SMGL"}, {"/usr/lib/os-release", "ClearLinux"},
            {"/etc/coreos/update.conf", "Coreos"}, {"/etc/os-release", "Flatcar"}, {"/etc/os-release", "NA"}};
    private static final Map<String, String> SEARCH = Map.of("OracleLinux", "Oracle Linux", "RedHat", "Red Hat",
            "Altlinux", "ALT", "SMGL", "Source Mage GNU/Linux");
    private static final Pattern MINOR = Pattern.compile("(\\d+)\\.(\\d+)");

    /** Each release file that is there (and /etc/debian_version), after {@code @file PATH}. */
    public static final String SCRIPT = "echo @@distfiles; for f in " + String.join(" ", java.util.Arrays.stream(FILES)
            .map(f -> f[0]).distinct().toList()) + " /etc/debian_version; do [ -e $f ] && { echo \"@file $f\"; cat $f 2>/dev/null;"
            + " echo; }; done\n";

    private DistributionFiles() {
    }

    /** The facts from the {@code @@distfiles} section; none when no release file is recognised. */
    public static Map<String, Object> facts(Map<String, String> sections) {
        Map<String, String> files = new LinkedHashMap<>();
        String path = null;
        StringBuilder text = new StringBuilder();
        for (String line : (sections.getOrDefault("distfiles", "") + "@file").split("\n", -1)) {
            if (line.startsWith("@file")) {
                if (path != null) {
                    files.put(path, text.toString());
                }
                path = line.length() > 6 ? line.substring(6) : null;
                text.setLength(0);
            } else {
                text.append(line).append('\n');
            }
        }
        Map<String, Object> f = new LinkedHashMap<>();
        for (String[] candidate : FILES) {
            String content = files.get(candidate[0]);
            if (content == null || content.isBlank() && candidate.length < 3) {
                continue;
            }
            f.put("distribution_file_path", candidate[0]);
            f.put("distribution_file_variety", candidate[1]);
            if (candidate.length > 2) {
                return f;
            }
            String data = content.strip().replaceAll("^['\"\\\\]+|['\"\\\\]+$", "");
            if (parsed(candidate[1], data, candidate[0])) {
                f.put("distribution_file_parsed", true);
                if (candidate[1].equals("Debian") && (data.contains("Debian") || data.contains("Raspbian"))) {
                    minor(files.getOrDefault("/etc/debian_version", ""), f);
                }
                return f;
            }
            f.clear();
        }
        return f;
    }

    private static void minor(String debianVersion, Map<String, Object> f) {
        for (String line : debianVersion.strip().split("\n")) {
            Matcher m = MINOR.matcher(line.strip());
            if (m.find()) {
                f.put("distribution_minor_version", m.group(2));
            }
        }
    }

    /** Whether the parser of this variety recognises the file (Ansible's parse_distribution_file_*). */
    private static boolean parsed(String variety, String data, String path) {
        if (SEARCH.containsKey(variety)) {
            return true;
        }
        return switch (variety) {
            case "Archlinux" -> data.contains("Arch Linux");
            case "Slackware" -> data.contains("Slackware");
            case "Amazon" -> data.contains("Amazon");
            case "OpenWrt" -> data.contains("OpenWrt");
            case "Alpine", "NA" -> true;
            case "SUSE" -> data.toLowerCase(java.util.Locale.ROOT).contains("suse");
            case "Debian" -> List.of("Debian", "Raspbian", "Ubuntu", "SteamOS", "Devuan", "Cumulus", "Mint", "UOS", "Uos",
                    "uos", "Deepin", "deepin").stream().anyMatch(data::contains)
                    || List.of("/etc/lsb-release", "/etc/os-release").contains(path)
                    && (data.contains("Kali") || data.contains("Parrot"));
            case "Mandriva" -> data.contains("Mandriva");
            case "ClearLinux" -> !data.contains("NAME=") || data.contains("Clear Linux");
            case "Coreos" -> data.toLowerCase(java.util.Locale.ROOT).contains("coreos");
            case "Flatcar" -> data.toLowerCase(java.util.Locale.ROOT).contains("flatcar");
            case "CentOS" -> data.contains("CentOS Stream") || data.contains("TencentOS Server");
            default -> false;  // Gentoo, VMwareESX: no parser
        };
    }
}
