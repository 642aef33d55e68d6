package io.runbook.engine.review;

import io.runbook.engine.report.Json;
import io.runbook.engine.report.Redactor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code --report FILE.html}: one self-contained page (no script, no font, no image, nothing fetched) for the
 * post-incident review of a run: the recap and sessions, the time from the first start to the last result (the
 * RTO of a recovery), a Gantt-style timeline of every task on every host with waits and retries, what changed, every
 * failure with a link to the lines of the playbook that hold it (embedded in the page), and every attempt in a table.
 * Made from the journal's redacted records and passed through the run's redactor again: it holds no secret.
 */
public final class HtmlReport {
    private final RunStory story;
    private final List<Attempt> attempts;
    private final Map<Attempt, Integer> anchors = new IdentityHashMap<>();
    private final Map<Path, Integer> sources = new LinkedHashMap<>();

    private HtmlReport(RunStory story) {
        this.story = story;
        this.attempts = story.attempts().stream().filter(a -> !"meta".equals(a.action)).toList();
        for (int i = 0; i < attempts.size(); i++) {
            anchors.put(attempts.get(i), i);
        }
        attempts.stream().filter(a -> a.failed() || "interrupted".equals(a.status()))
                .forEach(a -> story.source(a).ifPresent(s -> sources.putIfAbsent(s.file(), sources.size())));
    }

