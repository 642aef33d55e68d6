package io.runbook.cli.reference;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The value schema and a one-line description of each playbook keyword. */
final class Keyword {
    private static final Map<String, Object> TEXT = Map.of("type", "string");
    private static final Map<String, Object> BOOL = Map.of("type", List.of("boolean", "string"));
    private static final Map<String, Object> CONDITION = Map.of("type", List.of("string", "boolean", "array"));
    private static final Map<String, Object> LIST_OR_TEXT = Map.of("type", List.of("array", "string"));
    private static final Map<String, Object> MAPPING = Map.of("type", List.of("object", "string", "null"));
    private static final Map<String, Object> NUMBER = Map.of("type", List.of("number", "string"));
    private static final Map<String, Object> TASKS = PlaybookSchema.ref("tasks");

    private static final Map<String, Object[]> COMMON = new LinkedHashMap<>();

    static {
        put("name", Map.of("type", List.of("string", "null")), "what the play or task is called in the output");
        put("when", CONDITION, "a condition (or a list that must all hold); the task or block runs only when it is true");
        put("tags", Map.of("type", List.of("array", "string", "number")), "tags to select with -t / --skip-tags");
        put("vars", Map.of("type", List.of("object", "string", "null", "array")),
                "variables for this play, block or task (a play's may be a list of mappings)");
        put("check_mode", BOOL, "true: always in check mode; false: changes even under -C");
        put("diff", BOOL, "show (or not) what changes, as --diff");
        put("no_log", BOOL, "censor the results in all output (a template is rendered when the task runs)");
        put("environment", MAPPING, "environment variables for the processes modules start");
        put("ignore_errors", BOOL, "a failure does not stop the host");
        put("ignore_unreachable", BOOL, "an unreachable host does not stop the play");
        put("any_errors_fatal", BOOL, "a failure on one host stops the play on every host");
        put("delegate_to", TEXT, "run the task on (or with the connection of) another inventory host");
        put("run_once", BOOL, "run on the first host of the batch only; the result is given to all");
        put("timeout", NUMBER, "time limit of each task in seconds or as 90s, 10m (0: none)");
        put("throttle", NUMBER, "at most this many hosts run the task at once");
        put("debugger", Map.of("type", List.of("string", "null")), "when the task debugger opens after a host's result: always, never, on_failed, on_unreachable,"
                + " on_skipped");
        put("become", BOOL, "run as another user (become_user) through sudo or su; the host's ansible_become wins");
        put("become_user", TEXT, "the user to become (default root)");
        put("become_method", TEXT, "sudo (default) or su");
        put("become_flags", TEXT, "the become program's flags (sudo: -H -S -n)");
        put("become_exe", TEXT, "the become program (default: sudo, su)");
        put("hosts", Map.of("type", List.of("string", "array")), "a host pattern: groups and hosts, with :, :&, :! and globs");
        put("vars_files", Map.of("type", List.of("array", "string", "null"), "items", Map.of("type", List.of("string", "array"))),
                "YAML files of variables (one file: its name); an item that is a list means the first of them that exists");
        put("vars_prompt", Map.of("type", List.of("array", "object", "null"), "items", Map.of("type", "object", "required", List.of("name"),
                "properties", Map.of("name", Map.of("type", "string"), "prompt", Map.of("type", "string"),
                        "default", Map.of(), "private", Map.of("type", List.of("boolean", "string")),
                        "confirm", Map.of("type", List.of("boolean", "string")), "encrypt", Map.of("type", "string"),
                        "salt", Map.of("type", "string"), "salt_size", Map.of("type", List.of("integer", "string")),
                        "unsafe", Map.of("type", List.of("boolean", "string"))),
                "additionalProperties", false)),
                "variables asked for when the play starts (hidden unless private: false); -e values are not asked for;"
                + " without a terminal the defaults");
        put("serial", Map.of("type", List.of("integer", "string", "array")), "batch size: a number, \"25%\", or a list whose last size repeats");
        put("max_fail_percentage", NUMBER, "stop the play when more than this percentage of a batch failed");
        put("pre_tasks", TASKS, "tasks run before tasks");
        put("tasks", TASKS, "the play's tasks");
        put("post_tasks", TASKS, "tasks run after tasks");
        put("handlers", TASKS, "tasks run once at the end of a section when notified");
        put("strategy", Map.of("type", "string"), "linear (default): hosts go task by task together; free: each host at its own pace;"
                + " host_pinned runs as free; debug: linear with the task debugger on failures (may be a template)");
        put("gather_facts", BOOL, "gather the hosts' facts first, as the task 'Gathering Facts' (default true)");
        put("gather_subset", LIST_OR_TEXT, "the facts gathered: all, min, hardware, network; !name leaves one out");
        put("gather_timeout", NUMBER, "accepted for compatibility");
        put("fact_path", TEXT, "accepted for compatibility (facts.d is not read)");
        put("roles", Map.of("type", List.of("array", "null")), "roles run before tasks: a name, or a mapping with role: and its"
                + " parameters, vars, tags, when");
        put("force_handlers", BOOL, "run notified handlers even on hosts that failed");
        put("order", TEXT, "the order of the hosts: inventory, reverse_inventory, sorted, reverse_sorted, shuffle");
        put("connection", TEXT, "the connection (local or ssh) of hosts that set no ansible_connection");
        put("collections", LIST_OR_TEXT, "accepted for compatibility");
        put("remote_user", TEXT, "the SSH login user of hosts that set no ansible_user");
        put("user", TEXT, "a play's remote_user under Ansible's older name (not both)");
        put("port", NUMBER, "the SSH port of hosts that set no ansible_port");
        put("import_playbook", TEXT, "a playbook file to run here, relative to this file");
        put("import_tasks", TEXT, "a task file inserted here when the playbook is read");
        put("register", TEXT, "the variable that keeps the task's result");
        put("loop", LIST_OR_TEXT, "run the task once per item (the item is 'item', or loop_control.loop_var)");
        put("with_items", LIST_OR_TEXT, "as loop (flattened one level)");
        put("with_list", LIST_OR_TEXT, "as loop");
        put("action", Map.of("type", List.of("string", "object")), "the module and its arguments: 'debug msg=x' or {module: debug, msg: x}");
        put("local_action", Map.of("type", List.of("string", "object")), "as action, delegated to localhost");
        put("delegate_facts", BOOL, "facts the task returns become the delegate's");
        put("loop_control", PlaybookSchema.ref("loop_control"), "loop_var, index_var, label, pause, extended");
        put("until", CONDITION, "retry the task until this holds");
        put("retries", NUMBER, "how often until retries (default 3)");
        put("delay", NUMBER, "seconds between retries (default 5)");
        put("failed_when", CONDITION, "when the task counts as failed (sees the registered result)");
        put("changed_when", CONDITION, "when the task counts as changed (sees the registered result)");
        put("notify", LIST_OR_TEXT, "handlers (or listen topics) to run when the task changed something");
        put("args", MAPPING, "the module's arguments, merged with those written under its name");
        put("listen", LIST_OR_TEXT, "topics this handler also answers to");
        put("block", TASKS, "tasks run together, sharing keywords");
        put("rescue", TASKS, "tasks run when a task of the block failed");
        put("always", TASKS, "tasks run after the block and rescue whatever happened");
        put("loop_var", TEXT, "the name of the loop variable (default item)");
        put("index_var", TEXT, "a variable holding the item's index (from 0)");
        put("label", TEXT, "what the output shows for each item");
        put("pause", NUMBER, "seconds to wait between items");
        put("extended", BOOL, "set ansible_loop (index, first, last, length, …)");
    }

    private Keyword() {
    }

    private static void put(String name, Map<String, Object> schema, String description) {
        COMMON.put(name, new Object[] {schema, description});
    }

    static Map<String, Object> play(String name) {
        return of(name);
    }

    static Map<String, Object> importPlaybook(String name) {
        return of(name);
    }

    static Map<String, Object> task(String name) {
        return of(name);
    }

    static Map<String, Object> loopControl(String name) {
        return of(name);
    }

    /** The schema of a keyword; one not described here takes any value. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> of(String name) {
        Object[] known = COMMON.get(name);
        Map<String, Object> out = new LinkedHashMap<>();
        if (known != null) {
            out.putAll((Map<String, Object>) known[0]);
            out.put("description", known[1]);
        }
        return out;
    }
}
