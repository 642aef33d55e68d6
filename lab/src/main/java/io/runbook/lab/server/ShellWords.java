package io.runbook.lab.server;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The script of a lab container's {@code sh -c}, read as a POSIX shell reads the part of its grammar
 * {@link ExecShell} runs: simple commands, their words (quotes, backslashes, {@code $NAME}, {@code ${NAME}},
 * {@code $?}), their redirections of the two output streams, and the operators between them. Pipelines, other
 * redirections and substitutions are refused by name rather than misread.
 */
final class ShellWords {
  private ShellWords() {
  }

  /** One word: literal text and variables, expanded when its command runs (after the commands before it). */
  record Word(List<String> parts) {
    String expand(Map<String, String> vars) {
      StringBuilder sb = new StringBuilder();
      for (String part : parts) {
        sb.append(part.startsWith("$") ? vars.getOrDefault(part.substring(1), "") : part.substring(1));
      }
      return sb.toString();
    }
  }

  /** A simple command, its redirections in order, and the operator after it ({@code ;}, {@code &&} or {@code ||}). */
  record Command(List<Word> words, List<String> redirects, String then) {
    /** Sends the command's output where its redirections say: each stream to out, err, or nowhere. */
    void redirect(CharSequence stdout, CharSequence stderr, StringBuilder out, StringBuilder err) {
      StringBuilder one = out;
      StringBuilder two = err;
      for (String r : redirects) {
        switch (r) {
          case ">&2", "1>&2" -> one = two;
          case "2>&1" -> two = one;
          case ">/dev/null", "1>/dev/null" -> one = null;
          default -> two = null;  // 2>/dev/null
        }
      }
      if (one != null) {
        one.append(stdout);
      }
      if (two != null) {
        two.append(stderr);
      }
    }
  }

  private static final List<String> REDIRECTS = List.of(">&2", "1>&2", "2>&1", ">/dev/null", "1>/dev/null", "2>/dev/null");

  /** The script's commands; IllegalArgumentException with the shell's complaint for what the lab does not run. */
  static List<Command> parse(String script) {
    List<Command> commands = new ArrayList<>();
    Reader reader = new Reader(script);
    List<Word> words = new ArrayList<>();
    List<String> redirects = new ArrayList<>();
    while (true) {
      reader.skipBlanks();
      String operator = reader.operator();
      if (operator != null || reader.done()) {
        if (operator != null && !operator.equals(";") && words.isEmpty()) {
          throw new IllegalArgumentException("Syntax error: \"" + operator + "\" unexpected");
        }
        if (!words.isEmpty() || !redirects.isEmpty()) {
          commands.add(new Command(List.copyOf(words), List.copyOf(redirects), operator == null ? ";" : operator));
        }
        words.clear();
        redirects.clear();
        if (reader.done()) {
          return commands;
        }
        continue;
      }
      Reader.Read word = reader.word();
      if (!word.quoted() && REDIRECTS.contains(word.raw())) {
        redirects.add(word.raw());
      } else {
        words.add(word.word());
      }
    }
  }

  /** Reads a script character by character. */
  private static final class Reader {
    record Read(Word word, String raw, boolean quoted) {
    }

    private final String text;
    private int at;

    Reader(String text) {
      this.text = text;
    }

    boolean done() {
      return at >= text.length();
    }

    void skipBlanks() {
      while (!done() && (text.charAt(at) == ' ' || text.charAt(at) == '\t')) {
        at++;
      }
      if (!done() && text.charAt(at) == '#') {
        while (!done() && text.charAt(at) != '\n') {
          at++;
        }
      }
    }

    String operator() {
      for (String op : List.of("&&", "||", ";", "\n")) {
        if (text.startsWith(op, at)) {
          at += op.length();
          return op.equals("\n") ? ";" : op;
        }
      }
      char c = done() ? ' ' : text.charAt(at);
      if (c == '|' || c == '&' || c == '(' || c == ')' || c == '`') {
        throw new IllegalArgumentException("the lab's shell does not run \"" + c + "\" (pipelines, background jobs,"
            + " subshells, substitutions)");
      }
      return null;
    }

    Read word() {
      List<String> parts = new ArrayList<>();
      StringBuilder raw = new StringBuilder();
      boolean quoted = false;
      boolean redirection = false;
      while (!done()) {
        char c = text.charAt(at);
        if (c == ' ' || c == '\t' || c == '\n' || c == ';' || c == '|' || c == '&' && !raw.toString().endsWith(">")) {
          break;
        }
        at++;
        raw.append(c);
        switch (c) {
          case '\'' -> {
            quoted = true;
            int end = text.indexOf('\'', at);
            if (end < 0) {
              throw new IllegalArgumentException("Syntax error: Unterminated quoted string");
            }
            parts.add("=" + text.substring(at, end));
            at = end + 1;
          }
          case '"' -> {
            quoted = true;
            doubleQuoted(parts);
          }
          case '\\' -> {
            quoted = true;
            if (!done()) {
              parts.add("=" + text.charAt(at++));
            }
          }
          case '$' -> variable(parts);
          case '<', '>' -> {
            redirection = true;
            parts.add("=" + c);
          }
          default -> parts.add("=" + c);
        }
      }
      if (redirection && (quoted || !REDIRECTS.contains(raw.toString()))) {
        throw new IllegalArgumentException("the lab's shell redirects only with " + String.join(", ", REDIRECTS)
            + ", each a word of its own");
      }
      return new Read(new Word(parts), raw.toString(), quoted);
    }

    private void doubleQuoted(List<String> parts) {
      while (true) {
        if (done()) {
          throw new IllegalArgumentException("Syntax error: Unterminated quoted string");
        }
        char c = text.charAt(at++);
        if (c == '"') {
          return;
        }
        if (c == '\\' && !done() && "\"\\$`".indexOf(text.charAt(at)) >= 0) {
          parts.add("=" + text.charAt(at++));
        } else if (c == '$') {
          variable(parts);
        } else if (c == '`') {
          throw new IllegalArgumentException("the lab's shell does not run \"`\" (substitutions)");
        } else {
          parts.add("=" + c);
        }
      }
    }

    /** After a {@code $}: the variable it names ({@code $NAME}, {@code ${NAME}}, {@code $?}), or a plain {@code $}. */
    private void variable(List<String> parts) {
      if (!done() && text.charAt(at) == '?') {
        at++;
        parts.add("$?");
        return;
      }
      if (!done() && text.charAt(at) == '(') {
        throw new IllegalArgumentException("the lab's shell does not run \"$(\" (substitutions)");
      }
      boolean braced = !done() && text.charAt(at) == '{';
      int start = braced ? at + 1 : at;
      int end = start;
      while (end < text.length() && (Character.isLetterOrDigit(text.charAt(end)) || text.charAt(end) == '_')) {
        end++;
      }
      if (end == start || braced && (end >= text.length() || text.charAt(end) != '}')) {
        parts.add("=$");
        return;
      }
      parts.add("$" + text.substring(start, end));
      at = braced ? end + 1 : end;
    }
  }
}
