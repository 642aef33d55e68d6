package io.runbook.engine.vars;

import static io.runbook.engine.vars.Fixtures.WHERE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class ConcurrencyTest {

    @Test
    void parallelRendersShareTheCachesSafely() throws Exception {
        Templar templar = new Templar();
        Conditions conditions = new Conditions();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                int host = i;
                results.add(pool.submit(() -> {
                    Map<String, Object> vars = new HashMap<>(Fixtures.vars());
                    vars.put("host", "cp-" + host);
                    String rendered = templar.renderString(
                            "{{ host }}:{% for c in clusters %}{{ c.name | upper }},{% endfor %}{{ count + " + (host % 5) + " }}", vars, WHERE);
                    boolean held = conditions.test("host == 'cp-" + host + "' and result is changed", vars, WHERE);
                    return rendered + ":" + held;
                }));
            }
            for (int i = 0; i < results.size(); i++) {
                assertEquals("cp-" + i + ":PROD,DR," + (3 + i % 5) + ":true", results.get(i).get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void nestedVariablesSelfReferencesAndLimitsAreTrackedPerThread() throws Exception {
        Templar templar = new Templar();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                int host = i;
                results.add(pool.submit(() -> {
                    Map<String, Object> vars = new HashMap<>(Fixtures.vars());
                    vars.put("host", "cp-" + host);
                    vars.put("api", "https://{{ host }}.{{ zone }}");
                    vars.put("zone", "{{ cluster.name }}.example");
                    vars.put("loop_a", "{{ loop_b }}");
                    vars.put("loop_b", "{{ loop_a }}");
                    String failure = "";
                    if (host % 3 == 0) {
                        failure = assertThrows(io.runbook.engine.error.UserError.class,
                                () -> templar.render("{{ loop_a }}", vars, WHERE)).getMessage();
                    }
                    return templar.render("{{ api }}", vars, WHERE) + failure;
                }));
            }
            for (int i = 0; i < results.size(); i++) {
                String selfReference = i % 3 == 0 ? "variable 'loop_a' refers to itself: loop_a → loop_b → loop_a" : "";
                assertEquals("https://cp-" + i + ".prod.example" + selfReference, results.get(i).get());
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
