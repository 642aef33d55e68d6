package io.runbook.modules.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.runbook.engine.module.Result;
import io.runbook.modules.python.PipModule;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

/**
 * {@code pip} and {@code wait_for}'s {@code state: drained} on every connection (see {@link HostModulesContract}): the
 * host's pip into a venv it makes, offline from a wheel the test writes; the host's /proc/net/tcp.
 */
abstract class PipDrainedContract extends UnarchiveContract {
    /** A wheel of {@code tinypkg} at {@code version} in the host folder {@code wheels}, as pip installs it. */
    private void wheel(String version) throws Exception {
        String info = "tinypkg-" + version + ".dist-info/";
        Map<String, String> files = new LinkedHashMap<>();
        files.put("tinypkg/__init__.py", "VERSION = '" + version + "'\n");
        files.put(info + "METADATA", "Metadata-Version: 2.1\nName: tinypkg\nVersion: " + version + "\n");
        files.put(info + "WHEEL", "Wheel-Version: 1.0\nGenerator: runbook-test\nRoot-Is-Purelib: true\nTag: py3-none-any\n");
        StringBuilder record = new StringBuilder();
        files.keySet().forEach(f -> record.append(f).append(",,\n"));
        files.put(info + "RECORD", record.append(info).append("RECORD,,\n").toString());
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(zip)) {
            for (Map.Entry<String, String> f : files.entrySet()) {
                z.putNextEntry(new ZipEntry(f.getKey()));
                z.write(f.getValue().getBytes(StandardCharsets.UTF_8));
            }
        }
        Path file = folder("wheels").resolve("tinypkg-" + version + "-py3-none-any.whl");
        Files.write(file, zip.toByteArray());
        own(file);
    }

    @Test
    void pipInstallsIntoAVenvItMakesOnceAndRemovesAsAnsibles() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/python3")), "no /usr/bin/python3");
        wheel("1.0");
        String venv = at("venv");
        Map<String, Object> install = args("name", "tinypkg==1.0", "virtualenv", venv, "virtualenv_command", "/usr/bin/python3 -m venv",
                "extra_args", "--no-index --find-links " + at("wheels"));
        Result predicted = check(new PipModule(), install);
        assertTrue(predicted.isChanged(), "a venv to make is a change");
        assertFalse(Files.exists(host.resolve("venv")), "check mode makes nothing");
        Result installed = run(new PipModule(), install);
        assertFalse(installed.isFailed(), String.valueOf(installed.toMap()));
        assertTrue(installed.isChanged());
        assertEquals(List.of(venv + "/bin/pip3", "install", "--no-index", "--find-links", at("wheels"), "tinypkg==1.0"), installed.data().get("cmd"));
        assertEquals(List.of("tinypkg==1.0"), installed.data().get("name"));
        assertEquals(venv, installed.data().get("virtualenv"));
        assertTrue(String.valueOf(installed.data().get("stdout")).contains("Successfully installed tinypkg-1.0"), String.valueOf(installed.data()));
        assertFalse(run(new PipModule(), install).isChanged(), "installed already");
        Result present = check(new PipModule(), args("name", "tinypkg>=1.0,<2", "virtualenv", venv));
        assertFalse(present.isChanged(), String.valueOf(present.toMap()));
        assertEquals(venv + "/bin/pip3 list --format=freeze", present.data().get("cmd"));
        assertTrue(check(new PipModule(), args("name", "tinypkg", "version", "2.0", "virtualenv", venv)).isChanged());
        Result removed = run(new PipModule(), args("name", "tinypkg", "state", "absent", "virtualenv", venv));
        assertTrue(removed.isChanged(), String.valueOf(removed.toMap()));
        assertFalse(run(new PipModule(), args("name", "tinypkg", "state", "absent", "virtualenv", venv)).isChanged());
    }

    @Test
    void pipFailsWithPipsWordsAndTheCommand() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/python3")), "no /usr/bin/python3");
        Result r = run(new PipModule(), args("name", "tinypkg", "virtualenv", "/proc/no-venv-here", "virtualenv_command", "/usr/bin/python3 -m venv"));
        assertTrue(r.isFailed());
        assertEquals(List.of("/usr/bin/python3", "-m", "venv", "/proc/no-venv-here"), r.data().get("cmd"));
        assertTrue(r.msg().startsWith("\n:stderr: Error: "), r.msg());
        Result noHelp = run(new PipModule(), args("name", "tinypkg", "virtualenv", at("venv"), "virtualenv_command", "/bin/false"));
        assertTrue(noHelp.msg().startsWith("Could not get output from /bin/false --help: "), "as ansible-core's _get_cmd_options: " + noHelp.msg());
        Result missing = run(new PipModule(), args("name", "tinypkg", "executable", "no-such-pip"));
        assertEquals("Unable to find any of no-such-pip to use.  pip needs to be installed.", missing.msg());
    }

    @Test
    void waitForDrainedWaitsForTheConnectionsTheHostSees() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            int port = server.getLocalPort();
            Socket client = new Socket(InetAddress.getLoopbackAddress(), port);
            Socket accepted = server.accept();
            Map<String, Object> drained = args("port", port, "state", "drained", "timeout", "0.5", "sleep", "0.1",
                    "active_connection_states", List.of("ESTABLISHED"));
            Result busy = run(new WaitForModule(), drained);
            assertEquals("Timeout when waiting for 127.0.0.1:" + port + " to drain", busy.msg());
            assertEquals("1 active connection", busy.data().get("last_error"));
            client.close();
            accepted.close();
            Result idle = run(new WaitForModule(), drained);
            assertFalse(idle.isFailed(), String.valueOf(idle.toMap()));
            assertEquals("drained", idle.data().get("state"));
        }
    }
}
