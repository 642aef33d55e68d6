package io.runbook.engine.review;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The timeline of the review page: a lane per host, a bar per attempt from its start to its end (coloured by how it
 * ended, hatched where it waited, marked with its retries), the sessions' boundaries, and the time the engine was
 * down between a session that stopped and the one that resumed it. Plain HTML and CSS: no script, nothing loaded.
 */
final class GanttChart {
    /** Bars narrower than this share of the chart are widened so they can be seen and clicked. */
    private static final double MIN_WIDTH = 0.25;
    private final RunStory story;
    private final Instant start;
    private final double total;

    GanttChart(RunStory story) {
        this.story = story;
        this.start = story.started();
        this.total = Math.max(1, Duration.between(start, story.ended()).toMillis());
    }

    String html(List<Attempt> attempts, java.util.function.ToIntFunction<Attempt> anchor) {
        StringBuilder out = new StringBuilder("<div class=\"gantt\">\n");
        out.append(axis());
        for (String host : story.hosts()) {
            out.append("<div class=\"row\"><div class=\"host\">").append(Html.esc(host)).append("</div><div class=\"lane\">");
            sessions(out);
            for (Attempt a : attempts) {
                if (a.host.equals(host) && !"meta".equals(a.action)) {
                    bar(out, a, anchor.applyAsInt(a));
                }
            }
            out.append("</div></div>\n");
        }
        return out.append("</div>\n").toString();
    }

    private void bar(StringBuilder out, Attempt a, int anchor) {
        double left = pct(a.started);
        double width = Math.max(MIN_WIDTH, pct(a.ended == null ? sessionEnd(a) : a.ended) - left);
        String kind = a.ignored ? "ignored" : a.status();
        String title = a.task + " — " + a.status() + (a.ignored ? " (ignored)" : "") + ", " + Html.duration(a.duration())
                + (a.retries.isEmpty() ? "" : ", " + a.retries.size() + " retries")
                + (a.waits.isEmpty() ? "" : ", waited: " + a.waits.get(a.waits.size() - 1).status())
                + " (session " + a.session + ")";
        out.append("<a class=\"bar ").append(kind).append("\" href=\"#a").append(anchor).append("\" style=\"left:")
                .append(fmt(left)).append("%;width:").append(fmt(width)).append("%\" title=\"").append(Html.esc(title)).append("\">");
        if (!a.waits.isEmpty() && a.ended != null) {
            double waitLeft = (pct(a.waits.get(0).time()) - left) / width * 100;
            out.append("<span class=\"wait\" style=\"left:").append(fmt(Math.max(0, waitLeft))).append("%\"></span>");
        }
        if (!a.retries.isEmpty()) {
            out.append("<span class=\"retries\">↻").append(a.retries.size()).append("</span>");
        }
        out.append("</a>");
    }

    /** The sessions' spans on a lane, and the downtime between them. */
    private void sessions(StringBuilder out) {
        List<RunStory.Session> sessions = story.sessions();
        for (int i = 1; i < sessions.size(); i++) {
            double from = pct(sessions.get(i - 1).lastRecord());
            double to = pct(sessions.get(i).started());
            out.append("<span class=\"down\" style=\"left:").append(fmt(from)).append("%;width:").append(fmt(Math.max(0.1, to - from)))
                    .append("%\" title=\"engine not running between session ").append(i).append(" and ").append(i + 1).append("\"></span>");
        }
    }

    private String axis() {
        StringBuilder out = new StringBuilder("<div class=\"row axis\"><div class=\"host\"></div><div class=\"lane\">");
        for (int i = 0; i <= 4; i++) {
            Duration at = Duration.ofMillis((long) (total * i / 4));
            out.append("<span class=\"tick").append(i == 4 ? " end" : "").append("\" style=\"left:").append(i * 25).append("%\">+").append(Html.duration(at)).append("</span>");
        }
        for (RunStory.Session s : story.sessions()) {
            out.append("<span class=\"session\" style=\"left:").append(fmt(pct(s.started()))).append("%\">session ")
                    .append(s.number()).append("</span>");
        }
        return out.append("</div></div>\n").toString();
    }

    private Instant sessionEnd(Attempt a) {
        return story.sessions().stream().filter(s -> s.number() == a.session).findFirst().map(RunStory.Session::lastRecord)
                .orElse(a.started);
    }

    private double pct(Instant t) {
        return Math.min(100, Math.max(0, Duration.between(start, t).toMillis() * 100.0 / total));
    }

    private static String fmt(double v) {
        return String.format(java.util.Locale.ROOT, "%.3f", v);
    }
}
