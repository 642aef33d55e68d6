package io.runbook.modules.core;

import io.runbook.engine.module.ModuleContext;
import io.runbook.engine.module.ModuleException;
import io.runbook.modules.connection.CommandLine;
import io.runbook.modules.connection.Execution;
import io.runbook.modules.connection.HostConnection;
import java.util.List;
import java.util.Map;

/**
 * The {@code attributes} of a path (lsattr's letters), set as Ansible's set_attributes_if_different sets them: with
 * {@code chattr} ({@code =}, or {@code +}/{@code -} when the value starts with one) whenever the flags lsattr shows
 * are not the letters given, or always for {@code -}. As Ansible, the comparison is of the text: a file that has
 * {@code e} (extents) as well is changed by {@code +A} each time.
 */
final class FileAttributes {
    private FileAttributes() {
    }

    static boolean apply(ModuleContext ctx, HostConnection host, String path, String attributes, FileDiff diff)
            throws ModuleException, InterruptedException {
        if (attributes == null) {
            return false;
        }
        Execution read = host.run(new CommandLine(List.of("lsattr", "-vd", path), null, null, Map.of()));
        String existing = read.rc() == 0 ? flags(read.stdout()) : "";
        String mod = "=";
        String letters = attributes;
        if (letters.startsWith("-") || letters.startsWith("+")) {
            mod = letters.substring(0, 1);
            letters = letters.substring(1);
        }
        if (existing.equals(letters) && !mod.equals("-")) {
            return false;
        }
        if (diff != null) {
            diff.change("attributes", existing, mod + letters);
        }
        if (!ctx.checkMode()) {
            Execution done = host.run(new CommandLine(List.of("chattr", mod + letters, path), null, null, Map.of()));
            if (done.rc() != 0 || !done.stderr().isEmpty()) {
                throw new ModuleException("chattr failed: Error while setting attributes: " + (done.stdout() + done.stderr()).strip());
            }
        }
        return true;
    }

    /** Ansible's attr_flags: the letters of an {@code lsattr -vd} line ("" when it has none). */
    private static String flags(String lsattr) {
        if (lsattr == null) {
            return "";
        }
        String[] f = lsattr.trim().split("\\s+");
        return f.length > 1 ? f[1].replace("-", "") : "";
    }
}
