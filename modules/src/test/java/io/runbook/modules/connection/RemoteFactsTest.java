package io.runbook.modules.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The facts read from the output of the gathering script (the script itself runs on real hosts in SshPlaybookTest). */
class RemoteFactsTest {
    private static final String OUTPUT = String.join("\n", "@@names", "node web-1", "byaddr 10.0.0.5  web-1 web-1.eu.example.com",
            "@@uname", "Linux", "6.1.0-18-amd64", "x86_64", "#1 SMP Debian", "@@date", "1767225600 +0100 CET", "@@user", "deploy",
            "1001", "1001", "/home/deploy", "/bin/bash", "@@os_release", "PRETTY_NAME=\"Rocky Linux 9.3\"", "ID=\"rocky\"",
            "VERSION_ID=\"9.3\"", "@@debian_version", "@@pkg_mgr", "/usr/bin/dnf", "/usr/bin/yum", "@@service_mgr", "comm systemd",
            "@@python", "@@network", "@route4", "8.8.8.8 via 10.0.0.1 dev eth0 src 10.0.0.5 uid 1001", "    cache", "@route6",
            "@primary", "1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536", "    inet 127.0.0.1/8 scope host lo",
            "    inet6 ::1/128 scope host ", "2: eth0@if7: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500",
            "    inet 10.0.0.5/24 brd 10.0.0.255 scope global eth0", "    inet 172.17.0.1/16 scope global eth0:1",
            "    inet6 fe80::1/64 scope link ", "@secondary", "2: eth0@if7: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500",
            "    inet 10.0.0.6/24 brd 10.0.0.255 scope global secondary eth0", "@nic eth0", "@file address 02:00:00:00:00:05",
            "@file mtu 1500", "@file operstate up", "@file type 1", "@file flags 0x1103", "@nic lo",
            "@file address 00:00:00:00:00:00", "@file mtu 65536", "@file operstate unknown", "@file type 772",
            "@file flags 0x9", "@end", "@@env", "HOME=/home/deploy", "MOTD=line one", "line two", "PATH=/usr/bin:/bin", "");

    @Test
    void theUsualSubsetComesFromTheScriptsSections() {
        Map<String, Object> f = RemoteFacts.facts(ScriptOutput.parse(OUTPUT), Set.of("min"));
        assertEquals("web-1", f.get("hostname"));
        assertEquals("web-1", f.get("nodename"));
        assertEquals("web-1.eu.example.com", f.get("fqdn"), "the first of gethostbyaddr's names with a dot");
        assertEquals("eu.example.com", f.get("domain"));
        assertEquals("Linux", f.get("system"));
        assertEquals("x86_64", f.get("architecture"));
        assertEquals("RedHat", f.get("os_family"));
        assertEquals("9", f.get("distribution_major_version"));
        assertEquals("deploy", f.get("user_id"));
        assertEquals(1001, f.get("user_uid"));
        assertEquals("dnf", f.get("pkg_mgr"));
        assertEquals("systemd", f.get("service_mgr"));
        assertFalse(f.containsKey("python_version"), "no python3 on the host");
        assertEquals(Map.of("HOME", "/home/deploy", "MOTD", "line one\nline two", "PATH", "/usr/bin:/bin"), f.get("env"));
        @SuppressWarnings("unchecked")
        Map<String, Object> t = (Map<String, Object>) f.get("date_time");
        assertEquals("2026-01-01", t.get("date"));
        assertEquals("01", t.get("hour"), "the host's zone");
        assertEquals("CET", t.get("tz"));
        assertEquals("+0100", t.get("tz_offset"));
        assertEquals("2026-01-01T00:00:00Z", t.get("iso8601"));
        assertFalse(f.containsKey("memtotal_mb"), "hardware only when asked");
    }

    /** ip addr's addresses as Ansible's network collector reads them: a label its own interface, the secondaries. */
    @Test
    @SuppressWarnings("unchecked")
    void networkWhenAsked() {
        Map<String, Object> f = RemoteFacts.facts(OUTPUT, Set.of("min", "network"));
        assertEquals(java.util.List.of("eth0", "eth0_1", "lo"), f.get("interfaces"));
        assertEquals(java.util.List.of("10.0.0.5", "172.17.0.1", "10.0.0.6"), f.get("all_ipv4_addresses"));
        assertEquals(java.util.List.of("fe80::1"), f.get("all_ipv6_addresses"));
        Map<String, Object> eth0 = (Map<String, Object>) f.get("eth0");
        assertEquals(Map.of("address", "10.0.0.5", "broadcast", "10.0.0.255", "netmask", "255.255.255.0",
                "network", "10.0.0.0", "prefix", "24"), eth0.get("ipv4"));
        assertEquals(java.util.List.of(Map.of("address", "10.0.0.6", "broadcast", "10.0.0.255", "netmask",
                "255.255.255.0", "network", "10.0.0.0", "prefix", "24")), eth0.get("ipv4_secondaries"));
        assertEquals(true, eth0.get("promisc"));
        assertEquals("ether", eth0.get("type"));
        assertEquals(Map.of("ipv4", Map.of("address", "172.17.0.1", "broadcast", "", "netmask", "255.255.0.0",
                "network", "172.17.0.0", "prefix", "16")), f.get("eth0_1"), "a label: only its address");
        Map<String, Object> lo = (Map<String, Object>) f.get("lo");
        assertFalse(lo.containsKey("macaddress"), "00:00:00:00:00:00 is none");
        assertEquals(java.util.List.of(Map.of("address", "::1", "prefix", "128", "scope", "host")), lo.get("ipv6"));
        Map<String, Object> def = (Map<String, Object>) f.get("default_ipv4");
        assertEquals("10.0.0.1", def.get("gateway"));
        assertEquals("eth0", def.get("alias"));
        assertEquals("02:00:00:00:00:05", def.get("macaddress"));
        assertEquals(1500, def.get("mtu"));
        assertEquals(Map.of(), f.get("default_ipv6"));
    }

