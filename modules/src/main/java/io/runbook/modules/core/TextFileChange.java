package io.runbook.modules.core;

import io.runbook.engine.module.Args;
import io.runbook.engine.module.Diff;
import io.runbook.engine.module.ModuleContext;
import io.runbook.engine.module.ModuleException;
import io.runbook.engine.report.Json;
import io.runbook.modules.connection.HostConnection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The new text of a file edited in place ({@code lineinfile}, {@code blockinfile}, {@code replace}) written as those
 * Ansible modules write it: to the file a symlinked path leads to, the old file backed up and the new text validated
 * first when asked ({@code backup}, {@code validate}), missing folders created for a new file; then {@code mode},
 * {@code owner} and {@code group} set as their {@code check_file_attrs} sets them, with its message and attribute
 * diff. In check mode nothing is written and the answers are the same.
 */
final class TextFileChange {
    /** What Ansible's check_file_attrs adds to the message when the mode, owner or group changed. */
    static final String ATTRIBUTES_CHANGED = "ownership, perms or SE linux context changed";

    private final ModuleContext ctx;
    private final HostConnection host;
    private final String target;
    private final FileWrite write;
    private final FileOwner owner;
    private final byte[] after;
    private final boolean contentChanges;
    private final FileDiff attributes = FileDiff.attributes();

    private TextFileChange(ModuleContext ctx, HostConnection host, String target, FileWrite write, FileOwner owner,
                           byte[] after, boolean contentChanges) {
        this.ctx = ctx;
        this.host = host;
        this.target = target;
        this.write = write;
        this.owner = owner;
        this.after = after;
        this.contentChanges = contentChanges;
    }

    /** {@code after}: the file's new content; {@code contentChanges}: whether it differs from what the file holds. */
    static TextFileChange plan(ModuleContext ctx, HostConnection host, String path, byte[] after, boolean contentChanges)
            throws ModuleException, InterruptedException {
        Args args = ctx.args();
        String target = FilePlacement.followed(host, path);
        FileWrite write = FileWrite.plan(ctx, host, target, FileContent.of(after), FileMode.spec(args, "mode"));
        return new TextFileChange(ctx, host, target, write, FileOwner.of(args, host), after, contentChanges);
    }

    /**
     * Writes the new text (real runs, when it changes): the backup first when asked, then {@code validate}, then the
     * file; the backup's path, or null when none was made.
     */
    String writeContent(boolean backup) throws ModuleException, InterruptedException {
        if (ctx.checkMode() || !contentChanges) {
            return null;
        }
        if (!write.exists()) {
            Folders.create(host, FilePlacement.parent(target), 0755);  // as Ansible's os.makedirs under a 022 umask
        }
        String validate = ctx.args().string("validate");
        return write.apply(backup, () -> Validation.check(ctx, host, validate, after));
    }

    /**
     * Gives the file the mode, owner and group asked (in check mode: only says whether they would change), recording
     * them in the attribute diff; a new file is compared as created (rw-r--r--), as Ansible compares it once written.
     */
    boolean setAttributes() throws ModuleException, InterruptedException {
        int was = write.exists() ? write.current().mode() & 07777 : FileWrite.NEW_FILE;
        boolean changed = false;
        if (was != write.finalMode()) {
            attributes.change("mode", FileMode.format(was), FileMode.format(write.finalMode()));
            changed = true;
            if (!ctx.checkMode() && write.exists() && !contentChanges) {
                write.apply(false);  // only the mode: a changed content was written with it
            }
        }
        if (owner.asked()) {
            boolean check = ctx.checkMode();
            changed |= owner.apply(host, target, check ? write.current() : host.stat(target, false), attributes, check);
        }
        return changed;
    }

    /** Ansible's message: the edit's, and the attribute change joined with " and ". */
    static String message(String edit, boolean attributesChanged) {
        if (!attributesChanged) {
            return edit;
        }
        return edit.isEmpty() ? ATTRIBUTES_CHANGED : edit + " and " + ATTRIBUTES_CHANGED;
    }

    /**
     * Ansible's registered content diff of lineinfile and blockinfile: the texts only in diff mode (else empty; the
     * text before also empty for a file still to be created), with the headers {@code PATH (content)}.
     */
    static Map<String, Object> contentDiff(ModuleContext ctx, String path, String before, String after) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("before", ctx.diffMode() && before != null ? before : "");
        d.put("after", ctx.diffMode() ? after : "");
        d.put("before_header", path + " (content)");
        d.put("after_header", path + " (content)");
        return d;
    }

    /** Ansible's registered attribute diff: what changed, and the headers {@code PATH (file attributes)}. */
    Map<String, Object> attributeDiff(String path) {
        Map<String, Object> d = new LinkedHashMap<>();
        if (!attributes.isEmpty()) {
            d.putAll(attributes.data());
        }
        d.put("before_header", path + " (file attributes)");
        d.put("after_header", path + " (file attributes)");
        return d;
    }

    /** The attribute change as --diff shows it (as Ansible's callback prints a mapping), or null when none. */
    Diff shownAttributes(String path) {
        if (attributes.isEmpty()) {
            return null;
        }
        Map<String, Object> data = attributes.data();
        return new Diff(path + " (file attributes)", Json.pretty(data.get("before")) + "\n", Json.pretty(data.get("after")) + "\n");
    }
}
