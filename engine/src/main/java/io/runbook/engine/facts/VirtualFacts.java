package io.runbook.engine.facts;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The {@code virtual} subset of the local machine's facts, as ansible-core 2.14's Linux collector
 * ({@code module_utils/facts/virtual/linux.py}) finds them, in its order: containers (/proc/1/cgroup, /proc/1/environ,
 * /run/systemd/container, /.dockerenv), OpenVZ, Xen, the DMI names under /sys, Linux-VServer, /proc/cpuinfo, the
 * kernel's modules and /dev/kvm, else {@code NA}. The first that matches gives {@code virtualization_type} and
 * {@code virtualization_role}; every one that matches adds to {@code virtualization_tech_guest}/{@code _host} (sorted
 * here, a Python set there). Not asked: {@code dmidecode} and s390's {@code lscpu}, which Ansible runs as commands.
 */
public final class VirtualFacts {
    /** The files the collector reads (over SSH dumped by {@link #SCRIPT}). */
    private static final List<String> PATHS = List.of("/proc/1/cgroup", "/proc/1/environ", "/proc/vz", "/proc/lve", "/proc/bc", "/run/systemd/container", "/.dockerenv", "/.dockerinit", "/proc/xen", "/proc/xen/capabilities", "/dev/kvm", "/sys/devices/virtual/dmi/id/product_name", "/sys/devices/virtual/dmi/id/sys_vendor", "/sys/devices/virtual/dmi/id/product_family", "/sys/devices/virtual/dmi/id/bios_vendor", "/proc/self/status", "/proc/cpuinfo", "/proc/modules");
    /**
     * Section {@code @@virtual}: each of {@link #PATHS} that is there after {@code @vfile FLAG PATH} (flag r: a
     * readable file, its text follows, NULs as line breaks; d: there but not read).
     */
    public static final String SCRIPT = "echo @@virtual; for f in " + String.join(" ", PATHS) + "; do [ -e $f ] || continue;"
            + " if [ -f $f ] && [ -r $f ]; then echo \"@vfile r $f\"; tr '\\000' '\\n' < $f 2>/dev/null; echo;"
            + " else echo \"@vfile d $f\"; fi; done\n";
    /** The controller's files. */
    private static final Reader LOCAL = new Reader() {
        @Override
        public String content(String path) {
            return VirtualFacts.content(path);
        }

        @Override
        public boolean exists(String path) {
            return Files.exists(Path.of(path));
        }

        @Override
        public boolean readable(String path) {
            return Files.isReadable(Path.of(path));
        }
    };
    private final Reader files;
    private static final Pattern DOCKER_CGROUP = Pattern.compile("/docker(/|-[0-9a-f]+\\.scope)");
    private static final Set<String> CONTAINERS = Set.of("docker", "lxc", "podman", "openvz", "containerd");
    private static final String[] KVM_SYS_VENDORS = {"QEMU", "Amazon EC2", "DigitalOcean", "Google", "Scaleway", "Nutanix"};
    private final Set<String> guest = new TreeSet<>();
    private final Set<String> host = new TreeSet<>();
    private String type;
    private String role;
    private boolean found;

    /** A machine's files: what get_file_content gives (null when missing, unreadable or empty), os.path.exists, os.access. */
    private interface Reader {
        String content(String path);

        boolean exists(String path);

        boolean readable(String path);
    }

    private VirtualFacts(Reader files) {
        this.files = files;
    }

    static Map<String, Object> gather() {
        return new VirtualFacts(LOCAL).collect();
    }

