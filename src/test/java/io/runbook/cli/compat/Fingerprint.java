package io.runbook.cli.compat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** The SHA-256 fingerprint a recorded result of ansible-playbook carries: of what decides it, so that a change makes it stale. */
public final class Fingerprint {
    private Fingerprint() {
    }

    /** Every regular file under {@code dir}, by its path relative to {@code base}, sorted. */
    public static Map<String, Path> filesUnder(Path base, Path dir) {
        Map<String, Path> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.filter(Files::isRegularFile).forEach(f -> files.put(base.relativize(f).toString(), f));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    /** SHA-256 (in hex) of {@code text} and of each file (its name, a NUL, its bytes) in the map's order. */
    public static String of(String text, Map<String, Path> files) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            d.update(text.getBytes(StandardCharsets.UTF_8));
            for (Map.Entry<String, Path> f : files.entrySet()) {
                d.update((f.getKey() + "\0").getBytes(StandardCharsets.UTF_8));
                d.update(Files.readAllBytes(f.getValue()));
            }
            return HexFormat.of().formatHex(d.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
