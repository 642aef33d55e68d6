package io.runbook.engine.facts;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * ansible-core 2.14's cmdline collector: {@code cmdline} (each word of /proc/cmdline, {@code key=value} or
 * {@code key: true}, the last value of a key kept) and {@code proc_cmdline} (a key given more than once: the list
 * of its values), the words split as Python's shlex.split(posix=False) splits them; none without the file.
 */
public final class KernelCmdline {
    /** shlex's whitespace. */
    private static final String WHITESPACE = " \t\r\n";
    private KernelCmdline() {
    }

    public static Map<String, Object> facts(String data) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (data == null) {
            return out;
        }
        List<String> words = words(data);
        Map<String, Object> cmdline = new LinkedHashMap<>();
        Map<String, Object> proc = new LinkedHashMap<>();
        for (String word : words) {
            String[] item = word.split("=", 2);
            if (item.length == 1) {
                cmdline.put(item[0], true);
                proc.put(item[0], true);
                continue;
            }
            cmdline.put(item[0], item[1]);
            Object before = proc.get(item[0]);
            if (before instanceof List<?> list) {
                @SuppressWarnings("unchecked")
                List<Object> values = (List<Object>) list;
                values.add(item[1]);
            } else if (proc.containsKey(item[0])) {
                proc.put(item[0], new ArrayList<>(List.of(before, item[1])));
            } else {
                proc.put(item[0], item[1]);
            }
        }
        out.put("cmdline", cmdline);
        out.put("proc_cmdline", proc);
        return out;
    }

    /**
     * shlex.split(data, posix=False): words split at whitespace; a word that starts with a quote runs to the matching
     * quote, which ends it, quotes kept; a quote inside a word is a character. No closing quote: no words at all
     * (Python's ValueError, which Ansible passes over).
     */
    static List<String> words(String data) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < data.length()) {
            char c = data.charAt(i);
            if (WHITESPACE.indexOf(c) >= 0) {
                i++;
            } else if (c == '"' || c == '\'') {
                int end = data.indexOf(c, i + 1);
                if (end < 0) {
                    return List.of();
                }
                out.add(data.substring(i, end + 1));
                i = end + 1;
            } else {
                int end = i;
                while (end < data.length() && WHITESPACE.indexOf(data.charAt(end)) < 0) {
                    end++;
                }
                out.add(data.substring(i, end));
                i = end;
            }
        }
        return out;
    }
}
