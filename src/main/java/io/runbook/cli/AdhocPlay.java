package io.runbook.cli;

import io.runbook.engine.error.SourcePosition;
import io.runbook.engine.error.UserError;
import io.runbook.engine.module.ModuleRegistry;
import io.runbook.engine.yaml.YList;
import io.runbook.engine.yaml.YMap;
import io.runbook.engine.yaml.YNode;
import io.runbook.engine.yaml.YScalar;
import io.runbook.engine.yaml.YamlLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The one-task play Ansible's ad-hoc command builds from its command line ({@code AdHocCLI._play_ds}): named
 * {@code Ansible Ad-Hoc}, on the hosts of the pattern, without facts, its task the module with its arguments (a JSON
 * object when {@code -a} is one, else {@code key=value} words or the free form of command, shell and raw, as the
 * playbook parser reads a task's text), the time limit and async settings. It is a playbook's nodes, read by the same
 * parser as every playbook, so the module and its arguments are checked before anything runs. Each node's place is the
 * option it comes from, which errors name.
 */
record AdhocPlay(YNode document) {
    /** The play's file name, as Ansible names it: the playbook folder is its folder. */
    static final String FILE_NAME = "__adhoc_playbook__";
    /** Ansible's MODULE_REQUIRE_ARGS (those the engine has). */
    private static final Set<String> REQUIRE_ARGS = Set.of("command", "shell", "raw", "script");
    /** Actions that make no sense in a one-task play, as Ansible refuses them. */
    private static final Set<String> REFUSED = Set.of("import_playbook");

    /**
     * The play, or a {@link UserError} at the option that is wrong (no arguments for a module that needs them, an
     * action that cannot run ad hoc). {@code collection}: the default collection (the playbook folder's, as ansible's
     * {@code AnsibleCollectionConfig.default_collection}), whose short module names come first; or null.
     */
    static AdhocPlay of(String pattern, String module, String args, int taskTimeout, int background, int poll,
                        String collection) {
        SourcePosition m = SourcePosition.of("-m");
        SourcePosition a = SourcePosition.of("-a");
        String action = ModuleRegistry.shortName(module);
        if (background < 0 || poll < 0) {
            throw new UserError(SourcePosition.of(background < 0 ? "--background" : "--poll"), "must be a number of seconds, got "
                    + (background < 0 ? background : poll));
        }
        if (REFUSED.contains(action)) {
            throw new UserError(m, "'" + module + "' is not a valid action for ad-hoc commands");
        }
        if (REQUIRE_ARGS.contains(action) && (args == null || args.isEmpty())) {
            throw new UserError(a, "No argument passed to " + module + " module", pattern.endsWith(".yml")
                    ? "did you mean to run the playbook? engine.jar " + pattern + " runs it" : "give it with -a, such as -a 'uptime'");
        }
        List<YMap.Entry> task = new ArrayList<>();
        task.add(new YMap.Entry(module, m, arguments(args, a)));
        if (taskTimeout > 0) {
            // as Ansible's ad-hoc task: --task-timeout is the task's own timeout keyword
            task.add(new YMap.Entry("timeout", SourcePosition.of("--task-timeout"), scalar(taskTimeout, "--task-timeout")));
        }
        if (background > 0) {
            task.add(new YMap.Entry("async", SourcePosition.of("--background"), scalar(background, "--background")));
            task.add(new YMap.Entry("poll", SourcePosition.of("--poll"), scalar(poll, "--poll")));
        }
        SourcePosition where = SourcePosition.of("PATTERN");
        List<YMap.Entry> entries = new ArrayList<>(List.of(
                new YMap.Entry("name", where, new YScalar("Ansible Ad-Hoc", "Ansible Ad-Hoc", null, where)),
                new YMap.Entry("hosts", where, new YScalar(pattern, pattern, null, where)),
                new YMap.Entry("gather_facts", where, new YScalar(false, "no", null, where))));
        if (collection != null) {
            SourcePosition dir = SourcePosition.of("--playbook-dir");
            entries.add(new YMap.Entry("collections", dir, new YList(List.of(new YScalar(collection, collection, null, dir),
                    new YScalar("ansible.legacy", "ansible.legacy", null, dir)), dir)));
        }
        entries.add(new YMap.Entry("tasks", where, new YList(List.of(new YMap(task, m)), where)));
        YMap play = new YMap(entries, where);
        return new AdhocPlay(new YList(List.of(play), where));
    }

    /**
     * {@code -a}: a JSON object when it reads as one (Ansible's {@code from_yaml(json_only=True)}), else the text the
     * module's key holds in a playbook ({@code k=v} words, or a free form), read there as there.
     */
    private static YNode arguments(String args, SourcePosition a) {
        if (args == null || args.isEmpty()) {
            return new YScalar(null, "", null, a);
        }
        String text = args.strip();
        if (args.startsWith("{") && args.endsWith("}")) {
            try {
                List<YNode> docs = YamlLoader.loadAll(text, Path.of("-a"));
                if (docs.size() == 1 && docs.get(0) instanceof YMap object && !object.entries().isEmpty()) {
                    return object;
                }
            } catch (UserError notJson) {
                // as Ansible: then it is key=value words
            }
        }
        return new YScalar(args, args, null, a);
    }

    private static YScalar scalar(int value, String option) {
        return new YScalar(value, String.valueOf(value), null, SourcePosition.of(option));
    }
}
