package io.runbook.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Config files nobody should trust: Ansible ignores an {@code ansible.cfg} in a world-writable working directory
 * (anyone on the machine could have put it there, and it can name vault password scripts, inventory scripts and
 * connection settings), and says so. The engine does the same for that file and for a {@code runbook.yml} in a
 * world-writable directory at or above the working directory ({@code /tmp} is the usual one), which it otherwise
 * takes as the project's defaults.
 */
final class WorldWritable {
    private WorldWritable() {
    }

    /** Whether others may write in {@code dir} (false when its permissions cannot be read: not a POSIX file system). */
    static boolean is(Path dir) {
        try {
            return Files.getPosixFilePermissions(dir).contains(PosixFilePermission.OTHERS_WRITE);
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    /** The warnings for the config files {@link AnsibleConfig#find} and {@link ProjectConfig#find} skipped. */
    static List<String> warnings(Map<String, String> env, Path cwd) {
        List<String> out = new ArrayList<>();
        Path dir = cwd.toAbsolutePath();
        Path cfg = dir.resolve("ansible.cfg");
        if (is(dir) && Files.isRegularFile(cfg) && !AnsibleConfig.namedFile(env).isPresent()) {
            // Ansible's words, so that its documentation of the case applies
            out.add("Ansible is being run in a world writable directory (" + dir + "), ignoring it as an ansible.cfg source."
                    + " For more information see https://docs.ansible.com/ansible/devel/reference_appendices/config.html"
                    + "#cfg-in-world-writable-dir");
        }
        for (Path d = dir; d != null; d = d.getParent()) {
            Path project = d.resolve(ProjectConfig.FILE_NAME);
            if (Files.isRegularFile(project)) {
                if (!is(d)) {
                    break;
                }
                out.add("ignoring " + project + " as the project's defaults: its directory is world writable (anyone on "
                        + "the machine could have written it); move it to a directory only you can write to");
            }
        }
        return out;
    }
}
