import io.runbook.cli.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Benchmark (run by bench/memory-1000-hosts.sh, not a test): does the engine's heap grow over a templating-heavy
 * run? One JVM runs the same playbook (ROUNDS rounds of set_fact, nested templates, loops, filters, register and
 * conditions) over 100 hosts, then 1000, then 100 and 1000 again, in process ({@code Main.execute}, as
 * {@code java -jar} runs it). It measures the live heap (after a full GC) at the start of every round of the
 * 1000-host runs (every host has finished the round before: the linear strategy) and after every run.
 * Goal (#12): no growth — flat from round to round once every host has its facts, and back to the same level after
 * each run, however many hosts ran.
 */
public final class MemoryGrowth {
    private static final int ROUNDS = 10;

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "bench/out/memory");
        int forks = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        Files.createDirectories(out);
        Path playbook = out.resolve("site.yml");
        Files.writeString(playbook, playbook());
        Path small = inventory(out.resolve("inventory-100.yml"), 100);
        Path large = inventory(out.resolve("inventory-1000.yml"), 1000);
        System.out.printf("live heap after a full GC (MB); %d rounds of 7 tasks, -f %d%n", ROUNDS, forks);
        System.out.printf("%-24s %8.1f%n", "before any run", liveMb());
        List<Double> after = new ArrayList<>();
        List<Double> during = new ArrayList<>();
        List<Double> last = List.of();
        int[] sizes = {100, 1000, 100, 1000};
        for (int i = 0; i < sizes.length; i++) {
            Rounds rounds = new Rounds();
            java.io.StringWriter errors = new java.io.StringWriter();
            long t0 = System.nanoTime();
            int code;
            try (PrintWriter o = new PrintWriter(rounds, true); PrintWriter e = new PrintWriter(errors, true)) {
                code = Main.execute(o, e, playbook.toString(), "-i", (sizes[i] == 100 ? small : large).toString(),
                        "-f", String.valueOf(forks), "--journal", out.resolve("journal-" + i).toString());
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            if (code != 0) {
                throw new IllegalStateException("run " + (i + 1) + " exited " + code + ": " + rounds.tail() + errors);
            }
            after.add(Math.round(liveMb() * 10) / 10.0);
            System.out.printf("run %d (%4d hosts, %5.1f s), at the start of rounds 2..%d: %s%n", i + 1, sizes[i], seconds,
                    ROUNDS, rounds.samples);
            System.out.printf("  growth from round 2 to round %d: %+.1f MB%n", ROUNDS,
                    rounds.samples.get(rounds.samples.size() - 1) - rounds.samples.get(0));
            last = rounds.samples;
            during.add(rounds.samples.stream().mapToDouble(Double::doubleValue).average().orElseThrow());
            System.out.printf("after run %d (%4d hosts) %8.1f%n", i + 1, sizes[i], after.get(i));
        }
        System.out.printf("retained by the 2nd 100-host run vs the 1st: %+.1f MB; 2nd 1000-host vs 1st: %+.1f MB%n",
                after.get(2) - after.get(0), after.get(3) - after.get(1));
        double perHost = (during.get(3) - during.get(2)) * 1024 / 900;
        System.out.printf("live heap during a run: 100 hosts %.1f MB, 1000 hosts %.1f MB: %.1f KB per extra host%n",
                during.get(2), during.get(3), perHost);
        System.out.printf("ROW live heap of a 1000-host run, round 2 → %d: %.1f → %.1f MB; after each of the 4 runs %s MB;"
                + " during a run 100 hosts %.1f MB, 1000 hosts %.1f MB (%.1f KB per extra host)%n", ROUNDS, last.get(0),
                last.get(last.size() - 1), after, during.get(2), during.get(3), perHost);
    }

    /** Console output, discarded; at each round's banner (every host done with the round before) the live heap. */
    private static final class Rounds extends Writer {
        final List<Double> samples = new ArrayList<>();
        private final StringBuilder line = new StringBuilder();
        private final StringBuilder tail = new StringBuilder();

        @Override
        public void write(char[] buf, int off, int len) {
            for (int i = off; i < off + len; i++) {
                char c = buf[i];
                if (c == '\n') {
                    String text = line.toString();
                    line.setLength(0);
                    if (text.startsWith("TASK [round ") && text.contains(": facts]") && !text.startsWith("TASK [round 1:")) {
                        samples.add(Math.round(liveMb() * 10) / 10.0);
                    }
                    tail.append(text).append('\n');
                    if (tail.length() > 4000) {
                        tail.delete(0, tail.length() - 4000);
                    }
                } else {
                    line.append(c);
                }
            }
        }

        String tail() {
            return tail.toString();
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }

    private static double liveMb() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (1024.0 * 1024.0);
    }

    /** Hosts in 10 groups, each with inline vars that are templates, the groups' vars templates of them. */
    private static Path inventory(Path file, int hosts) throws IOException {
        StringBuilder s = new StringBuilder("all:\n  vars:\n    ansible_connection: local\n    domain: dr.example.test\n"
                + "    endpoint: \"https://{{ inventory_hostname }}.{{ domain }}:{{ port }}\"\n  children:\n");
        for (int g = 0; g < 10; g++) {
            s.append("    zone").append(g).append(":\n      vars:\n        zone: z").append(g)
                    .append("\n        labels: {zone: \"{{ zone }}\", tier: \"{{ 'edge' if port > 9000 else 'core' }}\"}\n      hosts:\n");
            for (int h = g; h < hosts; h += 10) {
                s.append("        host-").append(h).append(": {port: ").append(8000 + h).append(", alias: \"h{{ port }}\"}\n");
            }
        }
        Files.writeString(file, s.toString());
        return file;
    }

    /** ROUNDS rounds of the same seven templating tasks; each round's first task name marks where it starts. */
    private static String playbook() {
        StringBuilder s = new StringBuilder("- hosts: all\n  gather_facts: false\n  tasks:\n");
        for (int r = 1; r <= ROUNDS; r++) {
            String round = "round " + r + ": ";
            s.append("    - name: \"").append(round).append("facts\"\n      set_fact:\n")
                    .append("        url: \"{{ endpoint }}/v1/{{ zone }}/{{ alias }}\"\n")
                    .append("        meta: \"{{ labels | combine({'host': inventory_hostname, 'round': ").append(r).append("}) }}\"\n")
                    .append("        parts: \"{{ endpoint | urlsplit('hostname') | split('.') }}\"\n");
            s.append("    - name: \"").append(round).append("render\"\n      debug:\n")
                    .append("        msg: \"{{ url | upper }} {{ meta | to_json }} {{ parts | join('/') }} {{ (port // 7) ** 2 % 1000 }}\"\n")
                    .append("      register: rendered\n");
            s.append("    - name: \"").append(round).append("loop\"\n      debug:\n")
                    .append("        msg: \"{{ inventory_hostname }}-{{ item.0 }}-{{ item.1 | default('x') }}\"\n")
                    .append("      loop: \"{{ range(3) | zip(parts) | list }}\"\n      loop_control: {label: \"{{ item.0 }}\"}\n");
            s.append("    - name: \"").append(round).append("block\"\n      debug:\n")
                    .append("        msg: \"{% for k, v in meta.items() | sort %}{{ k }}={{ v }}{{ ',' if not loop.last }}{% endfor %}\"\n")
                    .append("      when: rendered.msg is search('HTTPS') and port is number and zone in groups | list | join(',')\n");
            s.append("    - name: \"").append(round).append("hostvars\"\n      debug:\n")
                    .append("        msg: \"{{ groups['zone' ~ (port % 10)] | map('extract', hostvars, 'port') | sum }}\"\n")
                    .append("      when: port % 50 == 0\n");
            s.append("    - name: \"").append(round).append("changed\"\n      debug:\n")
                    .append("        msg: \"{{ '%s:%05d' | format(zone, port) }} {{ rendered.msg | length }}\"\n")
                    .append("      changed_when: \"{{ port % 2 == 0 }}\"\n");
            s.append("    - name: \"").append(round).append("skipped\"\n      debug:\n        msg: never\n")
                    .append("      when: zone == 'nowhere'\n");
        }
        return s.toString();
    }
}
