package io.runbook.engine.review;

/** The review page's style sheet and legend, inline (the page loads nothing). */
final class ReviewStyle {
    static final String CSS = """
            body{font:14px/1.4 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0 24px 48px;color:#1d2733}
            header h1{margin:16px 0 0}header p{margin:2px 0 16px;color:#5a6675}
            h2{border-bottom:1px solid #d5dbe3;padding-bottom:4px;margin-top:32px}
            table{border-collapse:collapse}th,td{border:1px solid #d5dbe3;padding:3px 8px;text-align:left;vertical-align:top}
            th{background:#f1f4f8}td.n{text-align:right}td.changed{background:#fff4cc}td.failures,td.unreachable{background:#ffd9d6}
            td.rescued,td.ignored{background:#e8e0ff}.rto{font-size:16px}
            .gantt{border:1px solid #d5dbe3;padding:6px 0}.row{display:flex;align-items:center;height:24px}
            .row .host{width:160px;padding:0 8px;font-weight:600;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
            .lane{position:relative;flex:1;height:18px;background:#f6f8fa;margin-right:12px}
            .axis .lane{background:none;height:32px}.tick,.session{position:absolute;font-size:11px;color:#5a6675;white-space:nowrap}
            .tick{bottom:0}.tick.end{transform:translateX(-100%)}.session{top:0;border-left:2px solid #1d2733;padding-left:3px;color:#1d2733}
            .bar{position:absolute;top:1px;height:16px;border-radius:2px;overflow:hidden;text-decoration:none;min-width:2px}
            .bar.ok,.ok .sw{background:#4caf50}.bar.changed,.changed .sw{background:#f2b705}.bar.skipped,.skipped .sw{background:#b8c2cc}
            .bar.failed,.failed .sw{background:#e5392e}.bar.unreachable,.unreachable .sw{background:#8e24aa}
            .bar.ignored,.ignored .sw{background:#9575cd}.bar.included,.included .sw{background:#80cbc4}
            .bar.interrupted,.interrupted .sw{background:repeating-linear-gradient(45deg,#1d2733 0 4px,#e5392e 4px 8px)}
            .wait{position:absolute;top:0;bottom:0;right:0;background:repeating-linear-gradient(-45deg,transparent 0 3px,rgba(255,255,255,.55) 3px 6px)}
            .retries{position:absolute;right:2px;top:0;font-size:11px;color:#000}
            .down{position:absolute;top:0;bottom:0;background:repeating-linear-gradient(90deg,#d5dbe3 0 2px,transparent 2px 5px)}
            .legend span{margin-right:14px;white-space:nowrap}.legend .sw{display:inline-block;width:12px;height:12px;margin-right:4px;vertical-align:-2px}
            tr.failed td,tr.unreachable td,tr.interrupted td{background:#ffefed}tr.changed td{background:#fffbe6}
            tr:target td{outline:2px solid #1d6fe0}pre{white-space:pre-wrap;margin:4px 0}
            pre.source{background:#f6f8fa;padding:8px;font-size:12px}pre.source i{display:inline-block;width:40px;color:#8792a0;font-style:normal}
            pre.source span:target{background:#ffe58f;display:block}
            """;
    static final String LEGEND = "<p class=\"legend\">" + sw("ok") + sw("changed") + sw("skipped") + sw("failed")
            + sw("unreachable") + sw("ignored") + sw("included") + sw("interrupted")
            + "<span>hatched: waiting</span><span>↻N: retries</span><span>striped gap: engine not running</span></p>\n";

    private ReviewStyle() {
    }

    private static String sw(String kind) {
        return "<span class=\"" + kind + "\"><span class=\"sw\"></span>" + kind + "</span>";
    }
}
