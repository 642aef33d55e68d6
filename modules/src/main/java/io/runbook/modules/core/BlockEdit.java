package io.runbook.modules.core;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Ansible's {@code blockinfile} algorithm on a file's text: the lines between the two marker lines replaced by the
 * block (or removed), or the marked block inserted where {@code insertafter}/{@code insertbefore} say, with the same
 * messages. Pure: the module reads and writes the file.
 */
final class BlockEdit {
    private static final String EOL = "\n";

    /** What the edit gives: the new text and Ansible's message ({@code ""} when nothing changes). */
    record Outcome(String text, boolean changed, String msg) {
    }

    private BlockEdit() {
    }

    /**
     * @param original the file's text, null when there is no file yet
     * @param block the block without markers; empty (or {@code present} false) removes the marked block
     * @param insertAfter EOF or a Python regex; null when {@code insertBefore} is given
     * @param insertBefore BOF or a Python regex, or null
     * @throws IllegalArgumentException when a regex is not valid
     */
    static Outcome edit(String original, String block, String beginMarker, String endMarker, String insertAfter,
                        String insertBefore, boolean present) {
        List<String> lines = original == null ? new ArrayList<>() : splitLines(original);
        String after = insertAfter == null && insertBefore == null ? "EOF" : insertAfter;
        String begin = beginMarker + EOL;
        String end = endMarker + EOL;
        List<String> blockLines = new ArrayList<>();
        if (present && !block.isEmpty()) {
            blockLines.add(begin);
            blockLines.addAll(splitLines(block.endsWith(EOL) ? block : block + EOL));
            blockLines.add(end);
        }
        int n0 = -1;
        int n1 = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).equals(begin)) {
                n0 = i;
            }
            if (lines.get(i).equals(end)) {
                n1 = i;
            }
        }
        int at;
        if (n0 < 0 || n1 < 0) {
            at = insertionPoint(original, lines, after, insertBefore);
        } else {
            // as Ansible: the last begin and the last end marker, whichever comes first
            at = Math.min(n0, n1);
            lines.subList(at, Math.max(n0, n1) + 1).clear();
        }
        if (at > 0 && !lines.get(at - 1).endsWith(EOL)) {
            lines.set(at - 1, lines.get(at - 1) + EOL);
        }
        lines.addAll(at, blockLines);
        String result = String.join("", lines);
        if (result.equals(original)) {
            return new Outcome(result, false, "");
        }
        String msg = original == null ? "File created" : blockLines.isEmpty() ? "Block removed" : "Block inserted";
        return new Outcome(result, true, msg);
    }

    /** Where a block with no markers in the file goes: Ansible's rules for EOF, BOF and a regex (MULTILINE: on the text). */
    private static int insertionPoint(String original, List<String> lines, String insertAfter, String insertBefore) {
        String regex = insertAfter != null && !insertAfter.equals("EOF") ? insertAfter
                : insertBefore != null && !insertBefore.equals("BOF") ? insertBefore : null;
        if (regex == null) {
            return insertBefore != null ? 0 : lines.size();
        }
        Pattern insert = PythonRegex.compile(regex, insertAfter != null ? "insertafter" : "insertbefore", 0);
        int at = -1;
        if (PythonRegex.multiline(regex)) {
            Matcher m = original == null ? null : insert.matcher(original);
            if (m != null && m.find()) {
                at = newlines(original, insertAfter != null ? m.end() : m.start());
            }
        } else {
            for (int i = 0; i < lines.size(); i++) {
                if (insert.matcher(lines.get(i)).find()) {
                    at = i;
                }
            }
        }
        if (at < 0) {
            return lines.size();
        }
        return insertAfter != null ? at + 1 : at;
    }

    private static int newlines(String text, int end) {
        int count = 0;
        for (int i = 0; i < end; i++) {
            if (text.charAt(i) == '\n') {
                count++;
            }
        }
        return count;
    }

    /** Python's {@code splitlines(True)} on bytes: lines end at {@code \n}, {@code \r\n} or {@code \r}, kept. */
    static List<String> splitLines(String text) {
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                out.add(text.substring(start, i + 1));
                start = i + 1;
            }
        }
        if (start < text.length()) {
            out.add(text.substring(start));
        }
        return out;
    }
}
