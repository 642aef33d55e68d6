package io.runbook.modules.accounts;

import io.runbook.engine.module.ModuleException;
import io.runbook.modules.connection.CommandLine;
import io.runbook.modules.connection.Execution;
import io.runbook.modules.connection.HostConnection;
import java.util.List;
import java.util.Map;

/**
 * A user's home folder that the {@code user} module makes itself, as Ansible's {@code create_homedir} and
 * {@code chown_homedir}: when it is missing on an existing account, or its parents are (useradd makes only the
 * last folder). A copy of the skeleton folder (else an empty folder, with its parents), given the mode
 * /etc/login.defs' {@code UMASK} leaves, then owned with everything in it by the user.
 */
final class HomeFolder {
    private static final String MAKE = "h=$1; s=${2:-/etc/skel}\n"
            + "if [ ! -e \"$h\" ]; then\n"
            + "  if [ -e \"$s\" ]; then mkdir -p -- \"$(dirname -- \"$h\")\" && cp -a -- \"$s\" \"$h\" || exit 3\n"
            + "  else mkdir -p -- \"$h\" || exit 3; fi\n"
            + "  m=$(sed -n 's/^UMASK[[:space:]]\\{1,\\}\\([0-7]\\{1,\\}\\)$/\\1/p' /etc/login.defs 2>/dev/null | tail -n 1)\n"
            + "  if [ -n \"$m\" ]; then chmod \"$(printf '%o' $((0777 & ~0$m)))\" \"$h\" || exit 3; fi\n"
            + "fi\n"
            + "if [ -n \"$3\" ]; then chown -R -- \"$3:$4\" \"$h\" || exit 3; fi\n";

    private HomeFolder() {
    }

    /** Makes {@code home} from {@code skeleton} (null: /etc/skel) when it is missing, without changing its owner. */
    static void make(HostConnection host, String home, String skeleton) throws ModuleException, InterruptedException {
        run(host, home, skeleton, "", "");
    }

    /** Makes {@code home} when it is missing and gives it, with everything in it, to {@code uid:gid}. */
    static void makeOwned(HostConnection host, String home, String skeleton, int uid, int gid) throws ModuleException, InterruptedException {
        run(host, home, skeleton, String.valueOf(uid), String.valueOf(gid));
    }

    private static void run(HostConnection host, String home, String skeleton, String uid, String gid)
            throws ModuleException, InterruptedException {
        Execution done = host.run(new CommandLine(List.of("sh", "-c", MAKE, "sh", home, skeleton == null ? "" : skeleton, uid, gid),
                null, null, Map.of("LC_ALL", "C")));
        if (done.rc() != 0) {
            throw new ModuleException(done.stderr().strip().isEmpty() ? "cannot make the home folder " + home : done.stderr().strip());
        }
    }
}
