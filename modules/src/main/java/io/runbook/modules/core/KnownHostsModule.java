package io.runbook.modules.core;

import io.runbook.engine.module.Arg;
import io.runbook.engine.module.ArgSpec;
import io.runbook.engine.module.Args;
import io.runbook.engine.module.Diff;
import io.runbook.engine.module.Module;
import io.runbook.engine.module.ModuleContext;
import io.runbook.engine.module.ModuleException;
import io.runbook.engine.module.Result;
import io.runbook.modules.connection.FileInfo;
import io.runbook.modules.connection.HostConnection;
import io.runbook.modules.connection.HostConnections;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code known_hosts}: a host's key present in (or absent from) a known_hosts file on the host, as ansible-core 2.14's
 * module does it: the host's {@code ssh-keygen} checks that the key line names the host and finds the host's entries
 * (plain, hashed, {@code [host]:port}); a key of the same type is replaced in its line, a new one appended, and
 * {@code state: absent} without a key removes every entry of the host with {@code ssh-keygen -R}.
 */
public final class KnownHostsModule implements Module {
    private static final ArgSpec SPEC = ArgSpec.builder()
            .arg(Arg.str("name").required().aliases("host").description("the host (lower-cased), as the key line names it; "
                    + "with a port other than 22 written [host]:port"))
            .arg(Arg.str("key").description("the known_hosts line: the host's name (or names, comma-separated), the key type "
                    + "and the key, as ssh-keyscan prints it; required for present; for absent only the entry found for it goes (without "
                    + "a key, every entry of the host)"))
            .arg(Arg.str("path").defaultValue("~/.ssh/known_hosts").description("the known_hosts file on the host (created "
                    + "when missing; its folder must exist); ~ is the home of the user the module runs as"))
            .arg(Arg.bool("hash_host").defaultValue(false).description("write the host's name hashed (|1|salt|hash), as ssh-keygen -H does"))
            .arg(Arg.str("state").defaultValue("present").choices("present", "absent").description("present or absent"))
            .build();

    @Override
    public String name() {
        return "known_hosts";
    }

    @Override
    public ArgSpec spec() {
        return SPEC;
    }

    @Override
    public String description() {
        return "Add or remove a host's SSH key in a known_hosts file on the host";
    }

    @Override
    public Result run(ModuleContext ctx) throws ModuleException, InterruptedException {
        Args args = ctx.args();
        HostConnection host = HostConnections.of(ctx);
        String path = host.resolve(args.string("path"), ctx.workDir());
        String name = args.string("name").toLowerCase(Locale.ROOT);
        boolean present = args.string("state").equals("present");
        String key = args.string("key");
        boolean hasKey = key != null && !key.isEmpty();
        if (!hasKey && present) {
            throw new ModuleException("No key specified when adding a host");
        }
        String line = !hasKey ? null : args.bool("hash_host") ? KnownHostsEntry.hashHost(name, key) : key;
        if (line != null && !line.endsWith("\n")) {
            line += "\n";
        }
        if (line != null) {
            KnownHostsSearch.checkNames(host, name, line);
        }
        FileInfo file = host.stat(path, true);
        KnownHostsSearch.Found found = file.exists() ? KnownHostsSearch.find(host, name, line, path) : KnownHostsSearch.Found.NOTHING;
        String before = file.exists() ? new String(host.read(path), StandardCharsets.UTF_8) : "";
        String after = edited(before, found, present, line);
        Map<String, Object> diff = new LinkedHashMap<>();
        diff.put("before_header", file.exists() ? path : "/dev/null");
        diff.put("after_header", path);
        diff.put("before", before);
        diff.put("after", after);
        Diff shown = new Diff(path, before, after).headed(file.exists() ? path : "/dev/null", path);

        if (!present && found.line() == null && hasKey) {
            // a key that is not there (another key of the host may be): nothing to remove
            return PathFacts.add(described(Result.ok(), args, path, diff), host, path);
        }
        boolean changes = found.replace() || present != found.found();
        if (ctx.checkMode()) {
            // as Ansible's module in check mode: only changed and the diff
            Result predicted = Result.changed(changes).with("diff", diff);
            return changes ? predicted.withDiff(shown) : predicted;
        }
        boolean changed = false;
        if (found.found() && !hasKey && !present) {
            KnownHostsSearch.removeAll(host, name, path);
            changed = true;
        } else if (changes) {
            write(host, path, file, after);
            changed = true;
        }
        Result result = described(Result.changed(changed), args, path, diff);
        // as Ansible's module, whose diff does not depend on the task's diff: --diff shows it under diff: false too
        return PathFacts.add(changed ? result.withDiff(shown) : result, host, path);
    }

    /**
     * The file's text once the key is in place: the entry found for it left out when it is replaced or removed, the
     * key line appended when it is new or replaces one (so a replaced key moves to the end, as Ansible's does).
     */
    private static String edited(String before, KnownHostsSearch.Found found, boolean present, String line) {
        List<String> lines = new java.util.ArrayList<>(LineEdit.lines(before));
        Integer at = found.line();
        if ((found.replace() || !present) && at != null && at >= 1 && at <= lines.size()) {
            lines.remove(at - 1);
        }
        if (present && (found.replace() || at == null)) {
            lines.add(line);
        }
        return String.join("", lines);
    }

    /** Ansible's keys (the arguments as given, the path as used, the diff); the file's facts are added by the caller. */
    private static Result described(Result r, Args args, String path, Map<String, Object> diff) {
        return r.with("name", args.string("name")).with("key", args.string("key")).with("path", path)
                .with("hash_host", args.bool("hash_host")).with("state", args.string("state")).with("diff", diff);
    }

    /**
     * Replaces the file as Ansible's atomic_move does: the new text renamed over it, keeping its mode and (where the
     * user may) its owner and group; a new file gets rw-r--r--. Its folder must exist: the module does not create it.
     */
    private static void write(HostConnection host, String path, FileInfo file, String text) throws ModuleException {
        String folder = FilePlacement.parent(path);
        if (!file.exists() && !host.stat(folder, true).isDirectory()) {
            throw new ModuleException("Failed to write to file " + path + ": [Errno 2] No such file or directory: '" + folder
                    + "' (known_hosts does not create folders: create it first, e.g. with file state=directory mode=0700)");
        }
        host.write(path, text.getBytes(StandardCharsets.UTF_8), file.exists() ? file.mode() & 07777 : FileWrite.NEW_FILE);
        if (file.exists()) {
            FileInfo now = host.stat(path, true);
            if (now.uid() != file.uid() || now.gid() != file.gid()) {
                try {
                    host.chown(path, file.uid(), file.gid());
                } catch (ModuleException e) {
                    // as atomic_move: a user who may not give the file back to its owner leaves it its own
                }
            }
        }
    }
}
