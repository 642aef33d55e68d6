package io.runbook.modules.connection;

import io.runbook.engine.module.SpawnLock;
import io.runbook.engine.module.ModuleException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributes;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The controller itself ({@code ansible_connection: local}): java.nio for files, processes without a shell. */
public final class LocalConnection implements HostConnection {
    private static final Pattern ERRNO = Pattern.compile("error=(\\d+),");
    private final String home;
    /** What a process it starts inherits: the run's environment, which a command's own {@code environment} is put over. */
    private final io.runbook.engine.env.RunEnvironment environment;

    /**
     * The controller in a run with this environment: {@code ~} as the modules Ansible runs on the controller expand it
     * (its {@code HOME}), unless {@code home} is given (a task's {@code environment} sets {@code HOME}).
     */
    public LocalConnection(io.runbook.engine.env.RunEnvironment environment, String home) {
        this.environment = environment;
        this.home = home != null ? home : io.runbook.engine.vars.HomeDir.of(environment);
    }

    @Override
    public String describe() {
        return "the controller";
    }

    @Override
    public boolean isLocal() {
        return true;
    }

    @Override
    public String resolve(String path, Path baseDir) throws ModuleException {
        return baseDir.resolve(HomePath.expand(path, home, this)).normalize().toString();
    }

    /** As Ansible's action plugins on the local connection: {@code ~} is the account's home ({@code echo ~USER}). */
    @Override
    public String resolveForAction(String path, Path baseDir) throws ModuleException {
        return baseDir.resolve(HomePath.expand(path, System.getProperty("user.home"), this)).normalize().toString();
    }

    @Override
    public Execution run(CommandLine command) throws ModuleException, InterruptedException {
        Path chdir = command.chdir() == null ? null : Path.of(command.chdir());
        if (chdir != null && !Files.isDirectory(chdir)) {
            throw new ModuleException("chdir folder does not exist: " + chdir);
        }
        try {
            ProcessRun.Output out = ProcessRun.run(command.argv(), chdir, command.stdin(), environment.with(command.environment()));
            return new Execution(out.rc(), out.stdout(), out.stderr(), null);
        } catch (IOException e) {
            throw new CommandFailure(startFailure(command.argv().get(0), environment.get("PATH"), e), errno(e), false);
        } catch (ProcessRun.Killed e) {
            throw new CommandFailure(e.getMessage(), -1, true);
        }
    }

    @Override
    public FileInfo stat(String path, boolean follow) throws ModuleException {
        Path p = Path.of(path);
        LinkOption[] options = follow ? new LinkOption[0] : new LinkOption[] {LinkOption.NOFOLLOW_LINKS};
        try {
            PosixFileAttributes a = Files.readAttributes(p, PosixFileAttributes.class, options);
            Map<String, Object> unix = Files.readAttributes(p, "unix:mode,uid,gid", options);
            FileInfo.Type type = a.isSymbolicLink() ? FileInfo.Type.LINK : a.isDirectory() ? FileInfo.Type.DIRECTORY
                    : a.isRegularFile() ? FileInfo.Type.FILE : FileInfo.Type.OTHER;
            return new FileInfo(path, type, (Integer) unix.get("mode") & 07777, a.size(), (Integer) unix.get("uid"),
                    (Integer) unix.get("gid"), a.owner().getName(), a.group().getName(), seconds(a.lastModifiedTime()),
                    seconds(a.lastAccessTime()), a.isSymbolicLink() ? Files.readSymbolicLink(p).toString() : null, inode(p, options));
        } catch (NoSuchFileException e) {
            return FileInfo.missing(path);
        } catch (IOException e) {
            throw failure("cannot read the attributes of", path, e);
        }
    }

