package io.runbook.engine.exec;

import io.runbook.engine.error.UserError;
import io.runbook.engine.playbook.Include;
import io.runbook.engine.vars.VarScope;
import java.util.Map;

/**
 * What ansible-playbook 2.14's strategy renders of an {@code include_role} once the hosts' results are in
 * (included_file.py): the role's name and its {@code tasks_from}, {@code vars_from}, ..., then the task's fields
 * ({@code public}, ...). One that does not render (an undefined variable) is no failure of the task but an error of
 * the run: {@code ERROR!} and the run stops, whatever rescues or ignores the task's failures, without the task
 * debugger, with ansible-playbook's exit code: 1, or 4 for a field.
 */
final class IncludedRoleNames {
    private IncludedRoleNames() {
    }

    /** An include_role's name that did not render on a host: the run stops once every host's result is in. */
    static final class Unrendered extends RuntimeException {
        private final UserError mistake;

        private Unrendered(UserError mistake) {
            super(mistake.format(), null, false, false);
            this.mistake = mistake;
        }

        RunAborted stop() {
            return new RunAborted(mistake, ExitCode.RUN_ERROR);
        }
    }

    /** The role's name rendered with a host's (and its item's) variables; {@link Unrendered} when it does not render. */
    static String name(RunState run, Include inc, VarScope vars) {
        try {
            return run.templar.renderString(inc.file(), vars, inc.position());
        } catch (UserError e) {
            throw new Unrendered(e);
        }
    }

    /**
     * include_role's arguments Ansible renders as fields of the task ({@code public}, {@code allow_duplicates},
     * {@code rolespec_validate}): one that does not render stops the run with ansible-playbook's "The field 'public'
     * has an invalid value" (its exit 4, a parser error).
     */
    private static final java.util.Set<String> FIELDS = java.util.Set.of("public", "allow_duplicates", "rolespec_validate");

    /**
     * The {@code *_from} arguments and the {@link #FIELDS} rendered for each host that includes the role: one that
     * does not stops the run.
     */
    static void argsRender(RunState run, PlayScope scope, Include inc, Map<HostState, IncludeInstances.Use> uses) {
        for (Map.Entry<HostState, IncludeInstances.Use> use : uses.entrySet()) {
            VarScope vars = scope.vars(use.getKey(), inc).with(use.getValue().params());
            for (Map.Entry<String, Object> arg : inc.args().entrySet()) {
                boolean field = FIELDS.contains(arg.getKey());
                if (!field && !arg.getKey().endsWith("_from")) {
                    continue;
                }
                try {
                    run.templar.render(arg.getValue(), vars, inc.position());
                } catch (UserError e) {
                    throw field ? new RunAborted(new UserError(e.position(), "the field '" + arg.getKey()
                            + "' has an invalid value: " + e.getMessage(), e.hint()), ExitCode.PARSER_ERROR)
                            : new RunAborted(e, ExitCode.RUN_ERROR);
                }
            }
        }
    }
}
