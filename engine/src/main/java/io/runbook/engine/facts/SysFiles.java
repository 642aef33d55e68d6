package io.runbook.engine.facts;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The files {@link BlockDevices} reads (/sys/block, /dev/disk): the controller's ({@link #LOCAL}), or a remote
 * host's as one script printed them ({@link DumpedSysFiles}).
 */
interface SysFiles {
    /** Whether the folder exists. */
    boolean isDirectory(String dir);

    /** A folder's entries, sorted; empty when it cannot be read. */
    List<String> list(String dir);

    /** A link's target as it is written; null when the path is not a link or cannot be read. */
    String link(String path);

    /** Whether the path exists and is not a link (Python's os.readlink failing with EINVAL). */
    boolean isPlain(String path);

    /** A file's text, stripped; null when it is missing, unreadable or empty (Ansible's get_file_content). */
    String content(String path);

    /** The path with every link resolved; null when it cannot be. */
    String realPath(String path);

    /** {@code lspci -D}'s output; null without lspci. */
    String lspci();

    /** The controller's files. */
    SysFiles LOCAL = new SysFiles() {
        private volatile String lspci;

        @Override
        public boolean isDirectory(String dir) {
            return Files.isDirectory(Path.of(dir));
        }

        @Override
        public List<String> list(String dir) {
            try (Stream<Path> entries = Files.list(Path.of(dir))) {
                return entries.map(p -> p.getFileName().toString()).sorted().toList();
            } catch (IOException | RuntimeException e) {
                return List.of();
            }
        }

        @Override
        public String link(String path) {
            try {
                return Files.readSymbolicLink(Path.of(path)).toString();
            } catch (IOException | UnsupportedOperationException e) {
                return null;
            }
        }

        @Override
        public boolean isPlain(String path) {
            return Files.exists(Path.of(path), java.nio.file.LinkOption.NOFOLLOW_LINKS) && !Files.isSymbolicLink(Path.of(path));
        }

        @Override
        public String content(String path) {
            return VirtualFacts.content(path);
        }

        @Override
        public String realPath(String path) {
            try {
                return Path.of(path).toRealPath().toString();
            } catch (IOException e) {
                return null;
            }
        }

        @Override
        public String lspci() {
            String bin = Files.isExecutable(Path.of("/usr/bin/lspci")) ? "/usr/bin/lspci"
                    : Files.isExecutable(Path.of("/sbin/lspci")) ? "/sbin/lspci" : null;
            if (bin != null && lspci == null) {
                lspci = LinuxHardware.output(bin, "-D");
            }
            return bin == null ? null : lspci;
        }
    };
}
