package io.runbook.engine.vars;

import io.runbook.engine.error.SourcePosition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** TEMPORARY stand-in until the vars branch lands: {{ path }} substitution only. */
public final class Templar {
    private static final Pattern TAG = Pattern.compile("\\{\\{\\s*([^}]+?)\\s*}}");

    public Object render(Object value, Map<String, Object> vars, SourcePosition where) {
        if (value instanceof String s) {
            Matcher m = TAG.matcher(s);
            if (m.matches()) {
                return lookup(m.group(1), vars, where);
            }
            return renderString(s, vars, where);
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(render(k, vars, where)), render(v, vars, where)));
            return out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            list.forEach(v -> out.add(render(v, vars, where)));
            return out;
        }
        return value;
    }

    public String renderString(String template, Map<String, Object> vars, SourcePosition where) {
        Matcher m = TAG.matcher(template);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(sb, Matcher.quoteReplacement(String.valueOf(lookup(m.group(1), vars, where))));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    public static boolean isTemplate(Object value) {
        return value instanceof String s && s.contains("{{");
    }

    @SuppressWarnings("unchecked")
    static Object lookup(String path, Map<String, Object> vars, SourcePosition where) {
        Object cur = vars;
        for (String part : path.trim().split("\\.")) {
            if (cur instanceof Map<?, ?> m && m.containsKey(part)) {
                cur = ((Map<String, Object>) m).get(part);
            } else if (cur instanceof List<?> l && part.matches("\\d+") && Integer.parseInt(part) < l.size()) {
                cur = l.get(Integer.parseInt(part));
            } else {
                throw new UndefinedVariableError(where, path.trim(), null);
            }
        }
        return cur;
    }
}