    /** A remote host's facts from {@link #SCRIPT}'s section. */
    public static Map<String, Object> facts(String section) {
        Map<String, String> text = new java.util.HashMap<>();
        java.util.Set<String> there = new java.util.HashSet<>();
        String path = null;
        StringBuilder content = new StringBuilder();
        for (String line : (section + "\n@vfile").split("\n", -1)) {
            if (line.startsWith("@vfile")) {
                if (path != null) {
                    String t = content.toString().strip();
                    text.put(path, path.equals("/proc/1/environ") ? t.replace('\n', '\0') : t);
                }
                String[] w = line.split(" ", 3);
                path = w.length == 3 && w[1].equals("r") ? w[2] : null;
                if (w.length == 3) {
                    there.add(w[2]);
                }
                content.setLength(0);
            } else {
                content.append(line).append('\n');
            }
        }
        return new VirtualFacts(new Reader() {
            @Override
            public String content(String p) {
                String t = text.get(p);
                return t == null || t.isEmpty() ? null : t;
            }

            @Override
            public boolean exists(String p) {
                return there.contains(p);
            }

            @Override
            public boolean readable(String p) {
                return text.containsKey(p);
            }
        }).collect();
    }

    private Map<String, Object> collect() {
        for (String line : lines("/proc/1/cgroup", "\n")) {
            if (DOCKER_CGROUP.matcher(line).find()) {
                guest("docker", "docker");
            }
            if (line.contains("/lxc/") || line.contains("/machine.slice/machine-lxc")) {
                guest("lxc", "lxc");
            }
            if (line.contains("/system.slice/containerd.service")) {
                guest("containerd", "containerd");
            }
        }
        for (String line : lines("/proc/1/environ", "\0")) {
            if (line.contains("container=lxc")) {
                guest("lxc", "lxc");
            }
            if (line.contains("container=podman")) {
                guest("podman", "podman");
            }
            if (line.matches("(?s)^container=..*")) {
                guest("container", "container");
            }
        }
        if (exists("/proc/vz") && !exists("/proc/lve")) {
            type = "openvz";
            boolean vzHost = exists("/proc/bc");
            (vzHost ? host : guest).add("openvz");
            if (!found) {
                role = vzHost ? "host" : "guest";
            }
            found = true;
        }
        String systemdContainer = files.content("/run/systemd/container");
        if (systemdContainer != null) {
            guest(systemdContainer, systemdContainer);
        }
        if (exists("/.dockerenv") || exists("/.dockerinit")) {
            guest("docker", "docker");
        }
        if (guest.stream().anyMatch(CONTAINERS::contains) || systemdContainer != null) {
            guest.add("container");
        }
        if (exists("/proc/xen")) {
            boolean xenHost = lines("/proc/xen/capabilities", "\n").stream().anyMatch(l -> l.contains("control_d"));
            if (xenHost) {
                host.add("xen");
            }
            if (!found) {
                type = "xen";
                role = xenHost ? "host" : "guest";
            }
            found = true;
        }
        dmi();
        vserver();
        cpuinfo();
        modules();
        if (exists("/dev/kvm")) {
            host.add("kvm");
            typeAndRole("kvm", "host");
        }
        if (!found) {
            type = "NA";
            role = "NA";
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("virtualization_role", role);
        out.put("virtualization_tech_guest", List.copyOf(guest));
        out.put("virtualization_tech_host", List.copyOf(host));
        out.put("virtualization_type", type);
        return out;
    }

    /** The names /sys/devices/virtual/dmi/id gives (Ansible assumes the guest role for this block). */
    private void dmi() {
        boolean assumedGuest = !found;
        if (assumedGuest) {
            role = "guest";
        }
        String product = files.content("/sys/devices/virtual/dmi/id/product_name");
        String vendor = files.content("/sys/devices/virtual/dmi/id/sys_vendor");
        String family = files.content("/sys/devices/virtual/dmi/id/product_family");
        String bios = files.content("/sys/devices/virtual/dmi/id/bios_vendor");
        if (oneOf(product, "KVM", "KVM Server", "Bochs", "AHV")) {
            guestType("kvm");
        }
        if ("oVirt".equals(vendor)) {
            guestType("oVirt");
        }
        if ("Red Hat".equals(vendor)) {
            if ("RHV".equals(family)) {
                guestType("RHV");
            } else if ("RHEV Hypervisor".equals(product)) {
                guestType("RHEV");
            }
        }
        if (oneOf(product, "VMware Virtual Platform", "VMware7,1")) {
            guestType("VMware");
        }
        if (oneOf(product, "OpenStack Compute", "OpenStack Nova")) {
            guestType("openstack");
        }
        if ("Xen".equals(bios)) {
            guestType("xen");
        }
        if ("innotek GmbH".equals(bios)) {
            guestType("virtualbox");
        }
        if (oneOf(bios, "Amazon EC2", "DigitalOcean", "Hetzner")) {
            guestType("kvm");
        }
        if (oneOf(vendor, KVM_SYS_VENDORS)) {
            guestType("kvm");
        }
        if ("KubeVirt".equals(vendor)) {
            guestType("KubeVirt");
        }
        if ("Microsoft Corporation".equals(vendor)) {
            guestType("VirtualPC");
        }
        if ("Parallels Software International Inc.".equals(vendor)) {
            guestType("parallels");
        }
        if ("OpenStack Foundation".equals(vendor)) {
            guestType("openstack");
        }
        if (!found) {
            role = null;  // unassumed
        }
    }

    private void vserver() {
        for (String line : lines("/proc/self/status", "\n")) {
            if (line.matches("^VxID:\\s+\\d+.*")) {
                boolean vsHost = line.matches("^VxID:\\s+0.*");
                (vsHost ? host : guest).add("linux_vserver");
                typeAndRole("linux_vserver", vsHost ? "host" : "guest");
            }
        }
    }

    private void cpuinfo() {
        for (String line : lines("/proc/cpuinfo", "\n")) {
            String tech;
            if (line.matches("^model name.*QEMU Virtual CPU.*") || line.matches("^machine.*CHRP IBM pSeries .emulated by qemu..*")) {
                tech = "kvm";
            } else if (line.matches("^vendor_id.*User Mode Linux.*") || line.matches("^model name.*UML.*")) {
                tech = "uml";
            } else if (line.matches("^vendor_id.*PowerVM Lx86.*")) {
                tech = "powervm_lx86";
            } else {
                continue;
            }
            guest.add(tech);
            typeAndRole(tech, "guest");
        }
    }

    private void modules() {
        if (!files.readable("/proc/modules")) {
            return;
        }
        List<String> loaded = lines("/proc/modules", "\n").stream().map(l -> l.split(" ", 2)[0]).toList();
        if (loaded.contains("kvm")) {
            host.add("kvm");
            if (!found) {
                type = "kvm";
                role = "host";
            }
            found = true;
        }
        if (loaded.contains("vboxdrv")) {
            host.add("virtualbox");
            typeAndRole("virtualbox", "host");
        }
        if (loaded.contains("virtio")) {
            host.add("kvm");
            typeAndRole("kvm", "guest");
        }
    }

    /** A guest technology that sets type and role when nothing did before. */
    private void guest(String tech, String asType) {
        guest.add(tech);
        typeAndRole(asType, "guest");
    }

    /** A guest technology of the DMI block: the type only (the role is the block's assumed guest). */
    private void guestType(String tech) {
        guest.add(tech);
        if (!found) {
            type = tech;
            found = true;
        }
    }

    private void typeAndRole(String newType, String newRole) {
        if (!found) {
            type = newType;
            role = newRole;
            found = true;
        }
    }

    /** Whether a file's content (null when missing) is one of these names. */
    private static boolean oneOf(String content, String... names) {
        return content != null && List.of(names).contains(content);
    }

    private boolean exists(String path) {
        return files.exists(path);
    }

    /** A file's text without surrounding whitespace, null when missing, unreadable or empty (get_file_content). */
    static String content(String path) {
        try {
            String text = Files.readString(Path.of(path)).strip();
            return text.isEmpty() ? null : text;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private List<String> lines(String path, String separator) {
        String text = files.content(path);
        return text == null ? List.of() : List.of(text.split(Pattern.quote(separator)));
    }
}
