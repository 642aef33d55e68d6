package io.runbook.engine.exec;

import io.runbook.engine.report.PythonPretty;
import io.runbook.engine.report.PythonRepr;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One prompt of the task debugger ({@link TaskDebugger}) for one host's result: its commands as Ansible's Debugger
 * (a {@code cmd.Cmd}) reads them, without a Python evaluator. {@code p} prints {@code task}, {@code task.args},
 * {@code task_vars}, {@code host}, {@code host.name}, {@code result._result} and their keys ({@code [KEY]}, chained) as
 * Python's pprint writes them; {@code task.args[KEY] = VALUE} and {@code task_vars[KEY] = VALUE} set a key to a Python
 * literal (a quoted string, a number, True, False or None). A no_log task's result and arguments are shown censored.
 */
final class DebuggerSession {
    enum Next { CONTINUE, REDO, QUIT }

    /** What {@code taskVar} gives for a variable that is not set. */
    static final Object MISSING = new Object();
    /** {@code task_vars} before a key is taken (its variables are only all read when it is printed whole). */
    private static final Object TASK_VARS = new Object();

    static final String HELP = "\nDocumented commands (type help <topic>):\n========================================\n"
            + "EOF  c  continue  h  help  p  pprint  q  quit  r  redo  u  update_task\n";
    private static final Map<String, String> DOCS = Map.ofEntries(Map.entry("p", "Pretty Print"),
            Map.entry("pprint", "Pretty Print"), Map.entry("q", "Quit"), Map.entry("quit", "Quit"), Map.entry("EOF", "Quit"),
            Map.entry("c", "Continue to next result"), Map.entry("continue", "Continue to next result"),
            Map.entry("r", "Schedule task for re-execution. The re-execution may not be the next result"),
            Map.entry("redo", "Schedule task for re-execution. The re-execution may not be the next result"),
            Map.entry("u", "Recreate the task from ``task._ds``, and template with updated ``task_vars``"),
            Map.entry("update_task", "Recreate the task from ``task._ds``, and template with updated ``task_vars``"),
            Map.entry("h", "List available commands with \"help\" or detailed help with \"help cmd\"."),
            Map.entry("help", "List available commands with \"help\" or detailed help with \"help cmd\"."));
    private static final Pattern ASSIGN = Pattern.compile("(task\\.args|task_vars)\\s*\\[\\s*('[^']*'|\"[^\"]*\")\\s*]\\s*=\\s*(.+)");
    private static final Pattern PATH = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*(?:\\.[A-Za-z_][A-Za-z0-9_]*)*)((?:\\s*\\[[^\\]]*])*)");
    private static final Pattern KEY = Pattern.compile("\\[\\s*('[^']*'|\"[^\"]*\"|-?\\d+)\\s*]");

    /** The task as Ansible's debugger shows it: {@code TASK: NAME}, or {@code HANDLER: NAME} for a handler's. */
    private final String task;
    private final String host;
    /** The task's arguments as the debugger changes them (written, or rendered by {@code u}). */
    final Map<String, Object> args;
    /** The variables the debugger set ({@code task_vars[KEY] = VALUE}), over the task's own. */
    final Map<String, Object> vars = new LinkedHashMap<>();
    private final Function<String, Object> taskVar;
    private final java.util.function.Supplier<Map<String, Object>> taskVarsShown;
    private final Map<String, Object> result;
    private final boolean noLog;
    private final Function<Map<String, Object>, Map<String, Object>> update;
    private String last;

    /**
     * {@code taskVar}: a variable's value as written (or {@link #MISSING}); {@code taskVarsShown}: every
     * variable for {@code p task_vars}; {@code result}: the result as the debugger may show it (censored under
     * no_log); {@code update}: the arguments rendered with the variables set here ({@code u}).
     */
    DebuggerSession(String task, String host, Map<String, Object> args, Function<String, Object> taskVar,
                    java.util.function.Supplier<Map<String, Object>> taskVarsShown, Map<String, Object> result, boolean noLog,
                    Function<Map<String, Object>, Map<String, Object>> update) {
        this.task = task;
        this.host = host;
        this.args = new LinkedHashMap<>(args);
        this.taskVar = taskVar;
        this.taskVarsShown = taskVarsShown;
        this.result = result;
        this.noLog = noLog;
        this.update = update;
    }

    String prompt() {
        return "[" + host + "] " + task + " (debug)> ";
    }

    /** Runs one line; what it printed goes to {@code out}; the next step, or null to ask again. */
    Next run(String read, StringBuilder out) {
        String line = read.strip();
        if (line.isEmpty()) {
            if (last == null) {
                return null;
            }
            line = last;
        }
        last = line;
        Matcher m = Pattern.compile("([A-Za-z0-9_]*)(.*)").matcher(line);
        m.matches();
        String cmd = m.group(1);
        String arg = m.group(2).strip();
        switch (cmd) {
            case "EOF", "q", "quit" -> {
                out.append("User interrupted execution\n");
                return Next.QUIT;
            }
            case "c", "continue" -> {
                return Next.CONTINUE;
            }
            case "r", "redo" -> {
                return Next.REDO;
            }
            case "u", "update_task" -> {
                args.clear();
                args.putAll(update.apply(vars));
                return null;
            }
            case "h", "help" -> {
                out.append(arg.isEmpty() ? HELP + "\n" : DOCS.getOrDefault(arg, "*** No help on " + arg) + "\n");
                return null;
            }
            case "p", "pprint" -> {
                print(arg, out);
                return null;
            }
            default -> {
                assign(line, out);
                return null;
            }
        }
    }

    private void print(String expr, StringBuilder out) {
        try {
            out.append(PythonPretty.format(evaluate(expr))).append('\n');
        } catch (Problem p) {
            out.append(p.getMessage()).append('\n');
        }
    }

    private Object evaluate(String expr) {
        Matcher m = PATH.matcher(expr);
        if (!m.matches()) {
            throw unsupported(expr);
        }
        Object value = root(m.group(1), expr);
        Matcher key = KEY.matcher(m.group(2));
        int end = 0;
        while (key.find()) {
            if (key.start() != end && !m.group(2).substring(end, key.start()).isBlank()) {
                throw unsupported(expr);
            }
            end = key.end();
            Object k = literal(key.group(1));
            value = item(value, k, expr);
        }
        if (!m.group(2).substring(end).isBlank()) {
            throw unsupported(expr);
        }
        return value == TASK_VARS ? withSet(taskVarsShown.get()) : value;
    }

    private Object root(String path, String expr) {
        return switch (path) {
            case "task" -> new Shown(task);
            case "task.args" -> noLog ? censored() : args;
            case "task_vars" -> TASK_VARS;
            case "host" -> new Shown(host);
            case "host.name" -> host;
            case "result._result" -> result;
            case "result" -> new Shown("<ansible.executor.task_result.TaskResult object>");
            case "play_context" -> new Shown("<ansible.playbook.play_context.PlayContext object>");
            default -> {
                String first = path.contains(".") ? path.substring(0, path.indexOf('.')) : path;
                if (!java.util.Set.of("task", "task_vars", "host", "result", "play_context").contains(first)) {
                    throw new Problem("***NameError:NameError(\"name '" + first + "' is not defined\")");
                }
                throw unsupported(expr);
            }
        };
    }

    private Map<String, Object> withSet(Map<String, Object> shown) {
        Map<String, Object> all = new LinkedHashMap<>(shown);
        all.putAll(vars);
        return all;
    }

    private Object item(Object value, Object key, String expr) {
        if (value == TASK_VARS) {
            Object v = vars.containsKey(key) ? vars.get(key) : taskVar.apply(String.valueOf(key));
            if (v == MISSING) {
                throw new Problem("***KeyError:KeyError(" + PythonRepr.repr(key) + ")");
            }
            return v;
        }
        if (value instanceof Map<?, ?> map) {
            if (!map.containsKey(key)) {
                throw new Problem("***KeyError:KeyError(" + PythonRepr.repr(key) + ")");
            }
            return map.get(key);
        }
        if (value instanceof java.util.List<?> list && key instanceof Long i) {
            int at = (int) (i < 0 ? list.size() + i : i);
            if (at < 0 || at >= list.size()) {
                throw new Problem("***IndexError:IndexError('list index out of range')");
            }
            return list.get(at);
        }
        throw unsupported(expr);
    }

    private void assign(String line, StringBuilder out) {
        Matcher m = ASSIGN.matcher(line);
        try {
            if (!m.matches()) {
                throw unsupported(line);
            }
            String key = (String) literal(m.group(2));
            Object value = literal(m.group(3).strip());
            (m.group(1).equals("task.args") ? args : vars).put(key, value);
        } catch (Problem p) {
            out.append(p.getMessage()).append('\n');
        }
    }

    /** A Python literal: a quoted string, an integer or float, True, False or None. */
    private static Object literal(String text) {
        if (text.length() >= 2 && (text.startsWith("'") && text.endsWith("'") || text.startsWith("\"") && text.endsWith("\""))) {
            return text.substring(1, text.length() - 1);
        }
        switch (text) {
            case "True": return Boolean.TRUE;
            case "False": return Boolean.FALSE;
            case "None": return null;
            default: break;
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            try {
                return Double.parseDouble(text);
            } catch (NumberFormatException e2) {
                throw unsupported(text);
            }
        }
    }

    private static Map<String, Object> censored() {
        return Map.of("censored", "the output has been hidden due to the fact that 'no_log: true' was specified for this result");
    }

    private static Problem unsupported(String expr) {
        return new Problem("***NotSupported:'" + expr + "' (without a Python evaluator the debugger reads task, task.args,"
                + " task_vars, host and result._result, with [KEY] after them, and sets task.args[KEY] or task_vars[KEY] to a"
                + " string, number, True, False or None)");
    }

    /** Text p shows as it is (Python's repr of an object). */
    private record Shown(String text) {
        @Override
        public String toString() {
            return text;
        }
    }

    private static final class Problem extends RuntimeException {
        Problem(String message) {
            super(message, null, false, false);
        }
    }
}
