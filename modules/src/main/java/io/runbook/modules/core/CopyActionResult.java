package io.runbook.modules.core;

import io.runbook.engine.module.Diff;
import io.runbook.engine.module.ModuleContext;
import io.runbook.engine.module.Result;

/**
 * What Ansible's copy action plugin (which {@code template} runs too) registers for one controller file, measured with
 * ansible-playbook 2.14: when the content is to change, check mode registers only {@code changed} and {@code diff} (the
 * plugin predicts without calling a module), a real run the copy module's result with {@code md5sum} and {@code src};
 * when the content is the same, the {@code file} module's result, which names the file as {@code path} and, in check
 * mode, gives its attributes as they are.
 */
final class CopyActionResult {
    /** The {@code src} of given text: Ansible's names a temporary file that is gone once the task ends. */
    static final String GENERATED = "dynamically generated";

    private CopyActionResult() {
    }

    /**
     * {@code placed} (from {@link FilePlacement#placeChecked}, with owner and group applied) as the action registers it;
     * {@code source} is the controller file, or {@link #GENERATED} for given text.
     */
    static Result of(Result placed, ModuleContext ctx, FileWrite write, String dest, String source, FileContent content)
            throws io.runbook.engine.module.ModuleException {
        Result registered = FilePlacement.withRegisteredDiff(placed, ctx, write, dest, source);
        if (!write.contentChanges()) {
            Result file = registered.with("path", dest);
            return ctx.checkMode() ? file.with("mode", FileMode.format(write.current().mode())) : file;
        }
        if (!ctx.checkMode()) {
            return registered.with("md5sum", Checksum.md5(content)).with("src", source);
        }
        Result predicted = Result.changed(true).with("diff", registered.data().get("diff"));
        for (Diff shown : registered.diffs()) {
            predicted = predicted.withDiff(shown);
        }
        return predicted;
    }
}
