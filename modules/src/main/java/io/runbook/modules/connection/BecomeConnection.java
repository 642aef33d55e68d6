package io.runbook.modules.connection;

import io.runbook.engine.module.ModuleException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * A host's connection for a task with {@code become}: every command, and every file operation, runs on the host
 * as the become user through sudo ({@link Become}), as commands of the host's POSIX shell and tools (stat, base64,
 * mktemp, mv), so that files are read, written and owned as that user would. Contents travel base64-encoded on the
 * command's standard input and output. Paths given with {@code ~} are the become user's home, as in Ansible.
 * Network access ({@link #forward}, {@link #connect}) is the login user's, as it is in Ansible.
 */
final class BecomeConnection implements HostConnection {
    private static final String STAT = "p=$1; f=$2\n"
            + "if [ -n \"$f\" ]; then [ -e \"$p\" ] || { echo MISSING; exit 0; }; else [ -e \"$p\" ] || [ -L \"$p\" ] || { echo MISSING; exit 0; }; fi\n"
            + "s=$(stat $f -c '%f %s %u %g %.9Y %.9X %d %i %h %.9Z %r %b %o' -- \"$p\" 2>/dev/null"
            + " || stat $f -c '%f %s %u %g %Y %X %d %i %h %Z 0 %b %o' -- \"$p\") || exit 3\n"
            + "a=-; [ -r \"$p\" ] && a=${a}r; [ -w \"$p\" ] && a=${a}w; [ -x \"$p\" ] && a=${a}x\n"
            + "echo \"$s $a\"; stat $f -c '%U:%G' -- \"$p\" 2>/dev/null || echo :\n"
            + "if [ -n \"$3\" ]; then t=$p; [ -z \"$f\" ] || t=$(readlink -f -- \"$p\"); echo \"@$(lsattr -vd -- \"$t\" 2>/dev/null)\"; else echo @; fi\n"
            + "[ -z \"$f\" ] && [ -L \"$p\" ] && readlink -- \"$p\"; exit 0\n";
    // exit 4: the temporary file beside the file could not be made or written (AtomicWriteFailure); 3: mv failed
    private static final String WRITE = "p=$1; t=$(mktemp \"$(dirname -- \"$p\")/.runbook.XXXXXX\") || exit 4\n"
            + "if base64 -d > \"$t\" && chmod \"$2\" \"$t\"; then\n"
            + "  [ -e \"$p\" ] && chown \"$(stat -c %u:%g -- \"$p\")\" \"$t\" 2>/dev/null\n"
            + "  mv -f -- \"$t\" \"$p\" && exit 0\n  rm -f -- \"$t\"; exit 3\n"
            + "fi\nrm -f -- \"$t\"; exit 4\n";
    private static final String WRITE_IN_PLACE = "base64 -d > \"$1\" && chmod \"$2\" \"$1\"\n";
    private static final String LIST = "for f in \"$1\"/* \"$1\"/.[!.]* \"$1\"/..?*; do"
            + " if [ -e \"$f\" ] || [ -L \"$f\" ]; then printf '%s\\0' \"$f\"; fi; done\n";
    private static final String REPLACE = "l=$2; if [ -d \"$l\" ] && [ ! -L \"$l\" ]; then echo \"$l is a folder\" >&2; exit 3; fi\n"
            + "t=$(dirname -- \"$l\")/.runbook.link.$$; rm -f -- \"$t\"; ln $3 -- \"$1\" \"$t\" && mv -fT -- \"$t\" \"$l\" || { rm -f -- \"$t\"; exit 3; }\n";
    private static final String TOUCH = "if [ ! -e \"$1\" ] && [ ! -L \"$1\" ]; then : > \"$1\" && chmod \"$2\" \"$1\" || exit 3; fi; touch -- \"$1\"\n";

    private final HostConnection login;
    private final Become become;
    private final BecomeProbes probes;
    private String home;

    BecomeConnection(HostConnection login, Become become, BecomeProbes probes) {
        this.login = login;
        this.become = become;
        this.probes = probes;
    }

    @Override
    public String describe() {
        return login.describe() + " (as " + become.describe() + ")";
    }

    @Override
    public boolean isLocal() {
        return login.isLocal();
    }

    @Override
    public String resolve(String path, Path workDir) throws ModuleException {
        if (path.equals("~") || path.startsWith("~/")) {
            return login.resolve(home() + path.substring(1), workDir);
        }
        return login.resolve(path, workDir);
    }

    /** The become user's home folder, as the host's shell expands {@code ~user}. */
    private synchronized String home() throws ModuleException {
        if (home == null) {
            Execution done = runLogin(List.of("/bin/sh", "-c", "eval \"printf '%s' ~$1\"", "sh", become.user()));
            if (done.rc() != 0 || !done.stdout().startsWith("/")) {
                throw new ModuleException("cannot find the home folder of " + become.user() + " on " + login.describe());
            }
            home = done.stdout();
        }
        return home;
    }

    @Override
    public Execution run(CommandLine command) throws ModuleException, InterruptedException {
        boolean password = become.password() != null && become.method().equals("sudo") && probes.needsPassword(login, become);
        String marker = Become.marker();
        return become.unwrap(login.run(become.wrap(command, password, marker)), marker, login.describe());
    }

    @Override
    public HostAccounts accounts() {
        return login.accounts();
    }

    @Override
    public FileInfo stat(String path, boolean follow) throws ModuleException {
        return statInode(path, follow, false);
    }

    @Override
    public FileInfo statInode(String path, boolean follow) throws ModuleException {
        return statInode(path, follow, false);
    }

    @Override
    public FileInfo statInode(String path, boolean follow, boolean attributes) throws ModuleException {
        Execution done = script("read the attributes of " + path, STAT, path, follow ? "-L" : "", attributes ? "a" : "");
        String[] lines = done.stdout().split("\n", 4);
        if (lines[0].equals("MISSING")) {
            return FileInfo.missing(path);
        }
        try {
            String[] f = lines[0].trim().split(" ");
            int raw = Integer.parseInt(f[0], 16);
            int type = raw & 0170000;
            FileInfo.Type kind = type == 0120000 ? FileInfo.Type.LINK : type == 0040000 ? FileInfo.Type.DIRECTORY
                    : type == 0100000 ? FileInfo.Type.FILE : FileInfo.Type.OTHER;
            String[] names = lines[1].split(":", -1);
            String owner = names[0].isEmpty() || names[0].equals("UNKNOWN") ? null : names[0];
            String group = names.length < 2 || names[1].isEmpty() || names[1].equals("UNKNOWN") ? null : names[1];
            String access = f[13];
            String lsattr = lines.length > 2 && lines[2].length() > 1 ? lines[2].substring(1).strip() : attributes ? "" : null;
            String target = kind == FileInfo.Type.LINK && lines.length > 3 ? lines[3].stripTrailing() : null;
            FileInfo.Inode inode = new FileInfo.Inode(Long.parseLong(f[6]), Long.parseLong(f[7]), Integer.parseInt(f[8]),
                    Double.parseDouble(f[9]), type, Long.parseLong(f[10]), access.contains("r"), access.contains("w"),
                    access.contains("x"), Long.parseLong(f[11]), Long.parseLong(f[12]), lsattr);
            return new FileInfo(path, kind, raw & 07777, Long.parseLong(f[1]), Integer.parseInt(f[2]), Integer.parseInt(f[3]),
                    owner, group, Double.parseDouble(f[4]), Double.parseDouble(f[5]), target, inode);
        } catch (RuntimeException e) {
            throw new ModuleException("cannot read the attributes of " + path + " on " + describe() + ": unexpected stat output '" + lines[0] + "'");
        }
    }

    @Override
    public void symlink(String target, String link) throws ModuleException {
        script("link " + link + " to " + target, REPLACE, target, link, "-s");
    }

    @Override
    public void hardlink(String target, String link) throws ModuleException {
        script("hard link " + link + " to " + target, REPLACE, target, link, "");
    }

    @Override
    public List<String> list(String folder) throws ModuleException {
        String dir = folder.length() > 1 && folder.endsWith("/") ? folder.substring(0, folder.length() - 1) : folder;
        Execution done = script("list", "[ -d \"$1\" ] || { echo \"not a folder\" >&2; exit 3; }\n" + LIST, dir);
        List<String> out = new ArrayList<>();
        for (String entry : done.stdout().split("\0")) {
            if (!entry.isEmpty()) {
                out.add(entry);
            }
        }
        out.sort(null);
        return out;
    }

    @Override
    public void read(String path, OutputStream to) throws ModuleException {
        Execution done = script("read", "base64 -- \"$1\"", path);
        try {
            to.write(Base64.getMimeDecoder().decode(done.stdout()));
        } catch (IOException e) {
            throw new ModuleException("cannot read " + path + " on " + describe() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void write(String path, InputStream content, int mode) throws ModuleException {
        Execution done = runQuietly(new CommandLine(List.of("/bin/sh", "-c", WRITE, "sh", path, octal(mode)), null,
                encoded(path, content), Map.of()));
        if (done.rc() == 4) {
            throw AtomicWriteFailure.beside(path, lastLine(done));
        }
        if (done.rc() != 0 && AtomicWriteFailure.isBusy(done.stderr())) {
            throw AtomicWriteFailure.busy(path, "a temporary file beside it", lastLine(done));
        }
        if (done.rc() != 0) {
            throw new ModuleException("cannot write " + path + " on " + describe() + ": " + lastLine(done));
        }
    }

    @Override
    public void writeInPlace(String path, InputStream content, int mode) throws ModuleException {
        run("write " + path, new CommandLine(List.of("/bin/sh", "-c", WRITE_IN_PLACE, "sh", path, octal(mode)), null,
                encoded(path, content), Map.of()));
    }

    /** The content base64-encoded for the host's {@code base64 -d}. */
    private static String encoded(String path, InputStream content) throws ModuleException {
        try {
            // lines ended by \n alone: base64 -d refuses the \r of the MIME encoder's default line ends
            return Base64.getMimeEncoder(76, new byte[] {'\n'}).encodeToString(content.readAllBytes()) + "\n";
        } catch (IOException e) {
            throw new ModuleException("cannot write " + path + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void copy(String from, String to) throws ModuleException {
        script("copy " + from + " to", "cp -p -- \"$1\" \"$2\"", from, to);
    }

    @Override
    public void chmod(String path, int mode) throws ModuleException {
        script("change the mode of", "chmod \"$2\" \"$1\"", path, octal(mode));
    }

    @Override
    public void chown(String path, int uid, int gid) throws ModuleException {
        String owner = (uid >= 0 ? String.valueOf(uid) : "") + (gid >= 0 ? ":" + gid : "");
        Execution done = runQuietly(new CommandLine(List.of("/bin/sh", "-c", "chown -h \"$2\" \"$1\"", "sh", path, owner), null, null, Map.of()));
        if (done.rc() != 0) {
            throw new ModuleException((uid >= 0 ? "chown" : "chgrp") + " failed: " + lastLine(done) + " (" + path + ")");
        }
    }

    @Override
    public void mkdir(String path, int mode) throws ModuleException {
        script("create folder", "mkdir -m \"$2\" \"$1\"", path, octal(mode));
    }

    @Override
    public void remove(String path) throws ModuleException {
        script("remove", "rm -rf -- \"$1\"", path);
    }

    @Override
    public void touch(String path, int modeIfNew) throws ModuleException {
        script("touch", TOUCH, path, octal(modeIfNew));
    }

    @Override
    public InetSocketAddress forward(String host, int port) throws ModuleException {
        return login.forward(host, port);
    }

    @Override
    public Tunnel connect(String host, int port, Duration timeout) throws ModuleException, InterruptedException {
        return login.connect(host, port, timeout);
    }

    /** Runs a shell script as the become user with these arguments ($1, $2, ...); fails as "cannot WHAT $1 on HOST: why". */
    private Execution script(String what, String script, String... args) throws ModuleException {
        List<String> argv = new ArrayList<>(List.of("/bin/sh", "-c", script, "sh"));
        argv.addAll(List.of(args));
        return run(what.contains(args[0]) ? what : what + " " + args[0], new CommandLine(argv, null, null, Map.of()));
    }

    private Execution run(String what, CommandLine command) throws ModuleException {
        Execution done = runQuietly(command);
        if (done.rc() != 0) {
            throw new ModuleException("cannot " + what + " on " + describe() + ": " + lastLine(done));
        }
        return done;
    }

    private Execution runQuietly(CommandLine command) throws ModuleException {
        try {
            return run(command);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ModuleException("interrupted while working on " + describe());
        }
    }

    private Execution runLogin(List<String> argv) throws ModuleException {
        try {
            return login.run(new CommandLine(argv, null, null, Map.of()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ModuleException("interrupted while working on " + login.describe());
        }
    }

    private static String lastLine(Execution done) {
        String err = done.stderr().strip();
        return err.isEmpty() ? "exit code " + done.rc() : err.lines().reduce((a, b) -> b).orElse(err);
    }

    private static String octal(int mode) {
        return String.format("%04o", mode & 07777);
    }
}
