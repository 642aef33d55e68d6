package io.runbook.engine.builtin;

import io.runbook.engine.config.SettingValues;
import io.runbook.engine.module.ModuleContext;
import io.runbook.engine.module.ModuleException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * The facts modules of a {@link GatherFacts} run: which (FACTS_MODULES, with {@code smart} resolved as ansible-core
 * 2.14 resolves it) and their results, each module run as the engine runs a module an action plugin calls, one after
 * the other or all at once.
 */
final class FactModules {
    private static final Set<String> TRUE = Set.of("y", "yes", "on", "1", "true", "t", "1.0");
    private static final Set<String> FALSE = Set.of("n", "no", "off", "0", "false", "f", "0.0");
    private final ModuleContext ctx;

    FactModules(ModuleContext ctx) {
        this.ctx = ctx;
    }

    /**
     * The modules to run: {@code ansible_facts_modules}, else the run's FACTS_MODULES (a text is split at its commas);
     * {@code smart} taken out and, at the end, the facts module CONNECTION_FACTS_MODULES names for the task's
     * {@code network_os}, {@code ansible_network_os} or the {@code network_os} fact (else setup), as ansible-core's.
     */
    static List<String> listed(ModuleContext ctx, SettingValues settings) {
        Object value = ctx.vars().containsKey("ansible_facts_modules") ? ctx.vars().get("ansible_facts_modules")
                : settings.base().getOrDefault("FACTS_MODULES", List.of("smart"));
        List<String> modules = new ArrayList<>();
        if (value instanceof List<?> l) {
            l.forEach(m -> modules.add(String.valueOf(m)));
        } else if (value != null) {
            Arrays.stream(value.toString().split(",")).map(String::strip).filter(s -> !s.isEmpty()).forEach(modules::add);
        }
        if (modules.contains("smart")) {
            Object map = settings.base().get("CONNECTION_FACTS_MODULES");
            Object os = ctx.args().raw("network_os");
            if (os == null) {
                os = ctx.vars().get("ansible_network_os");
            }
            if (os == null && ctx.vars().get("ansible_facts") instanceof Map<?, ?> facts) {
                os = facts.get("network_os");
            }
            Object found = map instanceof Map<?, ?> m && os != null ? m.get(String.valueOf(os)) : null;
            modules.add(found == null ? "ansible.legacy.setup" : String.valueOf(found));
            modules.remove("smart");
        }
        return modules;
    }

    /** Whether {@code value} is one of Ansible's booleans (its {@code boolean(strict=True)} takes it). */
    static boolean isBoolean(Object value) {
        if (value instanceof Boolean || value instanceof Number n && (n.doubleValue() == 0 || n.doubleValue() == 1)) {
            return true;
        }
        String text = String.valueOf(value).toLowerCase(Locale.ROOT);
        return value instanceof CharSequence && (TRUE.contains(text) || FALSE.contains(text));
    }

    /** The boolean {@code value} ({@link #isBoolean}) stands for. */
    static boolean bool(Object value) {
        if (value instanceof Boolean b) {
            return b;
        }
        return value instanceof Number n ? n.doubleValue() != 0 : TRUE.contains(String.valueOf(value).toLowerCase(Locale.ROOT));
    }

    /** Ansible's TypeError for a value that is no boolean. */
    static String notBoolean(Object value) {
        return "The value '" + (value == null ? "None" : value) + "' is not a valid boolean.  Valid booleans include: "
                + "'y', 'on', 1, 0, '1', 'false', 'off', 'true', 'n', '0', 't', 'f', 'yes', 'no'";
    }

    /** ansible-core's message naming the modules that failed or were skipped. */
    static String listing(String what, Map<String, Object> modules) {
        return "The following modules " + (what.equals("skipped") ? "were skipped" : what) + ": "
                + String.join(", ", modules.keySet()) + "\n";
    }

    /**
     * Each module's result, in the order listed: run one after the other, or ({@code atOnce}) each on a thread of its
     * own. A module that cannot be found fails the whole action (Ansible's _execute_module raises).
     */
    List<Map<String, Object>> run(List<String> modules, Function<String, Map<String, Object>> argsOf, boolean atOnce)
            throws ModuleException, InterruptedException {
        List<Map<String, Object>> results = new ArrayList<>();
        if (!atOnce || modules.size() < 2) {
            for (String m : modules) {
                results.add(ctx.runModule(m, argsOf.apply(m)));
            }
            return results;
        }
        List<Map<String, Object>> args = modules.stream().map(argsOf).toList();
        ExecutorService threads = Executors.newFixedThreadPool(modules.size(), r -> {
            Thread t = new Thread(r, "runbook-facts-module");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Map<String, Object>>> running = new ArrayList<>();
            for (int i = 0; i < modules.size(); i++) {
                String m = modules.get(i);
                Map<String, Object> a = args.get(i);
                running.add(threads.submit(() -> ctx.runModule(m, a)));
            }
            for (Future<Map<String, Object>> f : running) {
                results.add(f.get());
            }
            return results;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ModuleException m) {
                throw m;
            }
            if (e.getCause() instanceof InterruptedException i) {
                throw i;
            }
            throw new ModuleException(String.valueOf(e.getCause()));
        } finally {
            threads.shutdownNow();
        }
    }
}
