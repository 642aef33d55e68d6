package io.runbook.engine.exec;

import io.runbook.engine.error.SourcePosition;
import io.runbook.engine.inventory.Host;
import io.runbook.engine.inventory.HostPattern;
import io.runbook.engine.inventory.Inventory;
import io.runbook.engine.playbook.Block;
import io.runbook.engine.playbook.Include;
import io.runbook.engine.playbook.Play;
import io.runbook.engine.playbook.Playbook;
import io.runbook.engine.playbook.Task;
import io.runbook.engine.playbook.TaskNode;
import io.runbook.engine.vars.Templar;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** {@code --list-tasks}, {@code --list-hosts} and {@code --list-tags}, printed as ansible-playbook prints them. */
public final class Listing {
    private final Playbook playbook;
    private final RunOptions options;
    private final TagFilter tags;
    /** One for every play listed (their names and hosts may be templates). */
    private final Templar templar = new Templar();

    public Listing(Playbook playbook, RunOptions options) {
        this.playbook = playbook;
        this.options = options;
        this.tags = new TagFilter(options.tags(), options.skipTags());
    }

    public void print(PrintWriter out, Inventory inventory, boolean hosts, boolean tasks, boolean tagList) {
        out.println();
        out.println("playbook: " + playbook.file());
        int n = 0;
        for (Play play : playbook.plays()) {
            n++;
            out.println();
            PlayTemplates templates = new PlayTemplates(templar, play, options.extraVars());
            Object rendered = renderedHosts(templates);
            out.println("  play #" + n + " (" + (rendered == null ? play.hostsText() : PlayTemplates.pattern(rendered)) + "): "
                    + templates.name() + "\tTAGS: " + list(play.keywords().tags()));
            if (hosts) {
                // hosts that did not render are rendered again for their error
                printHosts(out, inventory, play, rendered != null ? rendered : templates.hosts());
            }
            List<Task> visible = new ArrayList<>();
            for (List<TaskNode> section : List.of(play.preTasks(), play.tasks(), play.postTasks())) {
                collect(section, visible);
            }
            if (tasks) {
                out.println("    tasks:");
                visible.forEach(t -> out.println("      " + listed(t) + "\tTAGS: " + list(t.keywords().tags())));
            }
            if (tagList) {
                Set<String> all = new TreeSet<>();
                visible.forEach(t -> all.addAll(t.keywords().tags()));
                out.println("      TASK TAGS: " + list(all));
            }
        }
    }

    /**
     * A task as ansible-playbook's --list-tasks names it: a named one as its banner does ({@code role : name}), an
     * unnamed one by its action alone, in a role too.
     */
    private static String listed(Task t) {
        return t.name() != null ? t.displayName() : t.writtenAction() != null ? t.writtenAction() : t.action();
    }

    /** The play's hosts rendered, or null when they cannot be (then --list-hosts says why). */
    private static Object renderedHosts(PlayTemplates templates) {
        try {
            return templates.hosts();
        } catch (io.runbook.engine.error.UserError e) {
            return null;
        }
    }

    private void printHosts(PrintWriter out, Inventory inventory, Play play, Object rendered) {
        HostPattern limit = options.limit() == null ? null : HostPattern.parseLimit(options.limit(), SourcePosition.of("--limit"));
        List<String> names = inventory.select(PlayTemplates.hostPattern(rendered, play.hostsPosition()), limit).names();
        out.println("    pattern: " + PlayTemplates.patternList(rendered));
        out.println("    hosts (" + names.size() + "):");
        names.forEach(h -> out.println("      " + h));
    }

    private void collect(List<TaskNode> nodes, List<Task> out) {
        for (TaskNode node : nodes) {
            // as ansible-playbook lists them: meta tasks written in the playbook too, but not rescue and always
            if (node instanceof Task t && tags.runs(t.keywords().tags())) {
                out.add(t);
            } else if (node instanceof Block b) {
                collect(b.block(), out);
            } else if (node instanceof Include inc && tags.runs(inc.keywords().tags())) {
                out.add(inc.asTask());
            }
        }
    }

    private static String list(Set<String> tags) {
        return "[" + String.join(", ", new TreeSet<>(tags)) + "]";
    }
}