    private static FileInfo.Inode inode(Path p, LinkOption[] options) throws IOException {
        Map<String, Object> u = Files.readAttributes(p, "unix:dev,ino,nlink,ctime,mode,rdev", options);
        // access(2) follows links, as Python's os.access does for stat's readable/writeable/executable
        return new FileInfo.Inode((Long) u.get("dev"), (Long) u.get("ino"), (Integer) u.get("nlink"),
                seconds((FileTime) u.get("ctime")), (Integer) u.get("mode") & 0170000, (Long) u.get("rdev"),
                Files.isReadable(p), Files.isWritable(p), Files.isExecutable(p), -1, -1, null);
    }

    @Override
    public void symlink(String target, String link) throws ModuleException {
        replace(link, tmp -> Files.createSymbolicLink(tmp, Path.of(target)), "cannot link " + link + " to " + target);
    }

    @Override
    public void hardlink(String target, String link) throws ModuleException {
        replace(link, tmp -> Files.createLink(tmp, Path.of(target)), "cannot hard link " + link + " to " + target);
    }

    private interface Maker {
        void make(Path tmp) throws IOException;
    }

    /** Makes the new entry at a temporary name beside {@code path}, then renames it over what is there. */
    private static void replace(String path, Maker maker, String what) throws ModuleException {
        Path dest = Path.of(path);
        Path tmp = dest.resolveSibling("." + dest.getFileName() + "." + ProcessHandle.current().pid() + "." + System.nanoTime() + ".tmp");
        try {
            maker.make(tmp);
            Files.move(tmp, dest, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            deleteQuietly(tmp);
            throw new ModuleException(what + ": " + reason(e), e);
        }
    }

    @Override
    public java.util.List<String> list(String folder) throws ModuleException {
        try (Stream<Path> entries = Files.list(Path.of(folder))) {
            return entries.map(Path::toString).sorted().toList();
        } catch (IOException e) {
            throw failure("cannot list", folder, e);
        }
    }

    @Override
    public void read(String path, OutputStream to) throws ModuleException {
        try {
            Files.copy(Path.of(path), to);
        } catch (IOException e) {
            throw failure("cannot read", path, e);
        }
    }

    @Override
    public void write(String path, InputStream content, int mode) throws ModuleException {
        Path dest = Path.of(path);
        Path tmp = null;
        try {
            try {
                tmp = SpawnLock.writing(() -> {
                    Path written = Files.createTempFile(dest.getParent(), "." + dest.getFileName() + ".", ".tmp");
                    try {
                        Files.copy(content, written, StandardCopyOption.REPLACE_EXISTING);
                    } catch (IOException e) {
                        deleteQuietly(written);
                        throw e;
                    }
                    return written;
                });
                Files.setAttribute(tmp, "unix:mode", mode);
            } catch (IOException e) {
                throw AtomicWriteFailure.beside(path, reason(e));
            }
            try {
                Files.move(tmp, dest, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, dest, StandardCopyOption.REPLACE_EXISTING);
            } catch (java.nio.file.FileSystemException e) {
                if (AtomicWriteFailure.isBusy(e.getReason())) {
                    throw AtomicWriteFailure.busy(path, tmp.toString(), e.getReason());
                }
                throw e;
            }
        } catch (IOException e) {
            throw failure("cannot write", path, e);
        } finally {
            deleteQuietly(tmp);
        }
    }

    @Override
    public void writeInPlace(String path, InputStream content, int mode) throws ModuleException {
        Path dest = Path.of(path);
        try {
            SpawnLock.writing(() -> {
                try (OutputStream out = Files.newOutputStream(dest)) {
                    content.transferTo(out);
                }
                return dest;
            });
            if (((Integer) Files.getAttribute(dest, "unix:mode") & 07777) != mode) {
                Files.setAttribute(dest, "unix:mode", mode);
            }
        } catch (IOException e) {
            throw failure("cannot write", path, e);
        }
    }

    @Override
    public void copy(String from, String to) throws ModuleException {
        try {
            Files.copy(Path.of(from), Path.of(to), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
        } catch (IOException e) {
            throw failure("cannot copy " + from + " to", to, e);
        }
    }

    @Override
    public void chmod(String path, int mode) throws ModuleException {
        try {
            Files.setAttribute(Path.of(path), "unix:mode", mode);
        } catch (IOException e) {
            throw failure("cannot change the mode of", path, e);
        }
    }

    @Override
    public void chown(String path, int uid, int gid) throws ModuleException {
        try {
            if (uid >= 0) {
                Files.setAttribute(Path.of(path), "unix:uid", uid, LinkOption.NOFOLLOW_LINKS);
            }
            if (gid >= 0) {
                Files.setAttribute(Path.of(path), "unix:gid", gid, LinkOption.NOFOLLOW_LINKS);
            }
        } catch (IOException e) {
            throw new ModuleException((uid >= 0 ? "chown" : "chgrp") + " failed: " + reason(e) + " (" + path + ")", e);
        }
    }

    @Override
    public void mkdir(String path, int mode) throws ModuleException {
        try {
            Files.createDirectory(Path.of(path));
            Files.setAttribute(Path.of(path), "unix:mode", mode);
        } catch (FileAlreadyExistsException e) {
            throw new ModuleException("cannot create folder " + path + ": something that is not a folder is in the way");
        } catch (IOException e) {
            throw failure("cannot create folder", path, e);
        }
    }

    @Override
    public void remove(String path) throws ModuleException {
        Path root = Path.of(path);
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> all = Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS) ? Files.walk(root) : Stream.of(root)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new ModuleException("cannot remove " + path + ": " + reason(e instanceof java.io.UncheckedIOException u ? u.getCause() : e));
        }
    }

