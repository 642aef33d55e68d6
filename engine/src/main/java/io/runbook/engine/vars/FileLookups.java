package io.runbook.engine.vars;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** The lookups that touch files and processes: first_found, fileglob, pipe, password. */
final class FileLookups {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private static final Map<String, String> CHAR_SETS = Map.of(
            "ascii_letters", LETTERS, "ascii_lowercase", LETTERS.substring(0, 26), "ascii_uppercase", LETTERS.substring(26),
            "digits", "0123456789", "hexdigits", "0123456789abcdefABCDEF", "octdigits", "01234567",
            "punctuation", "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~");

    private FileLookups() {
    }

    static List<Object> firstFound(List<Object> terms, Map<String, Object> options, Frame frame) {
        List<String> files = new ArrayList<>();
        List<String> paths = new ArrayList<>();
        boolean skip = PyValues.truthy(options.get("skip"));
        addAll(files, options.get("files"));
        addAll(paths, options.get("paths"));
        for (Object t : terms) {
            if (t instanceof Map<?, ?> m) {
                addAll(files, m.get("files"));
                addAll(paths, m.get("paths"));
                skip = skip || PyValues.truthy(m.get("skip"));
            } else {
                addAll(files, t);
            }
        }
        for (String file : files) {
            List<Path> candidates = new ArrayList<>();
            if (paths.isEmpty()) {
                candidates.add(Lookups.file(frame, file, "files"));
            } else {
                paths.forEach(p -> candidates.add(Lookups.file(frame, Path.of(p).resolve(file).toString(), "files")));
            }
            for (Path c : candidates) {
                if (Files.exists(c)) {
                    return List.of(c.toAbsolutePath().normalize().toString());
                }
            }
        }
        if (skip) {
            return List.of();
        }
        throw new ExpressionFailure("No file was found when using first_found (looked for " + files + ")");
    }

    private static void addAll(List<String> into, Object value) {
        if (value instanceof List<?> l) {
            l.forEach(v -> addAll(into, v));
        } else if (value instanceof CharSequence s) {
            for (String part : s.toString().split("[,;]")) {
                if (!part.isBlank()) {
                    into.add(part.strip());
                }
            }
        }
    }

    static List<Object> fileglob(List<Object> terms, Frame frame) {
        List<Object> out = new ArrayList<>();
        for (Object t : terms) {
            String pattern = Secrets.plain(t);
            Path full = Lookups.file(frame, pattern, "files");
            Path dir = full.getParent() == null ? Path.of(".") : full.getParent();
            if (!Files.isDirectory(dir) && !Path.of(pattern).isAbsolute() && frame.baseDir != null) {
                full = frame.baseDir.resolve("files").resolve(pattern);
                dir = full.getParent();
            }
            PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + full.getFileName());
            try (Stream<Path> listing = Files.list(dir)) {
                listing.filter(p -> Files.isRegularFile(p) && matcher.matches(p.getFileName())).sorted()
                        .forEach(p -> out.add(p.toAbsolutePath().normalize().toString()));
            } catch (IOException e) {
                // no such folder: nothing matches, as in Ansible
            }
        }
        return out;
    }

    static String pipe(String command, Frame frame) throws IOException {
        ProcessBuilder pb = new ProcessBuilder("/bin/sh", "-c", command).redirectErrorStream(false);
        if (frame.baseDir != null) {
            pb.directory(frame.baseDir.toAbsolutePath().toFile());
        }
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new ExpressionFailure("lookup pipe: '" + command + "' did not finish within 60 s");
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new ExpressionFailure("lookup pipe: interrupted");
        }
        if (p.exitValue() != 0) {
            throw new ExpressionFailure("lookup_plugin.pipe(" + command + ") returned " + p.exitValue());
        }
        return StrMethods.strip(out, null, false, true);
    }

    /** password: a file that holds the password, made with a random one on first use (never printed). */
    static Object password(String term, Map<String, Object> options, Frame frame) throws IOException {
        String[] parts = term.strip().split("\\s+");
        Map<String, Object> params = new LinkedHashMap<>(options);
        for (int i = 1; i < parts.length; i++) {
            int eq = parts[i].indexOf('=');
            if (eq > 0) {
                params.put(parts[i].substring(0, eq), parts[i].substring(eq + 1));
            }
        }
        int length = params.containsKey("length") ? Integer.parseInt(Secrets.plain(params.get("length"))) : 20;
        String chars = alphabet(params.get("chars"));
        Path file = Lookups.file(frame, parts[0], "files");
        if (!parts[0].equals("/dev/null") && Files.isRegularFile(file)) {
            String stored = Files.readString(file, StandardCharsets.UTF_8).lines().findFirst().orElse("");
            return new SecretText(stored.replaceFirst(" salt=.*$", ""));
        }
        StringBuilder made = new StringBuilder();
        for (int i = 0; i < length; i++) {
            made.append(chars.charAt(RANDOM.nextInt(chars.length())));
        }
        if (!parts[0].equals("/dev/null")) {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, made + "\n", StandardCharsets.UTF_8);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system
            }
        }
        return new SecretText(made.toString());
    }

    private static String alphabet(Object chars) {
        if (chars == null) {
            return LETTERS + "0123456789.,:-_";
        }
        StringBuilder out = new StringBuilder();
        List<String> names = new ArrayList<>();
        if (chars instanceof List<?> l) {
            l.forEach(c -> names.add(Secrets.plain(c)));
        } else {
            names.addAll(List.of(Secrets.plain(chars).split(",")));
        }
        for (String name : names) {
            out.append(CHAR_SETS.getOrDefault(name, name));
        }
        return out.toString();
    }
}
