package io.runbook.modules.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The facts read from the output of the gathering script (the script itself runs on real hosts in SshPlaybookTest). */
class RemoteFactsTest {
    private static final String OUTPUT = String.join("\n", "@@hostname", "web-1.eu.example.com", "@@fqdn", "web-1.eu.example.com",
            "@@uname", "Linux", "6.1.0-18-amd64", "x86_64", "#1 SMP Debian", "@@date", "1767225600 +0100 CET", "@@user", "deploy",
            "1001", "1001", "/home/deploy", "/bin/bash", "@@os_release", "PRETTY_NAME=\"Rocky Linux 9.3\"", "ID=\"rocky\"",
            "VERSION_ID=\"9.3\"", "@@debian_version", "@@pkg_mgr", "/usr/bin/dnf", "/usr/bin/yum", "@@service_mgr", "systemd",
            "@@python", "@@hardware", "4", "MemTotal:        8041412 kB", "@@interfaces", "eth0", "lo", "@@ipv4",
            "10.0.0.5 172.17.0.1 ", "@@env", "HOME=/home/deploy", "MOTD=line one", "line two", "PATH=/usr/bin:/bin", "");

    @Test
    void theUsualSubsetComesFromTheScriptsSections() {
        Map<String, Object> f = RemoteFacts.facts(ScriptOutput.parse(OUTPUT), Set.of("min"));
        assertEquals("web-1", f.get("hostname"));
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

    @Test
    void hardwareAndNetworkWhenAsked() {
        Map<String, Object> f = RemoteFacts.facts(ScriptOutput.parse(OUTPUT), Set.of("min", "hardware", "network"));
        assertEquals(4, f.get("processor_vcpus"));
        assertEquals(7852L, f.get("memtotal_mb"));
        assertEquals(java.util.List.of("eth0", "lo"), f.get("interfaces"));
        assertEquals(java.util.List.of("10.0.0.5", "172.17.0.1"), f.get("all_ipv4_addresses"));
        assertEquals(Map.of("address", "10.0.0.5"), f.get("default_ipv4"));
    }
}
