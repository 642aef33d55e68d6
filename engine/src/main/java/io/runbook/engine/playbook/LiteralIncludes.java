package io.runbook.engine.playbook;

import io.runbook.engine.error.SourcePosition;
import io.runbook.engine.error.UserError;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Reads the task file an {@code include_tasks} names literally before anything runs, so its mistakes — and an
 * include that includes itself with nothing to end it — are found up front.
 *
 * <p>An include that may never run (it has a condition or a loop, sits under a block's condition or in a rescue, is a
 * handler, or is reached only through such an include) is still read, but a mistake in its file is no reason to
 * refuse the run: Ansible reads an included file only when it is included. Such a mistake becomes a warning now
 * (one for each include that names the file), and the include fails with it if it runs. The same file named again by an include that always runs is an error.
 */
final class LiteralIncludes {
    /** The includes being followed, innermost first, and whether each may not run. */
    private final Deque<Map.Entry<Path, Boolean>> stack = new ArrayDeque<>();
    /** Every file read, with the mistake found in it (if any). */
    private final Map<Path, Optional<UserError>> checked = new HashMap<>();
    private final Set<String> warnings = new LinkedHashSet<>();

    /**
     * Follows one include of {@code file} (already resolved) written at {@code where}; {@code read} parses the file
     * for its mistakes. {@code guarded}: the include itself may not run.
     */
    void follow(Path file, SourcePosition where, boolean guarded, Consumer<Path> read) {
        if (!Files.isRegularFile(file)) {
            return;  // a file that is not there fails when the include runs, as in Ansible
        }
        boolean mayNotRun = guarded || stack.stream().anyMatch(Map.Entry::getValue);
        Optional<UserError> known = checked.get(file);
        if (known != null) {
            if (known.isPresent() && !mayNotRun) {
                throw known.get();
            }
            known.ifPresent(e -> warn(where, e));
            return;
        }
        if (stack.stream().anyMatch(e -> e.getKey().equals(file))) {
            if (mayNotRun) {
                return;  // a recursion that a condition or a loop may end; the run stops one that does not
            }
            throw new UserError(where, "include_tasks cycle: " + file + " includes itself"
                    + " with no condition to end it, so it would never stop",
                    "add a 'when' that ends the repetition, or use a loop");
        }
        stack.push(Map.entry(file, guarded));
        Optional<UserError> found = Optional.empty();
        try {
            read.accept(file);
        } catch (UserError e) {
            if (!mayNotRun) {
                throw e;
            }
            found = Optional.of(e);
            warn(where, e);
        } finally {
            stack.pop();
        }
        if (stack.stream().noneMatch(e -> e.getKey().equals(file))) {
            checked.put(file, found);
        }
    }

    private void warn(SourcePosition where, UserError mistake) {
        warnings.add(where + ": this include may not run, so its file is not checked before the run; if it runs, "
                + "the run stops there: " + mistake.format());
    }

    /**
     * A mistake in the arguments of a task with {@code ignore_errors: true}: a warning before the run, and the task's
     * (ignored) failure when it runs, as ansible-playbook finds it only then.
     */
    void ignoredMistake(UserError mistake) {
        warnings.add(mistake.format() + " (the task ignores errors: it runs, and fails)");
    }

    /** The mistakes found in files of includes that may not run: one warning per include. */
    List<String> warnings() {
        return List.copyOf(warnings);
    }
}
