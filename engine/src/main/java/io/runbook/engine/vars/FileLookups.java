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
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** The lookups that touch files and processes: first_found, fileglob, pipe, password. */
final class FileLookups {

    /** Made when first needed: a SecureRandom sets up the JDK's security providers, which a check never needs. */
    private static final class Secure {
        static final SecureRandom RANDOM = new SecureRandom();
    }
    private static final long PIPE_TIMEOUT_SECONDS = 60;
    /** Reads what pipe commands write (daemon threads, so a stuck command never keeps the JVM alive). */
    private static final java.util.concurrent.ExecutorService PIPE_READERS = java.util.concurrent.Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "runbook-pipe-lookup");
        t.setDaemon(true);
        return t;
    });
    private static final Map<Path, Object> PASSWORD_LOCKS = new java.util.concurrent.ConcurrentHashMap<>();
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
        addAll(files, options.get("files"), "[,;]");
        addAll(paths, options.get("paths"), "[,:;]");
        List<Object> flat = new ArrayList<>(terms);
        for (int i = 0; i < flat.size(); i++) {
            Object t = flat.get(i);
            if (t instanceof Map<?, ?> m) {
                addAll(files, m.get("files"), "[,;]");
                addAll(paths, m.get("paths"), "[,:;]");
                skip = skip || PyValues.truthy(m.get("skip"));
            } else if (t instanceof List<?> nested) {
                flat.addAll(i + 1, nested);  // a list of terms, in place
            } else if (t instanceof CharSequence name) {
                files.add(name.toString());  // a term of its own is not split, as in Ansible
            }
        }
        // as Ansible: each path in turn, with every file name in it
        List<String> candidates = new ArrayList<>();
        if (paths.isEmpty()) {
            candidates.addAll(files);
        } else {
            paths.forEach(p -> files.forEach(file -> candidates.add(Path.of(p).resolve(file).toString())));
        }
        for (String candidate : candidates) {
            Path c = Lookups.file(frame, candidate, "files");
            if (Files.exists(c)) {
                return List.of(c.toAbsolutePath().normalize().toString());
            }
        }
        if (skip) {
            return List.of();
        }
        throw LookupFailure.handled("No file was found when using first_found (looked for " + files + ")",
                "No file was found when using first_found.");
    }

    /** Ansible's "magic extra splitting": file names split on , and ;, paths also on :. */
    private static void addAll(List<String> into, Object value, String separators) {
        if (value instanceof List<?> l) {
            l.forEach(v -> addAll(into, v, separators));
        } else if (value instanceof CharSequence s) {
            for (String part : s.toString().split(separators)) {
                if (!part.isBlank()) {
                    into.add(part.strip());
                }
            }
        }
    }

    /**
     * Files matching each pattern, as Ansible's fileglob: a bare pattern ({@code *.txt}) is looked for along the
     * task's {@code ansible_search_path} (its role's folder, the playbook's folder; each one's {@code files/} first),
     * the first folder with matches giving them; a pattern with a folder ({@code sub/*.txt}) is matched in the first
     * place that folder is found along that path (see {@link Lookups#file}).
     */
    static List<Object> fileglob(List<Object> terms, Frame frame) {
        List<Object> out = new ArrayList<>();
        for (Object t : terms) {
            Path pattern = Path.of(Secrets.plain(t));
            Path parent = pattern.getParent();
            List<Path> dirs = new ArrayList<>();
            if (pattern.isAbsolute()) {
                dirs.add(Lookups.warnIfMissing(new SearchPath(parent.toString(), Files.exists(parent) ? parent : null,
                        List.of())).foundOrLast());
            } else if (parent != null) {
                dirs.add(Lookups.fileOrWarn(frame, parent.toString(), "files"));
            } else {
                for (Path dir : SearchPath.folders(frame.lookup("ansible_search_path"), frame.baseDir)) {
                    dirs.add(dir.resolve("files"));
                    dirs.add(dir);
                }
            }
            PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + pattern.getFileName());
            for (Path dir : dirs) {
                List<Object> found = matching(dir, matcher);
                if (!found.isEmpty()) {
                    out.addAll(found);
                    break;
                }
            }
        }
        return out;
    }

    private static List<Object> matching(Path dir, PathMatcher matcher) {
        try (Stream<Path> listing = Files.list(dir)) {
            return listing.filter(p -> Files.isRegularFile(p) && matcher.matches(p.getFileName())).sorted()
                    .map(p -> (Object) p.toAbsolutePath().normalize().toString()).toList();
        } catch (IOException e) {
            return List.of(); // no such folder: nothing matches, as in Ansible
        }
    }

    /**
     * pipe (and lines): the command's standard output, run by {@code /bin/sh} in the playbook's folder with the run's
     * environment. At most
     * {@link Jinja#MAX_TEXT} bytes are read and the command gets 60 s: it and its children are stopped after that.
     */
    static String pipe(String command, Frame frame) throws IOException {
        ProcessBuilder pb = frame.jinja.environment().applyTo(new ProcessBuilder("/bin/sh", "-c", command)).redirectErrorStream(false);
        if (frame.baseDir != null) {
            pb.directory(frame.baseDir.toAbsolutePath().toFile());
        }
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        Process p = io.runbook.engine.module.SpawnLock.start(pb);
        p.getOutputStream().close();
        java.util.concurrent.CompletableFuture<byte[]> read = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try (var in = p.getInputStream()) {
                return in.readNBytes(Jinja.MAX_TEXT + 1);
            } catch (IOException e) {
                return new byte[0];
            }
        }, PIPE_READERS);
        byte[] bytes;
        try {
            bytes = read.get(PIPE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (bytes.length > Jinja.MAX_TEXT) {
                throw new ExpressionFailure("lookup pipe: '" + command + "' wrote more than " + Jinja.MAX_TEXT + " bytes");
            }
            if (!p.waitFor(PIPE_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw new ExpressionFailure("lookup pipe: '" + command + "' did not finish within " + PIPE_TIMEOUT_SECONDS + " s");
            }
        } catch (java.util.concurrent.TimeoutException e) {
            throw new ExpressionFailure("lookup pipe: '" + command + "' did not finish within " + PIPE_TIMEOUT_SECONDS + " s");
        } catch (java.util.concurrent.ExecutionException e) {
            throw new ExpressionFailure("lookup pipe: could not read what '" + command + "' wrote");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ExpressionFailure("lookup pipe: interrupted");
        } finally {
            if (p.isAlive()) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
            }
        }
        if (p.exitValue() != 0) {
            throw new ExpressionFailure("lookup_plugin.pipe(" + command + ") returned " + p.exitValue());
        }
        return StrMethods.strip(new String(bytes, StandardCharsets.UTF_8), null, false, true);
    }

    /**
     * password: a file that holds the password, made with a random one on first use (never printed). Every fork
     * asking for the same file at once gets the same password: the file is made under a lock, 0600 from the start
     * (written to a private temporary file, then moved into place).
     */
    /** The key=value parameters Ansible's password lookup takes in its term. */
    private static final Set<String> PASSWORD_PARAMETERS = Set.of("length", "encrypt", "chars", "ident", "seed");

    static Object password(String term, Map<String, Object> options, Frame frame) throws IOException {
        // as Ansible's password lookup: the path up to the first space, then parse_kv of the rest, whose plain words
        // belong to the path (a path with spaces) unless a key=value came before them
        String text = term.strip();
        int space = text.indexOf(' ');
        String path = space < 0 ? text : text.substring(0, space);
        Map<String, Object> params = new LinkedHashMap<>(options);
        if (space >= 0) {
            ArgSplitter.KeyValues kv = ArgSplitter.parseKv(text.substring(space + 1), null, false);
            if (!kv.raw().isEmpty()) {
                path = path + " " + ArgSplitter.join(kv.raw());
                if (!text.startsWith(path)) {
                    throw new ExpressionFailure("Unrecognized value after key=value parameters given to password lookup");
                }
            }
            List<String> unknown = kv.options().keySet().stream().filter(k -> !PASSWORD_PARAMETERS.contains(k)).toList();
            if (!unknown.isEmpty()) {
                throw new ExpressionFailure("Unrecognized parameter(s) given to password lookup: " + String.join(", ", unknown));
            }
            params.putAll(kv.options());
        }
        int length = length(params.get("length"));
        String chars = alphabet(params.get("chars"));
        Object seed = params.get("seed");
        String encrypt = params.get("encrypt") == null ? "" : Secrets.plain(params.get("encrypt"));
        if (path.equals("/dev/null")) {
            String made = random(length, chars, seed);
            return new SecretText(encrypt.isEmpty() ? made : HashFilters.crypt(encrypt, made, "", HashFilters.randomSalt(8)));
        }
        Path file = Lookups.file(frame, path, "files").toAbsolutePath().normalize();
        synchronized (PASSWORD_LOCKS.computeIfAbsent(file, f -> new Object())) {
            String plain;
            String salt = null;
            if (Files.isRegularFile(file)) {
                // 'password salt=SALT', as Ansible's lookup writes it when asked to encrypt
                String stored = Files.readString(file, StandardCharsets.UTF_8).strip();
                int at = stored.lastIndexOf(" salt=");
                plain = at < 0 ? stored : stored.substring(0, at);
                salt = at < 0 || at + 6 == stored.length() ? null : stored.substring(at + 6);
                if (!encrypt.isEmpty() && salt == null) {
                    salt = HashFilters.randomSalt(8);
                    writePrivately(file, plain + " salt=" + salt);
                }
            } else {
                plain = random(length, chars, seed);
                salt = encrypt.isEmpty() ? null : HashFilters.randomSalt(8);
                // a new folder is the owner's only, as Ansible's makedirs_safe(mode=0o700)
                createPrivateDirectories(file.getParent());
                writePrivately(file, salt == null ? plain : plain + " salt=" + salt);
            }
            return new SecretText(encrypt.isEmpty() ? plain : HashFilters.crypt(encrypt, plain, "", salt));
        }
    }

    /** The file, 0600 from the start: written to a private temporary file beside it, then moved into place. */
    private static void writePrivately(Path file, String content) throws IOException {
        Path temp = privateTempFile(file.getParent());
        try {
            Files.writeString(temp, content + "\n", StandardCharsets.UTF_8);
            Files.move(temp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static void createPrivateDirectories(Path dir) throws IOException {
        try {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (UnsupportedOperationException e) {
            Files.createDirectories(dir); // not a POSIX file system
        }
    }

    private static Path privateTempFile(Path dir) throws IOException {
        try {
            return Files.createTempFile(dir, ".password", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            return Files.createTempFile(dir, ".password", ".tmp"); // not a POSIX file system
        }
    }

    private static int length(Object given) {
        if (given == null) {
            return 20;
        }
        try {
            int length = Integer.parseInt(Secrets.plain(given).strip());
            if (length < 1 || length > 4096) {
                throw new ExpressionFailure("the password lookup's length must be from 1 to 4096, not " + length);
            }
            return length;
        } catch (NumberFormatException e) {
            throw new ExpressionFailure("the password lookup's length must be a number, not '" + Secrets.plain(given) + "'");
        }
    }

    /** With a {@code seed}, the same text every time: Python's random.Random(seed).choice, as Ansible's. */
    private static String random(int length, String chars, Object seed) {
        if (chars.isEmpty()) {
            throw new ExpressionFailure("the password lookup's chars give no characters to choose from");
        }
        PyRandom seeded = seed == null ? null : new PyRandom(Secrets.plain(seed));
        List<String> choices = chars.codePoints().mapToObj(Character::toString).toList();
        StringBuilder made = new StringBuilder();
        for (int i = 0; i < length; i++) {
            made.append(seeded == null ? choices.get(Secure.RANDOM.nextInt(choices.size())) : seeded.choice(choices));
        }
        return made.toString();
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