    /** The hardware subset's script run with the /bin/sh an SSH host runs it with (this machine standing for the host). */
    @Test
    @SuppressWarnings("unchecked")
    void theHardwareCollectorsFactsComeFromTheSameScript() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.isDirectory(java.nio.file.Path.of("/proc/self")), "not Linux");
        Set<String> subsets = Set.of("min", "hardware");
        Process p = new ProcessBuilder("/bin/sh", "-c", RemoteFacts.script(subsets), "sh", "/usr/bin/python3")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String stdout = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), stdout);
        Map<String, Object> f = RemoteFacts.facts(stdout, subsets);
        java.util.List<Map<String, Object>> mounts = (java.util.List<Map<String, Object>>) f.get("mounts");
        Map<String, Object> root = mounts.stream().filter(m -> "/".equals(m.get("mount"))).findFirst().orElseThrow();
        org.junit.jupiter.api.Assertions.assertTrue((Long) root.get("size_total") > 0, root.toString());
        org.junit.jupiter.api.Assertions.assertTrue(f.get("uptime_seconds") instanceof Long, f.toString());
        org.junit.jupiter.api.Assertions.assertTrue(f.get("product_name") instanceof String, f.toString());
        org.junit.jupiter.api.Assertions.assertTrue((Integer) f.get("processor_vcpus") > 0, f.toString());
        org.junit.jupiter.api.Assertions.assertTrue(f.get("processor") instanceof java.util.List, f.toString());
        org.junit.jupiter.api.Assertions.assertTrue((Long) f.get("memtotal_mb") > 0, f.toString());
        org.junit.jupiter.api.Assertions.assertTrue(f.get("devices") instanceof Map, f.toString());
        org.junit.jupiter.api.Assertions.assertTrue(((Map<String, Object>) f.get("env")).containsKey("PATH"), "env still read");
    }

    /** The custom facts script run with the same /bin/sh an SSH host runs it with, on a folder of ours. */
    @Test
    void customFactsOfAHostAreReadAsAnsibleReadsThem(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Files.writeString(dir.resolve("data.fact"), "{\"a\": [1, null]}\n");
        java.nio.file.Files.writeString(dir.resolve("ini.fact"), "[s]\nK = v\n");
        java.nio.file.Path failing = dir.resolve("failing.fact");
        java.nio.file.Files.writeString(failing, "#!/bin/sh\necho '{}'\necho broken >&2\nexit 3\n");
        failing.toFile().setExecutable(true);
        java.nio.file.Path script = dir.resolve("script.fact");
        java.nio.file.Files.writeString(script, "#!/bin/sh\necho '{\"x\": 1}'\necho noise >&2\n");
        script.toFile().setExecutable(true);
        java.nio.file.Files.createSymbolicLink(dir.resolve("dead.fact"), dir.resolve("nothing-here"));
        Process p = new ProcessBuilder("/bin/sh", "-c", RemoteFacts.FACTS_SCRIPT, "sh", dir.toString()).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor());
        java.util.List<String> warnings = new java.util.ArrayList<>();
        Map<String, Object> facts = RemoteFacts.customFacts(out, dir.toString(), warnings::add);
        assertEquals(java.util.Arrays.asList(1, null), ((Map<?, ?>) facts.get("data")).get("a"));
        assertEquals(Map.of("s", Map.of("k", "v")), facts.get("ini"));
        assertEquals(Map.of("x", 1), facts.get("script"), "only the script's standard output is read");
        assertEquals("Failure executing fact script (" + dir + "/failing.fact), rc: 3, err: broken", facts.get("failing"));
        assertEquals("Could not stat fact (" + dir + "/dead.fact): [Errno 2] No such file or directory: '" + dir
                + "/dead.fact'", facts.get("dead"), "a dangling link");
        assertEquals(java.util.List.of(facts.get("dead"), facts.get("failing")), warnings);
        assertEquals(java.util.List.of("data", "dead", "failing", "ini", "script"), java.util.List.copyOf(facts.keySet()));
    }

    @Test
    void noFactPathFolderMeansNoCustomFacts() throws Exception {
        Process p = new ProcessBuilder("/bin/sh", "-c", RemoteFacts.FACTS_SCRIPT, "sh", "/nonexistent/facts.d").start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor());
        assertEquals(Map.of(), RemoteFacts.customFacts(out, "/nonexistent/facts.d", w -> { }));
    }
}