    public static void write(RunStory story, Path file, Redactor redactor) throws IOException {
        String page = new HtmlReport(story).page();
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, redactor.redact(page), StandardCharsets.UTF_8);
    }

    private String page() {
        String name = String.join(" ", story.playbooks().stream().map(p -> p.getFileName().toString()).toList());
        StringBuilder out = new StringBuilder();
        out.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>").append(Html.esc(name)).append(" — run review</title><style>").append(ReviewStyle.CSS)
                .append("</style></head><body>\n");
        out.append("<header><h1>").append(Html.esc(name)).append("</h1><p>")
                .append(Html.esc(String.join(" ", story.playbooks().stream().map(Path::toString).toList()))).append("</p></header>\n");
        summary(out);
        out.append("<section id=\"timeline\"><h2>Timeline</h2>\n").append(ReviewStyle.LEGEND)
                .append(new GanttChart(story).html(attempts, anchors::get)).append("</section>\n");
        failures(out);
        changes(out);
        table(out);
        sourceListings(out);
        return out.append("</body></html>\n").toString();
    }

    private void summary(StringBuilder out) {
        Duration down = Duration.ZERO;
        for (int i = 1; i < story.sessions().size(); i++) {
            down = down.plus(Duration.between(story.sessions().get(i - 1).lastRecord(), story.sessions().get(i).started()));
        }
        out.append("<section id=\"summary\"><h2>Summary</h2><p class=\"rto\">From the first start to the last result (RTO): <b>")
                .append(Html.duration(story.elapsed())).append("</b>");
        if (story.sessions().size() > 1) {
            int resumes = story.sessions().size() - 1;
            out.append(" in ").append(story.sessions().size()).append(" sessions (resumed ").append(resumes == 1 ? "once" : resumes + " times")
                    .append("; the engine was not running for ").append(Html.duration(down)).append(")");
        }
        out.append("</p>\n<table class=\"sessions\"><tr><th>session</th><th>process</th><th>started</th><th>last record</th><th>ended</th></tr>\n");
        for (RunStory.Session s : story.sessions()) {
            out.append("<tr><td>").append(s.number()).append("</td><td>").append(s.pid()).append("</td><td>")
                    .append(s.started().truncatedTo(ChronoUnit.SECONDS)).append("</td><td>").append(s.lastRecord().truncatedTo(ChronoUnit.SECONDS))
                    .append("</td><td>").append(s.exitCode() == null ? "<span class=\"failed\">stopped without ending (killed)</span>"
                            : "exit " + s.exitCode()).append("</td></tr>\n");
        }
        out.append("</table>\n<table class=\"recap\"><tr><th>host</th>");
        List<String> counters = List.of("ok", "changed", "unreachable", "failures", "skipped", "rescued", "ignored");
        counters.forEach(c -> out.append("<th>").append(c.equals("failures") ? "failed" : c).append("</th>"));
        out.append("</tr>\n");
        story.recap().forEach((host, stats) -> {
            out.append("<tr><td>").append(Html.esc(host)).append("</td>");
            counters.forEach(c -> out.append("<td class=\"n").append(stats.getOrDefault(c, 0) > 0 ? " " + c : "").append("\">")
                    .append(stats.getOrDefault(c, 0)).append("</td>"));
            out.append("</tr>\n");
        });
        out.append("</table></section>\n");
    }

    private void failures(StringBuilder out) {
        List<Attempt> failed = attempts.stream().filter(a -> a.failed() || "interrupted".equals(a.status())).toList();
        out.append("<section id=\"failures\"><h2>Failures and interruptions (").append(failed.size()).append(")</h2>\n");
        if (failed.isEmpty()) {
            out.append("<p>None.</p>");
        } else {
            out.append("<ul>\n");
            for (Attempt a : failed) {
                out.append("<li><a href=\"#a").append(anchors.get(a)).append("\">").append(Html.esc(a.host)).append(": ")
                        .append(Html.esc(a.task)).append("</a> — ").append(a.status()).append(" in session ").append(a.session)
                        .append(" at ").append(sourceLink(a)).append("<pre>")
                        .append(Html.esc(a.message() != null ? a.message() : "interrupted".equals(a.status())
                                ? "the engine stopped before this task ended" : Json.compact(a.result))).append("</pre></li>\n");
            }
            out.append("</ul>\n");
        }
        out.append("</section>\n");
    }

    private void changes(StringBuilder out) {
        List<Attempt> changed = attempts.stream().filter(a -> "changed".equals(a.status)).toList();
        out.append("<section id=\"changes\"><h2>What changed (").append(changed.size()).append(")</h2>\n<ul>\n");
        for (Attempt a : changed) {
            out.append("<li><a href=\"#a").append(anchors.get(a)).append("\">").append(Html.esc(a.host)).append(": ")
                    .append(Html.esc(a.task)).append("</a>").append(a.items.isEmpty() ? "" : " (" + Html.esc(String.join(", ", a.items)) + ")")
                    .append("</li>\n");
        }
        out.append("</ul></section>\n");
    }

    private void table(StringBuilder out) {
        out.append("<section id=\"tasks\"><h2>Every task on every host</h2>\n<table class=\"tasks\"><tr><th>start</th><th>host</th>")
                .append("<th>play</th><th>task</th><th>status</th><th>time</th><th>retries</th><th>waited for</th><th>where</th></tr>\n");
        for (Attempt a : attempts) {
            Duration at = Duration.between(story.started(), a.started);
            String waited = a.waits.isEmpty() ? "" : a.waits.get(a.waits.size() - 1).status() + " ("
                    + Html.duration(Duration.between(a.waits.get(0).time(), a.ended == null ? a.waits.get(a.waits.size() - 1).time() : a.ended)) + ")";
            out.append("<tr id=\"a").append(anchors.get(a)).append("\" class=\"").append(a.ignored ? "ignored" : a.status()).append("\"><td>+")
                    .append(Html.duration(at)).append("</td><td>").append(Html.esc(a.host)).append("</td><td>").append(Html.esc(a.play))
                    .append("</td><td>").append(Html.esc(a.task)).append(a.items.isEmpty() ? "" : "<br><small>" + Html.esc(String.join(", ", a.items)) + "</small>")
                    .append("</td><td>").append(a.status()).append(a.ignored ? " (ignored)" : "").append("</td><td>")
                    .append(Html.duration(a.duration())).append("</td><td>").append(a.retries.isEmpty() ? "" : a.retries.size())
                    .append("</td><td>").append(Html.esc(waited)).append("</td><td>").append(sourceLink(a)).append("</td></tr>\n");
        }
        out.append("</table></section>\n");
    }

    /** {@code file:line}, linked to the embedded lines when the file is shown (it holds a failure). */
    private String sourceLink(Attempt a) {
        return story.source(a).map(s -> {
            String text = Html.esc(display(s.file()) + ":" + s.line());
            Integer n = sources.get(s.file());
            return n == null ? text : "<a href=\"#src" + n + "-L" + s.line() + "\">" + text + "</a>";
        }).orElse(Html.esc(a.id));
    }

    private void sourceListings(StringBuilder out) {
        if (sources.isEmpty()) {
            return;
        }
        out.append("<section id=\"sources\"><h2>Sources of the failures</h2>\n");
        for (Map.Entry<Path, Integer> e : sources.entrySet()) {
            out.append("<h3>").append(Html.esc(display(e.getKey()))).append("</h3>");
            List<String> lines = new ArrayList<>();
            try {
                lines = Files.readAllLines(e.getKey(), StandardCharsets.UTF_8);
            } catch (IOException unreadable) {
                out.append("<p>(cannot be read now: ").append(Html.esc(unreadable.getMessage())).append(")</p>");
            }
            out.append("<pre class=\"source\">");
            for (int i = 0; i < lines.size(); i++) {
                out.append("<span id=\"src").append(e.getValue()).append("-L").append(i + 1).append("\"><i>").append(i + 1)
                        .append("</i>").append(Html.esc(lines.get(i))).append("\n</span>");
            }
            out.append("</pre>\n");
        }
        out.append("</section>\n");
    }

    private static String display(Path file) {
        Path cwd = Path.of("").toAbsolutePath();
        return file.startsWith(cwd) ? cwd.relativize(file).toString() : file.toString();
    }
}
