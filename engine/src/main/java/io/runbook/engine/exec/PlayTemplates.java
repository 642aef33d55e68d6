package io.runbook.engine.exec;

import io.runbook.engine.error.UserError;
import io.runbook.engine.playbook.Play;
import io.runbook.engine.vars.Templar;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A play's {@code hosts} and name as ansible-playbook renders them before the play (its post_validate), with the
 * play's {@code vars} and the extra vars: the hosts to select, and the name its banner and the listings show.
 */
final class PlayTemplates {
    private final Templar templar;
    private final Play play;
    private final Map<String, Object> vars;

    PlayTemplates(Templar templar, Play play, Map<String, Object> extraVars) {
        this.templar = templar;
        this.play = play;
        this.vars = new LinkedHashMap<>(play.vars());
        // a vars_prompt not answered yet (the listings, which ask nothing) gives its default, as ansible-playbook's
        play.varsPrompt().stream().filter(p -> p.defaultValue() != null).forEach(p -> vars.put(p.name(), p.defaultValue()));
        vars.putAll(extraVars);
    }

    /** The rendered hosts: one pattern, or a list of them. */
    Object hosts() {
        return templar.render(play.hosts(), vars, play.hostsPosition());
    }

    /** The pattern to select hosts with: a list's patterns joined (a union). */
    static String pattern(Object rendered) {
        return rendered instanceof List<?> l ? String.join(",", l.stream().map(String::valueOf).toList()) : String.valueOf(rendered);
    }

    /** The rendered hosts as a pattern: a list's items each split on its own, as Ansible's split_host_pattern of a list. */
    static io.runbook.engine.inventory.HostPattern hostPattern(Object rendered, io.runbook.engine.error.SourcePosition where) {
        return rendered instanceof List<?> l
                ? io.runbook.engine.inventory.HostPattern.parse(l.stream().map(String::valueOf).toList(), where)
                : io.runbook.engine.inventory.HostPattern.parse(String.valueOf(rendered), where);
    }

    /** The rendered hosts as ansible-playbook's {@code --list-hosts} shows them: {@code ['web', 'db']}. */
    static String patternList(Object rendered) {
        List<?> patterns = rendered instanceof List<?> l ? l : List.of(rendered);
        return "[" + String.join(", ", patterns.stream().map(p -> "'" + p + "'").toList()) + "]";
    }

    /**
     * The play's name, rendered as text; without one, its hosts as written (a YAML list joined), rendered. A name that
     * cannot be rendered (an undefined variable) is shown as written, as ansible-playbook shows it.
     */
    String name() {
        String written = play.displayName();
        if (!Templar.isTemplate(written)) {
            return written;
        }
        try {
            return templar.renderString(written, vars, play.position());
        } catch (UserError e) {
            return written;
        }
    }
}
