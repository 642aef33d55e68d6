package io.runbook.modules.core;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Ansible's {@code lineinfile} algorithm on the lines of a file (each with its line ending): where a line
 * is replaced, inserted or removed, with the same messages. Pure: the module reads and writes the file.
 */
final class LineEdit {
    private static final String EOL = "\n";

    /** What an edit did: the new lines, whether they differ, Ansible's message, and for absent how many went. */
    record Outcome(List<String> lines, boolean changed, String msg, int found) {
    }

    private LineEdit() {
    }

    /** Splits text after each line ending, keeping the endings (Python's readlines). */
    static List<String> lines(String text) {
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                out.add(text.substring(start, i + 1));
                start = i + 1;
            }
        }
        if (start < text.length()) {
            out.add(text.substring(start));
        }
        return out;
    }

    static Outcome present(List<String> original, Pattern regexp, String search, String line, String insertAfter,
                           String insertBefore, boolean backrefs, boolean firstMatch) {
        List<String> lines = new ArrayList<>(original);
        Pattern ins = insertAfter != null && !insertAfter.equals("BOF") && !insertAfter.equals("EOF")
                ? PythonRegex.compile(insertAfter, "insertafter")
                : insertBefore != null && !insertBefore.equals("BOF") ? PythonRegex.compile(insertBefore, "insertbefore") : null;
        int found = -1;
        int insertAt = -1;
        Matcher match = null;
        boolean exact = false;
        for (int i = 0; i < lines.size() && regexp != null; i++) {
            Matcher m = regexp.matcher(lines.get(i));
            if (m.find()) {
                found = i;
                match = m;
                if (firstMatch) {
                    break;
                }
            }
        }
        boolean searchFound = false;
        for (int i = 0; i < lines.size() && search != null; i++) {
            if (lines.get(i).contains(search)) {
                found = i;
                searchFound = true;
                if (firstMatch) {
                    break;
                }
            }
        }
        if (match == null && !searchFound) {
            for (int i = 0; i < lines.size(); i++) {
                if (strip(lines.get(i)).equals(line)) {
                    found = i;
                    exact = true;
                } else if (ins != null && ins.matcher(lines.get(i)).find()) {
                    insertAt = insertAfter != null ? i + 1 : i;
                    if (firstMatch) {
                        break;
                    }
                }
            }
        }
        if (found != -1) {
            return atFound(lines, found, insertAt, match, regexp == null && search == null && !exact, line, insertAfter, insertBefore, backrefs);
        }
        if (backrefs) {
            return new Outcome(lines, false, "", 0);
        }
        if ("BOF".equals(insertBefore) || "BOF".equals(insertAfter)) {
            lines.add(0, line + EOL);
            return added(lines);
        }
        if ("EOF".equals(insertAfter) || insertAt == -1) {
            if (!lines.isEmpty() && !endsWithEol(lines.get(lines.size() - 1))) {
                lines.add(EOL);
            }
            lines.add(line + EOL);
            return added(lines);
        }
        if (insertAfter != null) {
            return insertAfterAt(lines, insertAt, line);
        }
        lines.add(insertAt, line + EOL);
        return added(lines);
    }

    private static Outcome atFound(List<String> lines, int found, int insertAt, Matcher match, boolean onlyLineMatched,
                                   String line, String insertAfter, String insertBefore, boolean backrefs) {
        String newLine = backrefs && match != null ? PythonRegex.expand(match, line) : line;
        if (!newLine.endsWith(EOL)) {
            newLine += EOL;
        }
        if (onlyLineMatched) {
            // no regexp or search_string, and the exact line was not there either (only possible with insertafter/before)
            return new Outcome(lines, false, "", 0);
        }
        if (!lines.get(found).equals(newLine)) {
            lines.set(found, newLine);
            return new Outcome(lines, true, "line replaced", 0);
        }
        return new Outcome(lines, false, "", 0);
    }

    private static Outcome insertAfterAt(List<String> lines, int at, String line) {
        if (lines.size() == at) {
            if (!strip(lines.get(at - 1)).equals(line)) {
                lines.add(line + EOL);
                return added(lines);
            }
            return new Outcome(lines, false, "", 0);
        }
        if (!strip(lines.get(at)).equals(line)) {
            lines.add(at, line + EOL);
            return added(lines);
        }
        return new Outcome(lines, false, "", 0);
    }

    static Outcome absent(List<String> original, Pattern regexp, String search, String line) {
        List<String> kept = new ArrayList<>();
        int found = 0;
        for (String l : original) {
            boolean hit = regexp != null ? regexp.matcher(l).find() : search != null ? l.contains(search) : strip(l).equals(line);
            if (hit) {
                found++;
            } else {
                kept.add(l);
            }
        }
        return new Outcome(kept, found > 0, found > 0 ? found + " line(s) removed" : "", found);
    }

    private static Outcome added(List<String> lines) {
        return new Outcome(lines, true, "line added", 0);
    }

    private static String strip(String l) {
        int end = l.length();
        while (end > 0 && (l.charAt(end - 1) == '\n' || l.charAt(end - 1) == '\r')) {
            end--;
        }
        return l.substring(0, end);
    }

    private static boolean endsWithEol(String l) {
        return l.endsWith("\n") || l.endsWith("\r");
    }
}
