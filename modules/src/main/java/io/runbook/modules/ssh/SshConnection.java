package io.runbook.modules.ssh;

import com.jcraft.jsch.Channel;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;
import io.runbook.engine.module.ModuleException;
import io.runbook.modules.connection.CommandLine;
import io.runbook.modules.connection.Execution;
import io.runbook.modules.connection.FileInfo;
import io.runbook.modules.connection.HomePath;
import io.runbook.modules.connection.HostAccounts;
import io.runbook.modules.connection.HostConnection;
import io.runbook.modules.connection.Tunnel;
import io.runbook.modules.connection.TunnelFailure;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A host reached over SSH: commands through exec channels (quoted for the login shell), files over SFTP,
 * TCP connections from the host's side through direct-tcpip channels. Shared by every task of the run on
 * that host (see {@link SshSessions}).
 */
final class SshConnection implements HostConnection {
    private final SshTarget target;
    private final SshSessions sessions;
    private final SftpFiles files = new SftpFiles(this);
    private final HostAccounts accounts = new HostAccounts(this);
    private final Map<String, Integer> forwards = new ConcurrentHashMap<>();
    private volatile String home;

    SshConnection(SshTarget target, SshSessions sessions) {
        this.target = target;
        this.sessions = sessions;
    }

    SshTarget target() {
        return target;
    }

    Session session() throws ModuleException {
        return sessions.session(target);
    }

    @Override
    public String describe() {
        return target.endpoint().describe();
    }

    @Override
    public boolean isLocal() {
        return false;
    }

    @Override
    public String resolve(String path, Path baseDir) throws ModuleException {
        if (path == null || path.isBlank()) {
            throw new ModuleException("the path is empty");
        }
        String p = path.startsWith("~") ? HomePath.expand(path, home(), this) : path;
        if (!p.startsWith("/")) {
            p = home() + "/" + p;
        }
        return Path.of(p).normalize().toString();
    }

    private String home() throws ModuleException {
        if (home == null) {
            home = files.home();
        }
        return home;
    }

    @Override
    public Execution run(CommandLine command) throws ModuleException, InterruptedException {
        if (command.chdir() != null && !files.stat(command.chdir(), true, false).isDirectory()) {
            throw new ModuleException("chdir folder does not exist on " + describe() + ": " + command.chdir());
        }
        return RemoteCommand.run(session(), command, describe());
    }

    @Override
    public FileInfo stat(String path, boolean follow) throws ModuleException {
        return files.stat(path, follow, true);
    }

    @Override
    public HostAccounts accounts() {
        return accounts;
    }

    @Override
    public FileInfo statInode(String path, boolean follow) throws ModuleException {
        return statInode(path, follow, false);
    }

    @Override
    public FileInfo statInode(String path, boolean follow, boolean attributes) throws ModuleException {
        FileInfo info = files.stat(path, follow, false);
        return info.exists() ? RemoteInode.read(this, info, follow, attributes) : info;
    }

    @Override
    public void symlink(String target, String link) throws ModuleException {
        link(List.of("ln", "-s", "--", target), link, "cannot link " + link + " to " + target);
    }

    @Override
    public void hardlink(String target, String link) throws ModuleException {
        link(List.of("ln", "--", target), link, "cannot hard link " + link + " to " + target);
    }

    /** {@code ln} makes the link at a temporary name beside {@code link} (SFTP would make a relative target absolute), then SFTP renames it over. */
    private void link(List<String> ln, String link, String what) throws ModuleException {
        int slash = link.lastIndexOf('/');
        String tmp = link.substring(0, slash + 1) + "." + link.substring(slash + 1) + "." + java.util.UUID.randomUUID().toString().substring(0, 8) + ".tmp";
        List<String> argv = new java.util.ArrayList<>(ln);
        argv.add(tmp);
        try {
            Execution done = run(new CommandLine(argv, null, null, Map.of()));
            if (done.rc() != 0) {
                throw new ModuleException(what + " on " + describe() + ": " + done.stderr().strip().replaceFirst("^ln: ", ""));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ModuleException("interrupted: " + what + " on " + describe());
        }
        files.rename(tmp, link);
    }

    @Override
    public List<String> list(String folder) throws ModuleException {
        return files.list(folder);
    }

    @Override
    public void read(String path, OutputStream to) throws ModuleException {
        files.read(path, to);
    }

    @Override
    public void write(String path, InputStream content, int mode) throws ModuleException {
        files.write(path, content, mode);
    }

    @Override
    public void writeInPlace(String path, InputStream content, int mode) throws ModuleException {
        files.writeInPlace(path, content, mode);
    }

    @Override
    public void copy(String from, String to) throws ModuleException {
        try {
            Execution done = run(new CommandLine(List.of("cp", "-p", "--", from, to), null, null, Map.of()));
            if (done.rc() != 0) {
                throw new ModuleException("cannot copy " + from + " to " + to + " on " + describe() + ": " + done.stderr().strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ModuleException("interrupted while copying " + from + " on " + describe());
        }
    }

    @Override
    public void chmod(String path, int mode) throws ModuleException {
        files.chmod(path, mode);
    }

    /** With {@code chown -h} on the host: SFTP's setstat would follow a link, and takes no group alone. */
    @Override
    public void chown(String path, int uid, int gid) throws ModuleException {
        String ids = (uid >= 0 ? String.valueOf(uid) : "") + (gid >= 0 ? ":" + gid : "");
        Execution done;
        try {
            done = run(new CommandLine(List.of("chown", "-h", ids, "--", path), null, null, Map.of()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ModuleException("interrupted while changing the owner of " + path + " on " + describe());
        }
        if (done.rc() != 0) {
            throw new ModuleException((uid >= 0 ? "chown" : "chgrp") + " failed: " + done.stderr().strip());
        }
    }

    @Override
    public void mkdir(String path, int mode) throws ModuleException {
        files.mkdir(path, mode);
    }

    @Override
    public void remove(String path) throws ModuleException {
        files.remove(path);
    }

    @Override
    public void touch(String path, int modeIfNew) throws ModuleException {
        files.touch(path, modeIfNew);
    }

    @Override
    public InetSocketAddress forward(String host, int port) throws ModuleException {
        String key = host + ":" + port;
        Integer local = forwards.get(key);
        if (local == null) {
            synchronized (forwards) {
                local = forwards.get(key);
                if (local == null) {
                    try {
                        local = session().setPortForwardingL("127.0.0.1", 0, host, port);
                    } catch (JSchException e) {
                        throw new ModuleException("cannot forward a local port to " + key + " through " + describe() + ": " + SshFailure.cause(e), e);
                    }
                    forwards.put(key, local);
                }
            }
        }
        return new InetSocketAddress("127.0.0.1", local);
    }

    @Override
    public Tunnel connect(String host, int port, Duration timeout) throws ModuleException {
        Channel channel = null;
        try {
            channel = session().getStreamForwarder(host, port);
            InputStream in = channel.getInputStream();
            OutputStream out = channel.getOutputStream();
            channel.connect((int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis())));
            return new ChannelTunnel(channel, in, out);
        } catch (JSchException | java.io.IOException e) {
            int reason = channel == null ? -1 : channel.getExitStatus();
            if (channel != null) {
                channel.disconnect();
            }
            throw TunnelFailures.of(host, port, reason, timeout, describe(), e);
        }
    }

    void closeChannels() {
        files.close();
    }
}
