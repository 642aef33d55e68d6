package io.runbook.engine.vars;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Ansible's regex_replace, regex_search and regex_findall: Python's re.sub, re.search and re.findall. */
final class TextPatterns {
    private static final Pattern GROUP_ARG = Pattern.compile("\\\\g<(\\S+)>|\\\\(\\d+)");

    private TextPatterns() {
    }

    /** regex_replace(pattern, replacement, ignorecase=False, multiline=False, count=0). */
    static Object replace(Object value, Arguments args) {
        Pattern pattern = PyRegex.compile(args.get(0, "pattern", ""), PyValues.truthy(args.get(2, "ignorecase", false)),
                PyValues.truthy(args.get(3, "multiline", false)), "regex_replace");
        String replacement = ValueText.of(args.get(1, "replacement", ""));
        int count = Numbers.whole(args.get(4, "count", 0), "regex_replace");
        Matcher m = pattern.matcher(ValueText.of(value));
        StringBuilder out = new StringBuilder();
        int done = 0;
        while ((count <= 0 || done < count) && m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(PyRegex.expand(replacement, m)));
            done++;
        }
        m.appendTail(out);
        return out.toString();
    }

    /**
     * regex_search(regex, '\\1', '\\g<name>'…, ignorecase=, multiline=): the first match, or the list of the
     * groups asked for; None when nothing matches.
     */
    static Object search(Object value, Arguments args) {
        if (args.positional().isEmpty()) {
            throw new ExpressionFailure("filter 'regex_search' needs a pattern: regex_search('v[0-9]+')");
        }
        for (String keyword : args.named().keySet()) {
            if (!keyword.equals("ignorecase") && !keyword.equals("multiline")) {
                throw new ExpressionFailure("filter 'regex_search' has no argument '" + keyword + "'");
            }
        }
        List<String> groups = new ArrayList<>();
        for (Object arg : args.rest(1)) {
            Matcher g = GROUP_ARG.matcher(ValueText.of(arg));
            if (!g.lookingAt()) {
                throw new ExpressionFailure("regex_search: unknown argument '" + ValueText.of(arg) + "' (groups are '\\\\1' or '\\\\g<name>')");
            }
            groups.add(g.group(1) != null ? g.group(1) : g.group(2));
        }
        Matcher m = PyRegex.compile(args.positional().get(0), PyValues.truthy(args.named().get("ignorecase")),
                PyValues.truthy(args.named().get("multiline")), "regex_search").matcher(ValueText.of(value));
        if (!m.find()) {
            return null;
        }
        if (groups.isEmpty()) {
            return m.group();
        }
        List<Object> out = new ArrayList<>();
        for (String g : groups) {
            try {
                out.add(g.chars().allMatch(Character::isDigit) ? m.group(Integer.parseInt(g)) : m.group(g));
            } catch (IndexOutOfBoundsException | IllegalArgumentException e) {
                throw new ExpressionFailure("regex_search: no such group " + g);
            }
        }
        return out;
    }

    /** regex_findall(regex, multiline=False, ignorecase=False): every match; the groups of each when there are groups. */
    static Object findall(Object value, Arguments args) {
        Matcher m = PyRegex.compile(args.get(0, "regex", ""), PyValues.truthy(args.get(2, "ignorecase", false)),
                PyValues.truthy(args.get(1, "multiline", false)), "regex_findall").matcher(ValueText.of(value));
        List<Object> out = new ArrayList<>();
        while (m.find()) {
            if (m.groupCount() == 0) {
                out.add(m.group());
            } else if (m.groupCount() == 1) {
                out.add(m.group(1) == null ? "" : m.group(1));
            } else {
                List<Object> groups = new ArrayList<>();
                for (int i = 1; i <= m.groupCount(); i++) {
                    groups.add(m.group(i) == null ? "" : m.group(i));
                }
                out.add(new PyTuple(groups));
            }
        }
        return out;
    }
}
