package io.runbook.lab.server;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** The programs a lab container has ({@link ExecShell}): each writes its output and returns its exit code. */
final class Builtin {
  private static final Set<String> PROGRAMS = Set.of("echo", "printf", "hostname", "env", "printenv", "true", "false", ":");

  private Builtin() {
  }

  static boolean known(String program) {
    return PROGRAMS.contains(program);
  }

  static int run(String program, List<String> args, Map<String, String> env, StringBuilder out, StringBuilder err) {
    switch (program) {
      case "echo" -> {
        boolean newline = args.isEmpty() || !args.get(0).equals("-n");
        out.append(String.join(" ", newline ? args : args.subList(1, args.size()))).append(newline ? "\n" : "");
        return 0;
      }
      case "printf" -> {
        return printf(args, out, err);
      }
      case "hostname" -> {
        out.append(env.get("HOSTNAME")).append('\n');
        return 0;
      }
      case "env" -> {
        env.forEach((k, v) -> out.append(k).append('=').append(v).append('\n'));
        return 0;
      }
      case "printenv" -> {
        if (args.isEmpty()) {
          return run("env", args, env, out, err);
        }
        int rc = 0;
        for (String name : args) {
          if (env.containsKey(name)) {
            out.append(env.get(name)).append('\n');
          } else {
            rc = 1;
          }
        }
        return rc;
      }
      case "false" -> {
        return 1;
      }
      default -> {
        return 0;  // true, :
      }
    }
  }

  /** printf's format with {@code %s}, {@code %d}, {@code %%} and the escapes {@code \n}, {@code \t}, {@code \\}, reused for extra arguments. */
  private static int printf(List<String> args, StringBuilder out, StringBuilder err) {
    if (args.isEmpty()) {
      err.append("printf: usage: printf format [arguments]\n");
      return 2;
    }
    String format = args.get(0);
    int next = 1;
    int before;
    do {
      before = next;
      for (int i = 0; i < format.length(); i++) {
        char c = format.charAt(i);
        char following = i + 1 < format.length() ? format.charAt(i + 1) : 0;
        if (c == '\\' && following != 0) {
          out.append(switch (following) {
            case 'n' -> '\n';
            case 't' -> '\t';
            default -> following;
          });
          i++;
        } else if (c == '%' && following == '%') {
          out.append('%');
          i++;
        } else if (c == '%' && (following == 's' || following == 'd')) {
          out.append(next < args.size() ? args.get(next) : following == 'd' ? "0" : "");
          next++;
          i++;
        } else {
          out.append(c);
        }
      }
    } while (next < args.size() && next > before);
    return 0;
  }
}
