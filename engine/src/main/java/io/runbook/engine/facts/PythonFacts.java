package io.runbook.engine.facts;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Ansible's {@code ansible_python} and {@code ansible_python_version} facts: the Python interpreter of a host
 * (its {@code executable}, {@code version}, {@code version_info}, {@code type}, {@code has_sslcontext}), which
 * Ansible's modules run with. The engine needs no Python, so these facts are there only when the host has one:
 * {@code ansible_python_interpreter} when set (not {@code auto…}), else {@code /usr/bin/python3} (what Ansible's
 * discovery picks on Debian, Ubuntu and the Red Hat family), else {@code python3} on the PATH. The interpreter
 * answers one short {@link #PROBE} ({@code -S}: no site packages, about 30 ms), once per interpreter per run for
 * the controller; over SSH it is a line of the facts script.
 */
public final class PythonFacts {
    /**
     * Prints the interpreter's path, {@code major minor micro releaselevel serial}, its implementation's name and
     * whether it has SSLContext, one per line (Python 2 and 3; no single quote, so a shell can quote it).
     */
    public static final String PROBE = String.join("\n",
            "import sys",
            "v = sys.version_info",
            "try:",
            "    import _ssl",
            "    s = hasattr(_ssl, \"_SSLContext\")",
            "except ImportError:",
            "    s = False",
            "i = getattr(sys, \"implementation\", None)",
            "print(sys.executable)",
            "print(\"%d %d %d %s %d\" % tuple(v[:5]))",
            "print(i.name if i else sys.subversion[0])",
            "print(s)",
            "");
    private static final Map<String, CompletableFuture<Map<String, Object>>> LOCAL = new ConcurrentHashMap<>();

    private PythonFacts() {
    }

    /**
     * Starts asking the controller's interpreter for its facts (once per interpreter, shared by every host that
     * has it), so the rest of the gathering runs meanwhile; {@link CompletableFuture#join} gives them, empty when
     * there is no Python. A bare name is looked for on the run's {@code PATH}.
     */
    public static CompletableFuture<Map<String, Object>> local(Object interpreterVar, io.runbook.engine.env.RunEnvironment env) {
        String interpreter = localInterpreter(interpreterVar, env.get("PATH"));
        if (interpreter == null) {
            return CompletableFuture.completedFuture(Map.of());
        }
        return LOCAL.computeIfAbsent(interpreter, i -> CompletableFuture.supplyAsync(() -> probe(i)));
    }

    /** The interpreter {@code ansible_python_interpreter} names, else the one found as the class says; null: none. */
    static String localInterpreter(Object interpreterVar, String path) {
        String given = interpreterVar == null ? "" : String.valueOf(interpreterVar).strip();
        if (!given.isEmpty() && !given.startsWith("auto")) {
            return given.contains("/") ? given : onPath(given, path);
        }
        return Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : onPath("python3", path);
    }

    /** The first executable {@code name} in the folders of {@code path} (as {@code command -v}); null: none. */
    static String onPath(String name, String path) {
        for (String dir : (path == null ? "" : path).split(":")) {
            Path p = Path.of(dir.isEmpty() ? "." : dir, name);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return p.toString();
            }
        }
        return null;
    }

    private static Map<String, Object> probe(String interpreter) {
        try {
            Process p = io.runbook.engine.module.SpawnLock.start(new ProcessBuilder(interpreter, "-S", "-c", PROBE)
                    .redirectError(ProcessBuilder.Redirect.DISCARD));
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readNBytes(64 * 1024);
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return Map.of();
            }
            return p.exitValue() == 0 ? parse(new String(out, StandardCharsets.UTF_8)) : Map.of();
        } catch (IOException e) {
            return Map.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Map.of();
        }
    }

    /** The facts ({@code python}, {@code python_version}) from {@link #PROBE}'s output; empty when it is not that. */
    public static Map<String, Object> parse(String probeOutput) {
        List<String> lines = probeOutput.strip().lines().map(String::strip).toList();
        if (lines.size() < 4) {
            return Map.of();
        }
        List<String> v = Arrays.asList(lines.get(1).split("\\s+"));
        if (v.size() != 5 || !v.get(0).matches("\\d+") || !v.get(1).matches("\\d+") || !v.get(2).matches("\\d+")
                || !v.get(4).matches("\\d+")) {
            return Map.of();
        }
        Map<String, Object> version = new LinkedHashMap<>();
        version.put("major", Integer.parseInt(v.get(0)));
        version.put("minor", Integer.parseInt(v.get(1)));
        version.put("micro", Integer.parseInt(v.get(2)));
        version.put("releaselevel", v.get(3));
        version.put("serial", Integer.parseInt(v.get(4)));
        Map<String, Object> python = new LinkedHashMap<>();
        python.put("executable", lines.get(0));
        python.put("has_sslcontext", lines.get(3).equals("True"));
        python.put("type", lines.get(2));
        python.put("version", version);
        python.put("version_info", List.copyOf(version.values()));
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("python", python);
        facts.put("python_version", versionText(v));
        return facts;
    }

    /** As Python's platform.python_version(): {@code 3.11.2}, {@code 3.13.0rc1}. */
    private static String versionText(List<String> v) {
        String base = v.get(0) + "." + v.get(1) + "." + v.get(2);
        return switch (v.get(3)) {
            case "alpha" -> base + "a" + v.get(4);
            case "beta" -> base + "b" + v.get(4);
            case "candidate" -> base + "rc" + v.get(4);
            default -> base;
        };
    }
}
