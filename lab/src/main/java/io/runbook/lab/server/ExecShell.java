package io.runbook.lab.server;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a command run in a lab container ({@code pods/exec}) does. Lab pods run nothing, so the lab simulates a small
 * POSIX userland instead of starting processes on the lab's machine (its API servers take any request on loopback,
 * unauthenticated): {@code echo [-n]}, {@code printf} (its format, {@code %s} and {@code \n}), {@code hostname} (the
 * pod's name), {@code env}, {@code printenv [NAME...]}, {@code true}, {@code false}, {@code :}, and a shell
 * ({@code sh -c}, {@code bash -c}, {@code /bin/sh -c}) whose script is simple commands joined by {@code ;},
 * {@code &&}, {@code ||} or newlines, with quotes, {@code $NAME}/{@code ${NAME}}/{@code $?}, {@code exit N} and the
 * redirections {@code >&2}, {@code 1>&2}, {@code 2>&1}, {@code >/dev/null}, {@code 2>/dev/null}. The environment is
 * the container's literal {@code env} values with {@code HOSTNAME}, {@code HOME} and {@code PATH}. A program the
 * container does not have fails to start as containerd says it; in a script it is the shell's {@code not found}, 127.
 */
final class ExecShell {
  /** What the command did: its output and exit code, or why it could not start (then no output, no exit code). */
  record Outcome(String stdout, String stderr, int exitCode, String startFailure) {
  }

  private static final List<String> SHELLS = List.of("sh", "bash", "ash", "dash");
  private final Map<String, String> environment;

  ExecShell(String pod, Map<String, String> containerEnv) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
    env.put("HOSTNAME", pod);
    env.put("HOME", "/root");
    env.putAll(containerEnv);
    this.environment = env;
  }

  /** Runs {@code argv} as the container's runtime starts it. */
  Outcome exec(List<String> argv) {
    String program = argv.isEmpty() ? "" : basename(argv.get(0));
    if (!SHELLS.contains(program) && !Builtin.known(program)) {
      return new Outcome("", "", -1, "failed to exec in container: OCI runtime exec failed: exec failed: unable to start"
          + " container process: exec: \"" + (argv.isEmpty() ? "" : argv.get(0)) + "\": executable file not found in $PATH: unknown");
    }
    Streams out = new Streams();
    int rc = run(argv, out, 0);
    return new Outcome(out.stdout.toString(), out.stderr.toString(), rc, null);
  }

  /** Where a command's output goes: the exec's two streams. */
  private static final class Streams {
    final StringBuilder stdout = new StringBuilder();
    final StringBuilder stderr = new StringBuilder();
  }

  private int run(List<String> argv, Streams out, int depth) {
    String program = basename(argv.get(0));
    if (SHELLS.contains(program)) {
      if (argv.size() < 3 || !argv.get(1).equals("-c")) {
        return 0;  // an interactive shell with no stdin: it reads nothing and ends
      }
      if (depth > 8) {
        out.stderr.append(program).append(": too many nested shells\n");
        return 2;
      }
      return script(program, argv.get(2), out, depth + 1);
    }
    return Builtin.run(program, argv.subList(1, argv.size()), environment, out.stdout, out.stderr);
  }

  private int script(String shell, String text, Streams out, int depth) {
    List<ShellWords.Command> commands;
    try {
      commands = ShellWords.parse(text);
    } catch (IllegalArgumentException e) {
      out.stderr.append(shell).append(": 1: ").append(e.getMessage()).append('\n');
      return 2;
    }
    int status = 0;
    String previous = ";";
    for (ShellWords.Command command : commands) {
      boolean skip = previous.equals("&&") && status != 0 || previous.equals("||") && status == 0;
      previous = command.then();
      if (skip || command.words().isEmpty()) {
        continue;
      }
      Map<String, String> vars = new LinkedHashMap<>(environment);
      vars.put("?", String.valueOf(status));
      List<String> argv = new ArrayList<>();
      command.words().forEach(w -> argv.add(w.expand(vars)));
      if (argv.get(0).equals("exit")) {
        return argv.size() > 1 ? parseStatus(argv.get(1)) : status;
      }
      Streams own = new Streams();
      String name = basename(argv.get(0));
      if (SHELLS.contains(name) || Builtin.known(name)) {
        status = run(argv, own, depth);
      } else {
        own.stderr.append(shell).append(": 1: ").append(argv.get(0)).append(": not found\n");
        status = 127;
      }
      command.redirect(own.stdout, own.stderr, out.stdout, out.stderr);
    }
    return status;
  }

  private static int parseStatus(String text) {
    try {
      return Integer.parseInt(text) & 0xff;
    } catch (NumberFormatException e) {
      return 2;
    }
  }

  private static String basename(String program) {
    return program.substring(program.lastIndexOf('/') + 1);
  }
}