    @Override
    public void touch(String path, int modeIfNew) throws ModuleException {
        Path p = Path.of(path);
        try {
            if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                Files.createFile(p);
                Files.setAttribute(p, "unix:mode", modeIfNew);
            }
            FileTime now = FileTime.fromMillis(System.currentTimeMillis());
            Files.getFileAttributeView(p, java.nio.file.attribute.BasicFileAttributeView.class).setTimes(now, now, null);
        } catch (IOException e) {
            throw failure("cannot touch", path, e);
        }
    }

    @Override
    public InetSocketAddress forward(String host, int port) {
        return null;
    }

    @Override
    public Tunnel connect(String host, int port, Duration timeout) throws ModuleException {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(host, port), (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis())));
            return new SocketTunnel(socket);
        } catch (IOException | IllegalArgumentException e) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // never connected
            }
            throw TunnelFailure.of(host, port, e, timeout);
        }
    }

    private static double seconds(FileTime time) {
        return time.to(java.util.concurrent.TimeUnit.MICROSECONDS) / 1_000_000.0;
    }

    private static ModuleException failure(String what, String path, Exception e) {
        return new ModuleException(what + " " + path + ": " + reason(e), e);
    }

    static String reason(Throwable e) {
        if (e instanceof NoSuchFileException) {
            return "no such file or folder";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.file.DirectoryNotEmptyException) {
            return "the folder is not empty";
        }
        if (e instanceof java.nio.file.NotDirectoryException) {
            return "a part of the path is not a folder";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static void deleteQuietly(Path tmp) {
        if (tmp != null) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // a leftover temporary file is better than hiding the real error
            }
        }
    }

    private static String startFailure(String program, String path, IOException e) {
        String reason = e.getMessage() == null ? "" : e.getMessage();
        if (reason.contains("error=2,")) {
            return program.contains("/")
                    ? "cannot run '" + program + "': no such file"
                    : "cannot run '" + program + "': no such program on the PATH (" + path + ")";
        }
        if (reason.contains("error=13,")) {
            return "cannot run '" + program + "': permission denied (is it executable?)";
        }
        return "cannot run '" + program + "': " + reason;
    }

    /** The errno the JDK reports in "error=2, ..." (2 when it does not say). */
    private static int errno(IOException e) {
        Matcher m = ERRNO.matcher(String.valueOf(e.getMessage()));
        return m.find() ? Integer.parseInt(m.group(1)) : 2;
    }
}
