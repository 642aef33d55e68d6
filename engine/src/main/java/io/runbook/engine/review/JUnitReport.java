package io.runbook.engine.review;

import io.runbook.engine.module.ModuleRegistry;
import io.runbook.engine.report.Json;
import io.runbook.engine.report.Redactor;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code --junit FILE}: the run as Ansible's {@code junit} callback writes it (with
 * {@code JUNIT_HIDE_TASK_ARGUMENTS=true}): one test suite named after the playbook; one testcase per task and host,
 * named {@code [host] play: task}, with the task's {@code file:line} as class name and its time; a result as
 * {@code system-out}; a failure as {@code <failure message="msg" type="failure">} (an {@code exception} as
 * {@code <error>}); a skip as {@code <skipped>reason</skipped>}; an ignored failure passes; an include is one testcase
 * for host {@code include} besides one per host. Unlike Ansible's, an unreachable host is a failure (Ansible leaves it out), and a resumed
 * run reports every task instance of the whole run, each with its latest attempt.
 */
public final class JUnitReport {
    private JUnitReport() {
    }

    public static void write(RunStory story, Path file, Redactor redactor) throws IOException {
        List<String> cases = new ArrayList<>();
        int failures = 0;
        int errors = 0;
        int skipped = 0;
        BigDecimal total = BigDecimal.ZERO;
        Map<String, List<Attempt>> includes = new LinkedHashMap<>();
        for (Attempt a : story.latest()) {
            if (a.status == null && a.ended == null && "meta".equals(a.action)) {
                continue;
            }
            if ("include_tasks".equals(a.action)) {
                includes.computeIfAbsent(a.id + "\u0000" + a.task, k -> new ArrayList<>()).add(a);
            }
            if ("meta".equals(a.action)) {
                continue;
            }
            BigDecimal time = seconds(a);
            total = total.add(time);
            StringBuilder c = new StringBuilder();
            c.append("\t\t<testcase classname=\"").append(attr(classname(story, a))).append("\" name=\"")
                    .append(attr("[" + a.host + "] " + a.play + ": " + a.task)).append("\" time=\"").append(time).append("\"");
            String dump = "included".equals(a.status) ? String.join("\n", a.included) : Json.pretty(a.result);
            if ("skipped".equals(a.status)) {
                skipped++;
                // a debug's shown result leaves the reason out: one left empty was skipped by its condition (an empty
                // loop's, a loop's end and a no_log one keep a key, and Ansible's junit callback says "skipped" for
                // them); Ansible's junit callback gets no reason for a skipped include_tasks/include_role
                Object reason = java.util.Set.of("include_tasks", "include_role", "include").contains(a.action) ? "skipped"
                        : a.result.getOrDefault("skip_reason",
                        a.result.isEmpty() && "debug".equals(ModuleRegistry.shortName(a.action))
                                ? "Conditional result was False" : "skipped");
                c.append(">\n\t\t\t<skipped>").append(text(String.valueOf(reason))).append("</skipped>\n\t\t</testcase>");
            } else if (a.failed() || "interrupted".equals(a.status())) {
                boolean exception = a.result.containsKey("exception");
                String message = exception ? String.valueOf(a.result.get("exception")).strip().lines().reduce((x, y) -> y).orElse("")
                        : a.message() != null ? a.message() : "interrupted".equals(a.status()) ? "interrupted: the engine stopped"
                        + " before this task ended" : "rc=" + a.result.getOrDefault("rc", 0);
                String tag = exception ? "error" : "failure";
                if (exception) {
                    errors++;
                } else {
                    failures++;
                }
                c.append(">\n\t\t\t<").append(tag).append(" message=\"").append(attr(message)).append("\" type=\"").append(tag)
                        .append("\">").append(text(dump)).append("</").append(tag).append(">\n\t\t</testcase>");
            } else {
                c.append(">\n\t\t\t<system-out>").append(text(dump)).append("</system-out>\n\t\t</testcase>");
            }
            cases.add(c.toString());
        }
        for (List<Attempt> inc : includes.values()) {
            Attempt a = inc.get(0);
            if (inc.stream().noneMatch(i -> "included".equals(i.status))) {
                continue;
            }
            String files = String.join("\n", inc.stream().flatMap(i -> i.included.stream()).distinct().toList());
            cases.add("\t\t<testcase classname=\"" + attr(classname(story, a)) + "\" name=\"" + attr("[include] " + a.play + ": " + a.task)
                    + "\" time=\"" + seconds(a) + "\">\n\t\t\t<system-out>" + text(files) + "</system-out>\n\t\t</testcase>");
        }
        String counts = "disabled=\"0\" errors=\"" + errors + "\" failures=\"" + failures + "\"";
        String name = story.playbook().getFileName().toString().replaceFirst("\\.[^.]*$", "");
        String xml = "<?xml version=\"1.0\" ?>\n<testsuites " + counts + " tests=\"" + cases.size() + "\" time=\"" + total + "\">\n"
                + "\t<testsuite " + counts + " name=\"" + attr(name) + "\" skipped=\"" + skipped + "\" tests=\"" + cases.size()
                + "\" time=\"" + total + "\">\n" + String.join("\n", cases) + (cases.isEmpty() ? "" : "\n") + "\t</testsuite>\n</testsuites>\n";
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, redactor.redact(xml), StandardCharsets.UTF_8);
    }

    /** {@code /abs/playbook.yml:12}, as Ansible's {@code task.get_path()}. */
    private static String classname(RunStory story, Attempt a) {
        return story.source(a).map(p -> p.file() + ":" + p.line()).orElse(a.id);
    }

    private static BigDecimal seconds(Attempt a) {
        return BigDecimal.valueOf(a.duration().toNanos()).movePointLeft(9).setScale(3, RoundingMode.HALF_UP);
    }

    private static String attr(String s) {
        return text(s).replace("\"", "&quot;").replace("\n", "&#10;");
    }

    /** XML text: the three specials escaped, characters XML cannot hold replaced. */
    static String text(String s) {
        StringBuilder out = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> {
            switch (cp) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                default -> {
                    boolean allowed = cp == 0x9 || cp == 0xA || cp == 0xD || cp >= 0x20 && cp <= 0xD7FF
                            || cp >= 0xE000 && cp <= 0xFFFD || cp >= 0x10000 && cp <= 0x10FFFF;
                    out.appendCodePoint(allowed ? cp : 0xFFFD);
                }
            }
        });
        return out.toString();
    }
}
