import io.runbook.engine.error.SourcePosition;
import io.runbook.engine.vars.Conditions;
import io.runbook.engine.vars.Templar;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Benchmark (run by bench/render-rate.sh, not a test): how many times a second one thread renders a typical task
 * argument, and evaluates a typical condition, with the engine's Templar. Goal (#12): at least 10 000 renders a
 * second of {@code {{ a.b | default('x') }}} on one core.
 */
public final class RenderRate {
    private static final SourcePosition WHERE = SourcePosition.of("bench/RenderRate.java");

    public static void main(String[] args) {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 3;
        Templar templar = new Templar();
        Conditions conditions = new Conditions(templar);
        Map<String, Object> vars = new HashMap<>();
        vars.put("a", Map.of("b", "value"));
        vars.put("clusters", List.of(Map.of("name", "cp-1", "zone", "a"), Map.of("name", "cp-2", "zone", "b")));
        vars.put("inventory_hostname", "cp-1");
        report("{{ a.b | default('x') }}", seconds, () -> templar.render("{{ a.b | default('x') }}", vars, WHERE));
        report("{{ a.c | default('x') }} (missing key)", seconds, () -> templar.render("{{ a.c | default('x') }}", vars, WHERE));
        report("https://{{ inventory_hostname }}.example:{{ 8000 + 443 }}", seconds,
                () -> templar.render("https://{{ inventory_hostname }}.example:{{ 8000 + 443 }}", vars, WHERE));
        report("{{ clusters | map(attribute='name') | join(',') }}", seconds,
                () -> templar.render("{{ clusters | map(attribute='name') | join(',') }}", vars, WHERE));
        report("when: inventory_hostname in clusters | map(attribute='name')", seconds,
                () -> conditions.test("inventory_hostname in clusters | map(attribute='name')", vars, WHERE));
    }

    private static void report(String what, double seconds, Runnable render) {
        long warmUntil = System.nanoTime() + (long) (seconds * 0.5e9);
        while (System.nanoTime() < warmUntil) {
            render.run();
        }
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        long count = 0;
        while (System.nanoTime() < end) {
            for (int i = 0; i < 100; i++) {
                render.run();
            }
            count += 100;
        }
        double rate = count / ((System.nanoTime() - start) / 1e9);
        System.out.printf("%,12.0f /s  %s%n", rate, what);
    }
}
