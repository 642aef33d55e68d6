package io.runbook.modules.accounts;

import io.runbook.engine.module.Args;
import io.runbook.engine.module.ModuleContext;
import io.runbook.engine.module.ModuleException;
import io.runbook.engine.module.Result;
import io.runbook.modules.connection.CommandLine;
import io.runbook.modules.connection.Execution;
import io.runbook.modules.connection.HostConnection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code user} module's {@code generate_ssh_key}: an SSH key pair made with the host's {@code ssh-keygen} for the
 * account, as Ansible's {@code ssh_key_gen} makes it (the folder made 0700 and the files given to the user; an
 * existing key kept unless {@code force}), and the result's {@code ssh_fingerprint}, {@code ssh_key_file} and
 * {@code ssh_public_key}. A passphrase reaches ssh-keygen through an askpass program reading it from the environment,
 * never on a command line (Ansible types it at ssh-keygen's prompt).
 */
final class SshKeyPair {
    /** Exit code of {@link #MAKE} when the key exists and is kept (Ansible's rc None: not changed). */
    private static final int KEPT = 3;
    private static final String PATHS = "PATH=\"$PATH:/usr/local/sbin:/usr/sbin:/sbin\"; export PATH\n";
    /** $1 file, $2 home, $3 uid, $4 gid, $5 force, $6 check mode, $7 with a passphrase (on stdin), $8 the comment. */
    private static final String MAKE = PATHS
            + "f=$1; home=$2; uid=$3; gid=$4; force=$5; check=$6; pass=$7; shift 7\n"
            + "case $f in /*) ;; *) if [ ! -e \"$home\" ] && [ \"$check\" = 0 ]; then echo \"User $USERNAME home directory does not exist\" >&2; exit 1; fi\n"
            + "  f=\"$home/$f\" ;; esac\n"
            + "d=$(dirname -- \"$f\")\n"
            + "if [ ! -e \"$d\" ]; then [ \"$check\" = 1 ] && exit 0\n"
            + "  e=$(mkdir -m 0700 -- \"$d\" 2>&1 && chown \"$uid:$gid\" -- \"$d\" 2>&1) || { echo \"Failed to create $d: $e\" >&2; exit 1; }; fi\n"
            + "yes=\n"
            + "if [ -e \"$f\" ]; then [ \"$force\" = 1 ] && [ \"$pass\" = 0 ] || exit " + KEPT + "; yes=y; fi\n"
            + "[ \"$check\" = 1 ] && exit 0\n"
            + "command -v ssh-keygen >/dev/null 2>&1 || { printf 'Failed to find required executable \"ssh-keygen\" in paths: %s' \"$PATH\" >&2; exit 1; }\n"
            + "c=$1; [ -n \"$c\" ] || c=\"ansible-generated on $(uname -n)\"\n"
            + "if [ \"$pass\" = 1 ]; then\n"
            + "  IFS= read -r RUNBOOK_SSH_KEY_PASSPHRASE; export RUNBOOK_SSH_KEY_PASSPHRASE\n"
            + "  t=$(mktemp -d) || exit 1\n"
            + "  printf '#!/bin/sh\\nprintf \"%%s\\\\n\" \"$RUNBOOK_SSH_KEY_PASSPHRASE\"\\n' > \"$t/askpass\"; chmod 700 \"$t/askpass\"\n"
            + "  SSH_ASKPASS=\"$t/askpass\" SSH_ASKPASS_REQUIRE=force DISPLAY=${DISPLAY:-none} setsid ssh-keygen -t \"$TYPE\" $BITS -C \"$c\" -f \"$f\" </dev/null\n"
            + "  rc=$?; rm -rf -- \"$t\"\n"
            + "else\n"
            + "  printf '%s\\n' \"$yes\" | ssh-keygen -t \"$TYPE\" $BITS -C \"$c\" -f \"$f\" -N ''; rc=$?\n"
            + "fi\n"
            + "[ $rc = 0 ] && chown \"$uid:$gid\" -- \"$f\" \"$f.pub\"\n"
            + "exit $rc\n";
    /** $1 file, $2 home: the fingerprint (or ssh-keygen's error) and, after a line ---, the public key. */
    private static final String DESCRIBE = PATHS
            + "f=$1; case $f in /*) ;; *) f=\"$2/$f\" ;; esac\n"
            + "printf '%s\\n' \"$f\"\n"
            + "if [ -e \"$f\" ]; then ssh-keygen -l -f \"$f\" 2>&1; fi\n"
            + "echo ---\n"
            + "[ -r \"$f.pub\" ] && cat -- \"$f.pub\"\n";
    private final ModuleContext ctx;
    private final HostConnection host;
    private final PasswdEntry user;
    private final String file;

    SshKeyPair(ModuleContext ctx, HostConnection host, PasswdEntry user) {
        this.ctx = ctx;
        this.host = host;
        this.user = user;
        Args a = ctx.args();
        this.file = a.has("ssh_key_file") ? a.string("ssh_key_file") : ".ssh/id_rsa";
    }

    /** Makes the key pair: null when an existing key is kept (not changed), else how ssh-keygen ended (rc 0: made). */
    Execution make() throws ModuleException, InterruptedException {
        Args a = ctx.args();
        boolean pass = a.has("ssh_key_passphrase");
        List<String> argv = new ArrayList<>(List.of("sh", "-c", MAKE, "sh", file, user.home(), String.valueOf(user.uid()),
                String.valueOf(user.gid()), a.bool("force") ? "1" : "0", ctx.checkMode() ? "1" : "0", pass ? "1" : "0"));
        argv.add(a.has("ssh_key_comment") ? a.string("ssh_key_comment") : "");
        long bits = a.integer("ssh_key_bits");
        Map<String, String> env = Map.of("LC_ALL", "C", "LANG", "C", "TYPE", a.string("ssh_key_type"),
                "BITS", bits > 0 ? "-b " + bits : "", "USERNAME", user.name());
        Execution done = host.run(new CommandLine(argv, null, pass ? a.string("ssh_key_passphrase") + "\n" : null, env));
        return done.rc() == KEPT ? null : done;
    }

    /** The result with the key's file, fingerprint and public key, as Ansible's. */
    Result describe(Result r) throws ModuleException, InterruptedException {
        Execution done = host.run(new CommandLine(List.of("sh", "-c", DESCRIBE, "sh", file, user.home()), null, null,
                Map.of("LC_ALL", "C", "LANG", "C")));
        String[] parts = done.stdout().split("\n---\n?", 2);
        String[] head = parts[0].split("\n", 2);
        String key = parts.length > 1 ? parts[1].strip() : "";
        return r.with("ssh_fingerprint", head.length > 1 ? head[1].strip() : "").with("ssh_key_file", head[0])
                .with("ssh_public_key", key.isEmpty() ? null : key);
    }
}
