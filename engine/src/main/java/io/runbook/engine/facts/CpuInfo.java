package io.runbook.engine.facts;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The processor facts of ansible-core 2.14's Linux hardware collector (its get_cpu_facts) from a host's
 * /proc/cpuinfo: {@code processor} (each processor's number, vendor and model as listed), {@code processor_count},
 * {@code processor_cores}, {@code processor_threads_per_core}, {@code processor_vcpus} and {@code processor_nproc},
 * counted as Ansible counts them, its quirks included (sockets and cores are keyed as it keys them, the first
 * socket's and core's figures count).
 */
final class CpuInfo {
    private static final Set<String> LISTED = Set.of("model name", "Processor", "vendor_id", "cpu", "Vendor", "processor");

    private CpuInfo() {
    }

    /**
     * The facts, none when /proc/cpuinfo could not be read ({@code cpuinfo} null).
     *
     * @param xen          /proc/xen exists or /sys/hypervisor/type's first line is xen
     * @param architecture the host's {@code ansible_architecture}
     * @param nproc        the processors the gathering may run on (sched_getaffinity), null when unknown
     */
    static Map<String, Object> facts(String cpuinfo, boolean xen, String architecture, Integer nproc) {
        if (cpuinfo == null) {
            return Map.of();
        }
        try {
            return count(cpuinfo, xen, architecture, nproc);
        } catch (NumberFormatException e) {
            return Map.of();  // Ansible's int() fails likewise, and its collector gives nothing
        }
    }

    private static Map<String, Object> count(String cpuinfo, boolean xen, String architecture, Integer nproc) {
        Map<String, Object> out = new LinkedHashMap<>();
        List<String> processor = new ArrayList<>();
        out.put("processor", processor);
        int i = 0;
        int vendorIds = 0;
        int modelNames = 0;
        int processors = 0;
        boolean paravirt = false;
        // Python's dict keys: the initial physid/coreid 0 (an int) differs from a line's "0"
        Object physid = 0;
        Object coreid = 0;
        Map<Object, Integer> sockets = new LinkedHashMap<>();
        Map<Object, Integer> cores = new LinkedHashMap<>();
        for (String line : cpuinfo.split("\n", -1)) {
            int colon = line.indexOf(':');
            String key = (colon < 0 ? line : line.substring(0, colon)).strip();
            String val = colon < 0 ? "" : line.substring(colon + 1).strip();
            if (xen && key.equals("flags") && !val.contains("vme")) {
                paravirt = true;  // Xen paravirt hides the vme flag and shows one core
            }
            if (LISTED.contains(key)) {
                processor.add(val);
                vendorIds += key.equals("vendor_id") ? 1 : 0;
                modelNames += key.equals("model name") ? 1 : 0;
                processors += key.equals("processor") ? 1 : 0;
                i++;
            } else if (key.equals("physical id")) {
                physid = val;
                sockets.putIfAbsent(physid, 1);
            } else if (key.equals("core id")) {
                coreid = val;
                if (!sockets.containsKey(coreid)) {  // sic: Ansible looks in sockets
                    cores.put(coreid, 1);
                }
            } else if (key.equals("cpu cores")) {
                sockets.put(physid, Integer.parseInt(val));
            } else if (key.equals("siblings")) {
                cores.put(coreid, Integer.parseInt(val));
            } else if (key.equals("# processors")) {
                out.put("processor_cores", Integer.parseInt(val));
            } else if (key.equals("ncpus active")) {
                i = Integer.parseInt(val);
            }
        }
        if (vendorIds > 0 && vendorIds == modelNames) {
            i = vendorIds;
        }
        if (architecture.startsWith("armv") || architecture.startsWith("aarch") || architecture.startsWith("ppc")) {
            i = processors;
        }
        if (architecture.equals("s390x")) {
            return out;
        }
        if (paravirt) {
            out.put("processor_count", i);
            out.put("processor_cores", i);
            out.put("processor_threads_per_core", 1);
            out.put("processor_vcpus", i);
            return out;
        }
        out.put("processor_count", sockets.isEmpty() ? i : sockets.size());
        Integer firstSocket = sockets.isEmpty() ? null : sockets.values().iterator().next();
        int perSocket = firstSocket != null && firstSocket != 0 ? firstSocket : 1;
        out.put("processor_cores", perSocket);
        int threads = cores.isEmpty() ? 1 / perSocket : cores.values().iterator().next() / perSocket;
        out.put("processor_threads_per_core", threads);
        out.put("processor_vcpus", threads * (int) out.get("processor_count") * perSocket);
        out.put("processor_nproc", nproc != null ? nproc : processors);
        return out;
    }
}
