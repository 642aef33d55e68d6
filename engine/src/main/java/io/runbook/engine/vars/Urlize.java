package io.runbook.engine.vars;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Jinja's {@code urlize} filter (jinja2 3.1's utils.urlize, with the filter's default {@code rel="noopener"}). */
final class Urlize {
    private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.UNICODE_CHARACTER_CLASS;
    private static final Pattern HTTP = Pattern.compile("^((https?://|www\\.)(([\\w%-]+\\.)+)?([a-z]{2,63}|xn--[\\w%]{2,59})"
            + "|([\\w%-]{2,63}\\.)+(com|net|int|edu|gov|org|info|mil)"
            + "|(https?://)((([\\d]{1,3})(\\.[\\d]{1,3}){3})|(\\[([\\da-f]{0,4}:){2}([\\da-f]{0,4}:?){1,6}])))"
            + "(?::[\\d]{1,5})?(?:[/?#]\\S*)?$", FLAGS);
    private static final Pattern EMAIL = Pattern.compile("^\\S+@\\w[\\w.-]*\\.\\w+$", Pattern.UNICODE_CHARACTER_CLASS);
    private static final Pattern SCHEME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*:$");
    private static final Pattern LEAD = Pattern.compile("^([(<]|&lt;)+");
    private static final Pattern TRAIL = Pattern.compile("([)>.,\\n]|&gt;)+$");
    private static final Pattern SPACE = Pattern.compile("\\s+", Pattern.UNICODE_CHARACTER_CLASS);

    private Urlize() {
    }

    /** urlize(value, trim_url_limit=None, nofollow=False, target=None, rel=None, extra_schemes=None). */
    static Object filter(Object value, Arguments a) {
        Object limit = a.get(0, "trim_url_limit", null);
        TreeSet<String> relParts = new TreeSet<>();
        Object rel = a.get(3, "rel", null);
        if (rel != null) {
            relParts.addAll(List.of(ValueText.of(rel).split("\\s+")));
        }
        if (PyValues.truthy(a.get(1, "nofollow", false))) {
            relParts.add("nofollow");
        }
        relParts.add("noopener");  // the environment's policy urlize.rel
        relParts.remove("");
        Object target = a.get(2, "target", null);
        List<String> schemes = new ArrayList<>();
        Object extra = a.get(4, "extra_schemes", null);
        if (extra != null) {
            for (Object s : Renderer.iterate(extra)) {
                String scheme = ValueText.of(s);
                if (!SCHEME.matcher(scheme).matches()) {
                    throw new ExpressionFailure("'" + scheme + "' is not a valid URI scheme prefix.");
                }
                schemes.add(scheme);
            }
        }
        return urlize(ValueText.of(value), limit == null ? -1 : (int) Numbers.whole(limit, "urlize"), String.join(" ", relParts),
                target == null ? null : ValueText.of(target), schemes);
    }

    static String urlize(String text, int trimLimit, String rel, String target, List<String> extraSchemes) {
        String relAttr = rel.isEmpty() ? "" : " rel=\"" + TextFilters.escape(rel) + "\"";
        String targetAttr = target == null || target.isEmpty() ? "" : " target=\"" + TextFilters.escape(target) + "\"";
        StringBuilder out = new StringBuilder();
        String escaped = TextFilters.escape(text);
        Matcher space = SPACE.matcher(escaped);
        int at = 0;
        while (true) {
            boolean more = space.find();
            out.append(word(escaped.substring(at, more ? space.start() : escaped.length()), trimLimit, relAttr, targetAttr, extraSchemes));
            if (!more) {
                break;
            }
            out.append(space.group());
            at = space.end();
        }
        return out.toString();
    }

    private static String word(String word, int trimLimit, String relAttr, String targetAttr, List<String> extraSchemes) {
        String head = "";
        String middle = word;
        String tail = "";
        Matcher lead = LEAD.matcher(middle);
        if (lead.find()) {
            head = lead.group();
            middle = middle.substring(lead.end());
        }
        if (middle.endsWith(")") || middle.endsWith(">") || middle.endsWith(".") || middle.endsWith(",")
                || middle.endsWith("\n") || middle.endsWith("&gt;")) {
            Matcher trail = TRAIL.matcher(middle);
            if (trail.find()) {
                tail = trail.group();
                middle = middle.substring(0, trail.start());
            }
        }
        for (String[] pair : new String[][] {{"(", ")"}, {"<", ">"}, {"&lt;", "&gt;"}}) {
            int starts = count(middle, pair[0]);
            if (starts <= count(middle, pair[1])) {
                continue;
            }
            for (int i = Math.min(starts, count(tail, pair[1])); i > 0; i--) {
                int end = tail.indexOf(pair[1]) + pair[1].length();
                middle += tail.substring(0, end);
                tail = tail.substring(end);
            }
        }
        if (HTTP.matcher(middle).matches()) {
            String href = middle.startsWith("https://") || middle.startsWith("http://") ? middle : "https://" + middle;
            middle = "<a href=\"" + href + "\"" + relAttr + targetAttr + ">" + trim(middle, trimLimit) + "</a>";
        } else if (middle.startsWith("mailto:") && EMAIL.matcher(middle.substring(7)).matches()) {
            middle = "<a href=\"" + middle + "\">" + middle.substring(7) + "</a>";
        } else if (middle.contains("@") && !middle.startsWith("www.") && !middle.contains(":") && EMAIL.matcher(middle).matches()) {
            middle = "<a href=\"mailto:" + middle + "\">" + middle + "</a>";
        } else {
            for (String scheme : extraSchemes) {
                if (!middle.equals(scheme) && middle.startsWith(scheme)) {
                    middle = "<a href=\"" + middle + "\"" + relAttr + targetAttr + ">" + middle + "</a>";
                }
            }
        }
        return head + middle + tail;
    }

    private static String trim(String url, int limit) {
        return limit >= 0 && url.length() > limit ? url.substring(0, limit) + "..." : url;
    }

    private static int count(String s, String part) {
        int n = 0;
        for (int i = s.indexOf(part); i >= 0; i = s.indexOf(part, i + part.length())) {
            n++;
        }
        return n;
    }
}
