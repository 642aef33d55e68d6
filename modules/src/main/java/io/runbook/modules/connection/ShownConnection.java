package io.runbook.modules.connection;

import io.runbook.engine.module.ModuleContext;
import io.runbook.engine.module.ModuleException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A host's connection that says what it does, from {@code -vvv}, as ansible-playbook's connections do
 * ({@code <host> EXEC ...}, {@code <host> PUT ... TO ...}): the program each command runs (as the engine runs it:
 * directly on the controller, or as the line sent on an SSH exec channel, {@code SSH: EXEC}), each file written or
 * read, and (over SSH, through SFTP) each change to a file; from {@code -vvvv} also each look at a file. Environment
 * variables are named, never their values; a {@code no_log} task's commands are not shown.
 */
final class ShownConnection implements HostConnection {
    private final HostConnection inner;
    private final ModuleContext ctx;
    /** {@code EXEC } locally, {@code SSH: EXEC } for the line an SSH exec channel runs. */
    private final String exec;
    private final String files;

    ShownConnection(HostConnection inner, ModuleContext ctx) {
        this.inner = inner;
        this.ctx = ctx;
        this.exec = inner.isLocal() ? "EXEC " : "SSH: EXEC ";
        this.files = inner.isLocal() ? "" : "SFTP: ";
    }

    private void show(int level, String what) {
        ctx.verbose(level, what);
    }

    /**
     * The command as it is run: over SSH the line sent on the exec channel ({@code cd DIR && PROGRAM ARGS}, every word
     * quoted), locally the program and its arguments (quoted where a shell would need it) with the folder it starts
     * in. The environment by name only (its values may be secrets); hidden for a no_log task.
     */
    String shown(CommandLine command) {
        StringBuilder out = new StringBuilder();
        boolean local = inner.isLocal();
        if (command.chdir() != null && !local) {
            out.append("cd ").append(ShellQuote.quote(command.chdir())).append(" && ");
        }
        List<String> argv = command.argv();
        for (int i = 0; i < argv.size(); i++) {
            String word = argv.get(i);
            out.append(i == 0 ? "" : " ").append(!local || !PLAIN.matcher(word).matches() ? ShellQuote.quote(word) : word);
        }
        if (command.chdir() != null && local) {
            out.append(" (in ").append(command.chdir()).append(')');
        }
        if (!command.environment().isEmpty()) {
            out.append(" (environment: ").append(String.join(", ", new java.util.TreeSet<>(command.environment().keySet())))
                    .append(')');
        }
        return out.toString();
    }

    private static final java.util.regex.Pattern PLAIN = java.util.regex.Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

    @Override
    public String describe() {
        return inner.describe();
    }

    @Override
    public boolean isLocal() {
        return inner.isLocal();
    }

    @Override
    public String resolve(String path, Path workDir) throws ModuleException {
        return inner.resolve(path, workDir);
    }

    @Override
    public String resolveForAction(String path, Path workDir) throws ModuleException {
        return inner.resolveForAction(path, workDir);
    }

    @Override
    public Execution run(CommandLine command) throws ModuleException, InterruptedException {
        show(3, exec + (ctx.noLog() ? "(the command of a no_log task is not shown)" : shown(command)));
        return inner.run(command);
    }

    @Override
    public HostAccounts accounts() {
        return inner.accounts();
    }

    @Override
    public FileInfo stat(String path, boolean follow) throws ModuleException {
        show(4, files + "STAT " + path);
        return inner.stat(path, follow);
    }

    @Override
    public FileInfo statInode(String path, boolean follow) throws ModuleException {
        show(4, files + "STAT " + path);
        return inner.statInode(path, follow);
    }

    @Override
    public FileInfo statInode(String path, boolean follow, boolean attributes) throws ModuleException {
        show(4, files + "STAT " + path);
        return inner.statInode(path, follow, attributes);
    }

    @Override
    public void symlink(String target, String link) throws ModuleException {
        show(3, files + "LINK " + link + " TO " + target);
        inner.symlink(target, link);
    }

    @Override
    public void hardlink(String target, String link) throws ModuleException {
        show(3, files + "HARD LINK " + link + " TO " + target);
        inner.hardlink(target, link);
    }

    @Override
    public List<String> list(String folder) throws ModuleException {
        show(4, files + "LIST " + folder);
        return inner.list(folder);
    }

    @Override
    public void read(String path, OutputStream to) throws ModuleException {
        show(3, files + "FETCH " + path);
        inner.read(path, to);
    }

    @Override
    public byte[] read(String path) throws ModuleException {
        show(3, files + "FETCH " + path);
        return inner.read(path);
    }

    @Override
    public void write(String path, InputStream content, int mode) throws ModuleException {
        show(3, files + "PUT " + path + " (mode " + String.format("%04o", mode) + ")");
        inner.write(path, content, mode);
    }

    @Override
    public void writeInPlace(String path, InputStream content, int mode) throws ModuleException {
        show(3, files + "PUT IN PLACE " + path + " (mode " + String.format("%04o", mode) + ")");
        inner.writeInPlace(path, content, mode);
    }

    @Override
    public void write(String path, byte[] content, int mode) throws ModuleException {
        show(3, files + "PUT " + path + " (" + content.length + " bytes, mode " + String.format("%04o", mode) + ")");
        inner.write(path, content, mode);
    }

    @Override
    public void copy(String from, String to) throws ModuleException {
        show(3, files + "COPY " + from + " TO " + to);
        inner.copy(from, to);
    }

    @Override
    public void chmod(String path, int mode) throws ModuleException {
        show(3, files + "CHMOD " + String.format("%04o", mode) + " " + path);
        inner.chmod(path, mode);
    }

    @Override
    public void chown(String path, int uid, int gid) throws ModuleException {
        show(3, files + "CHOWN " + uid + ":" + gid + " " + path);
        inner.chown(path, uid, gid);
    }

    @Override
    public void mkdir(String path, int mode) throws ModuleException {
        show(3, files + "MKDIR " + path + " (mode " + String.format("%04o", mode) + ")");
        inner.mkdir(path, mode);
    }

    @Override
    public void remove(String path) throws ModuleException {
        show(3, files + "REMOVE " + path);
        inner.remove(path);
    }

    @Override
    public void touch(String path, int modeIfNew) throws ModuleException {
        show(3, files + "TOUCH " + path);
        inner.touch(path, modeIfNew);
    }

    @Override
    public java.net.InetSocketAddress forward(String host, int port) throws ModuleException {
        show(3, "FORWARD a local port TO " + host + ":" + port);
        return inner.forward(host, port);
    }

    @Override
    public Tunnel connect(String host, int port, Duration timeout) throws ModuleException, InterruptedException {
        show(3, "CONNECT TO " + host + ":" + port);
        return inner.connect(host, port, timeout);
    }
}
