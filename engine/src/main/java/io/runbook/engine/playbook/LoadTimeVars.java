package io.runbook.engine.playbook;

import io.runbook.engine.error.SourcePosition;
import io.runbook.engine.error.UserError;
import io.runbook.engine.vars.HashBehaviour;
import io.runbook.engine.vars.Templar;
import io.runbook.engine.vars.UndefinedVariableError;
import io.runbook.engine.vars.VarScope;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The variables a static import's templated name is rendered with while the playbook is read, as ansible-playbook
 * renders {@code import_playbook}, {@code import_tasks} and {@code import_role}'s arguments while it loads the play:
 * a role's defaults, the play's vars (an {@code import_playbook}'s included), the role's vars, the vars of the blocks
 * and the task around the import, the role's parameters and the extra vars ({@code -e}), with {@code playbook_dir}
 * (and {@code role_name}, {@code role_path} in a role). No host is known yet: no inventory variable, no fact.
 */
final class LoadTimeVars {
    static final LoadTimeVars NONE = new LoadTimeVars(Map.of(), Map.of(), null, HashBehaviour.REPLACE);
    private static final String HINT = "a static import's name can use vars, vars_files and extra vars (-e), not facts "
            + "or inventory variables: use include_tasks or include_role for those";

    private final Map<String, Object> extra;
    private final Map<String, Object> play;
    private final Path playbookDir;
    private final HashBehaviour hash;
    private final Templar templar = new Templar();

    LoadTimeVars(Map<String, Object> extra, Map<String, Object> play, Path playbookDir, HashBehaviour hash) {
        this.extra = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(extra));
        this.play = play;
        this.playbookDir = playbookDir;
        this.hash = hash;
    }

    /** The same extra vars for a play with these vars, read from a file in {@code dir}. */
    LoadTimeVars forPlay(Map<String, Object> playVars, Path dir) {
        return new LoadTimeVars(extra, playVars, dir, hash);
    }

    /**
     * {@code value} rendered if it holds a template, with {@code taskVars} (the import's own and its blocks') and the
     * role of {@code scope} (or null); an undefined variable is an error at {@code where} that says what a static
     * import can use.
     */
    Object render(Object value, Map<String, Object> taskVars, RoleScope scope, SourcePosition where) {
        if (!Templar.isTemplate(value)) {
            return value;
        }
        List<Map<String, Object>> layers = new ArrayList<>();
        Map<String, Object> magic = new java.util.LinkedHashMap<>();
        if (playbookDir != null) {
            magic.put("playbook_dir", playbookDir.toString());
        }
        if (scope != null) {
            magic.put("role_name", scope.role().name());
            magic.put("role_path", scope.role().path().toString());
        }
        layers.add(magic);
        if (scope != null) {
            layers.add(scope.role().defaults());
        }
        layers.add(play);
        if (scope != null) {
            layers.add(scope.role().vars());
        }
        layers.add(taskVars);
        if (scope != null) {
            layers.add(scope.role().params());
        }
        layers.add(extra);
        try {
            return templar.plain(templar.render(value, new VarScope(layers, templar, hash), where));
        } catch (UndefinedVariableError e) {
            throw new UserError(where, "static import: " + e.getMessage(), e.hint() == null ? HINT : e.hint() + "; " + HINT);
        }
    }
}
