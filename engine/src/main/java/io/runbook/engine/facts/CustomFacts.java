package io.runbook.engine.facts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Ansible's custom facts ({@code ansible_local}): every {@code *.fact} file of the fact path
 * ({@code /etc/ansible/facts.d} unless {@code fact_path} says otherwise), in name order, under its name without
 * {@code .fact}; an executable one is run and its output read. What is read is JSON, else INI (sections of
 * {@code key = value}, keys in lower case, as Python's configparser reads them); a fact that cannot be read or run
 * is a message in its place and a warning, as in Ansible.
 */
public final class CustomFacts {
    /** Ansible's default fact_path. */
    public static final String DEFAULT_PATH = "/etc/ansible/facts.d";
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final long RUN_SECONDS = 60;

    private CustomFacts() {
    }

    /** The custom facts of this machine. */
    public static Map<String, Object> read(Path factPath, io.runbook.engine.env.RunEnvironment env, Consumer<String> warn)
            throws InterruptedException {
        Map<String, Object> out = new LinkedHashMap<>();
        if (!Files.isDirectory(factPath)) {
            return out;
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(factPath)) {
            // as Python's glob of *.fact: hidden files are not matched
            files = list.filter(p -> p.getFileName().toString().endsWith(".fact"))
                    .filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList();
        } catch (IOException e) {
            return out;
        }
        for (Path f : files) {
            String name = f.getFileName().toString().replace(".fact", "");
            Boolean executable = ownerExecutable(f);
            if (executable == null) {
                // a dangling link, or a file gone meanwhile: Ansible's message, not an empty fact
                String msg = "Could not stat fact (" + f + "): [Errno 2] No such file or directory: '" + f + "'";
                out.put(name, msg);
                warn.accept(msg);
                continue;
            }
            if (executable) {
                String[] ran = run(f, env);
                if (ran[1] != null) {
                    out.put(name, ran[1]);
                    warn.accept(ran[1]);
                    continue;
                }
                out.put(name, parse(f.toString(), ran[0], warn));
            } else {
                String text;
                try {
                    text = Files.readString(f, StandardCharsets.UTF_8);
                } catch (IOException e) {
                    text = "";
                }
                out.put(name, parse(f.toString(), text, warn));
            }
        }
        return out;
    }

    /**
     * Whether the file (a link followed) has its owner's execute bit, which is what makes Ansible run it (not whether
     * this user may run it); null when it cannot be stat'ed.
     */
    private static Boolean ownerExecutable(Path f) {
        try {
            return Files.getPosixFilePermissions(f).contains(java.nio.file.attribute.PosixFilePermission.OWNER_EXECUTE);
        } catch (java.nio.file.NoSuchFileException e) {
            return null;
        } catch (IOException | UnsupportedOperationException e) {
            return Files.isExecutable(f);
        }
    }

    /** {output, failure}: the script's output, or why it failed (Ansible's message). */
    private static String[] run(Path script, io.runbook.engine.env.RunEnvironment env) throws InterruptedException {
        try {
            Process p = io.runbook.engine.module.SpawnLock.start(env.applyTo(new ProcessBuilder(script.toString()))
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))));
            java.util.concurrent.CompletableFuture<byte[]> err = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try {
                    return p.getErrorStream().readAllBytes();
                } catch (IOException e) {
                    return new byte[0];
                }
            });
            byte[] out = p.getInputStream().readNBytes(4 * 1024 * 1024);
            if (!p.waitFor(RUN_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new String[] {null, "Failure executing fact script (" + script + "), rc: None, err: timed out after " + RUN_SECONDS + " s"};
            }
            String stderr = new String(err.join(), StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                return new String[] {null, "Failure executing fact script (" + script + "), rc: " + p.exitValue() + ", err: " + stderr};
            }
            return new String[] {new String(out, StandardCharsets.UTF_8), null};
        } catch (IOException e) {
            return new String[] {null, "Could not execute fact script (" + script + "): " + e.getMessage()};
        }
    }

    /** A fact's text (a file's, or a script's output): JSON, else INI, else Ansible's message. */
    public static Object parse(String file, String text, Consumer<String> warn) {
        try {
            return JSON.readValue(text, Object.class);
        } catch (JsonProcessingException e) {
            Map<String, Object> ini = ini(text);
            if (ini == null) {
                String msg = "error loading facts as JSON or ini - please check content: " + file;
                warn.accept(msg);
                return msg;
            }
            return ini;
        }
    }

    /** Python's configparser, as Ansible uses it: sections of options; null when the text is not INI. */
    private static Map<String, Object> ini(String text) {
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, Object> section = null;
        String lastKey = null;
        for (String raw : text.split("\\R")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            if (Character.isWhitespace(raw.charAt(0)) && section != null && lastKey != null) {
                section.put(lastKey, section.get(lastKey) + "\n" + line);
                continue;
            }
            if (line.startsWith("[") && line.endsWith("]")) {
                String name = line.substring(1, line.length() - 1);
                @SuppressWarnings("unchecked")
                Map<String, Object> existing = (Map<String, Object>) out.computeIfAbsent(name, k -> new LinkedHashMap<String, Object>());
                section = existing;
                lastKey = null;
                continue;
            }
            int eq = firstOf(line, '=', ':');
            if (section == null || eq <= 0) {
                return null;
            }
            lastKey = line.substring(0, eq).strip().toLowerCase();
            section.put(lastKey, line.substring(eq + 1).strip());
        }
        return out;
    }

    private static int firstOf(String line, char a, char b) {
        int i = line.indexOf(a);
        int j = line.indexOf(b);
        return i < 0 ? j : j < 0 ? i : Math.min(i, j);
    }

    /** The fact path a gathering asked for, or Ansible's default. */
    public static Path path(Object factPath) {
        return Path.of(factPath == null || String.valueOf(factPath).isBlank() ? DEFAULT_PATH : String.valueOf(factPath));
    }
}
