package io.runbook.engine.vars;

import static io.runbook.engine.vars.Fixtures.WHERE;
import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
