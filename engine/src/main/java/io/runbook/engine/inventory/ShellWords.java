package io.runbook.engine.inventory;

import io.runbook.engine.error.SourcePosition;
import io.runbook.engine.error.UserError;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits an INI host line into words as Python's {@code shlex.split(line, comments=True)} does: single quotes
 * keep everything, double quotes keep everything but {@code \"} and {@code \\}, a backslash outside quotes escapes
 * the next character, and a {@code #} outside quotes ends the line. Without comments, as {@code shlex.split(line)}, it
 * also splits a command line such as {@code $EDITOR} ({@code engine.jar vault edit}).
 */
public final class ShellWords {
    private ShellWords() {
    }

    static List<String> split(String line, SourcePosition where) {
        return split(line, where, true);
    }

    /** As {@code shlex.split(line, comments=comments)}; an unclosed quote is a {@link UserError} at {@code where}. */
    public static List<String> split(String line, SourcePosition where, boolean comments) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '#' && comments) {
                break;
            }
            if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
                continue;
            }
            inWord = true;
            if (c == '\'' || c == '"') {
                i = quoted(line, i, word, where);
            } else if (c == '\\' && i + 1 < line.length()) {
                word.append(line.charAt(++i));
            } else {
                word.append(c);
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }

    /** Appends the quoted text starting at {@code start}; returns the index of the closing quote. */
    private static int quoted(String line, int start, StringBuilder word, SourcePosition where) {
        char quote = line.charAt(start);
        for (int i = start + 1; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == quote) {
                return i;
            }
            if (quote == '"' && c == '\\' && i + 1 < line.length() && "\"\\".indexOf(line.charAt(i + 1)) >= 0) {
                c = line.charAt(++i);
            }
            word.append(c);
        }
        throw new UserError(where, "unclosed " + (quote == '"' ? "double" : "single") + " quote in '" + line.strip() + "'");
    }
}
