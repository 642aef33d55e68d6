package io.runbook.modules.library;

import io.runbook.engine.module.ModuleException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Ansible's {@code ansible.module_utils} as the new-style Python modules of a {@code library/} folder import it: taken
 * from the ansible (or ansible-core) package the controller's {@code python3} has, zipped once per run as Ansible's
 * AnsiballZ zips it, and put on the module's {@code PYTHONPATH} on the host. Without that package, {@link #zip} names
 * what is missing.
 *
 * @param zip     the zip (an empty {@code ansible/__init__.py} and the package's {@code module_utils/}); null when
 *                {@code problem} says why there is none
 * @param version the package's version, given to the module as {@code _ansible_version}
 */
record ModuleUtils(byte[] zip, String version, String problem) {
    private static final String PROBE = "import os, ansible.module_utils, ansible.release as r;"
            + "print(os.path.dirname(ansible.module_utils.__file__)); print(r.__version__)";

    /** The controller's module_utils (the search is made once per run: see the caller's shared key). */
    static ModuleUtils ofController() {
        String python = Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
        List<String> lines;
        try {
            Process p = new ProcessBuilder(python, "-c", PROBE).redirectErrorStream(true).start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                return missing(python + " cannot import ansible.module_utils (" + lastLine(out) + ")");
            }
            lines = out.lines().toList();
        } catch (IOException e) {
            return missing(python + " cannot be run (" + e.getMessage() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return missing("the search for ansible.module_utils was interrupted");
        }
        try {
            return new ModuleUtils(zip(Path.of(lines.get(0))), lines.get(1), null);
        } catch (IOException | IndexOutOfBoundsException e) {
            return missing("ansible.module_utils of " + python + " cannot be read (" + e.getMessage() + ")");
        }
    }

    /** The zip, or the task's failure naming what the controller lacks. */
    byte[] zipOrFail(String module) throws ModuleException {
        if (zip == null) {
            throw new ModuleException("the module '" + module + "' is a Python module of Ansible's (it imports "
                    + "ansible.module_utils), which it runs with on the host: the controller has no ansible package to "
                    + "take ansible.module_utils from: " + problem + "; install ansible-core on the controller "
                    + "(apt install ansible-core, or pip install ansible-core)");
        }
        return zip;
    }

    private static ModuleUtils missing(String problem) {
        return new ModuleUtils(null, null, problem);
    }

    private static String lastLine(String out) {
        List<String> lines = out.strip().lines().toList();
        return lines.isEmpty() ? "no output" : lines.get(lines.size() - 1);
    }

    private static byte[] zip(Path moduleUtils) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes); Stream<Path> files = Files.walk(moduleUtils)) {
            zip.putNextEntry(new ZipEntry("ansible/__init__.py"));
            zip.closeEntry();
            for (Path f : files.filter(Files::isRegularFile).filter(f -> f.toString().endsWith(".py")).sorted().toList()) {
                zip.putNextEntry(new ZipEntry("ansible/module_utils/" + moduleUtils.relativize(f).toString().replace('\\', '/')));
                zip.write(Files.readAllBytes(f));
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }
}
