package io.runbook.modules.ssh;

import io.runbook.engine.module.ModuleException;
import io.runbook.engine.vars.Fnmatch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The files an ssh config's {@code Include} word names, as OpenSSH 9.2's readconf.c finds them (glob with GLOB_TILDE):
 * {@code ~user/} is that account's home in /etc/passwd (an account that does not exist matches no file), {@code ~/} is the
 * controller user's home (in the user's config only: the system config's {@code ~} is ssh's "bad include path"), a
 * relative path is under {@code ~/.ssh} for the user's config ({@code -F FILE} included) and under the system config's
 * folder ({@code /etc/ssh}) for the system's; then a glob ({@code *}, {@code ?}, {@code [...]} within one path component,
 * a leading dot matched only by a dot), its matches sorted. A word that matches nothing is no error (ssh only logs it).
 */
final class SshConfigInclude {
    private SshConfigInclude() {
    }

    /** The paths {@code word} names, sorted; {@code where} is "FILE line N" for ssh's words. */
    static List<Path> paths(String word, boolean userConfig, Path home, Path systemDir, String where) throws ModuleException {
        String path;
        if (word.startsWith("~")) {
            if (!userConfig) {
                throw ModuleException.unreachable(where + ": bad include path " + word + ". (as ssh says: ~ only in the user's config)", null);
            }
            int slash = word.indexOf('/');
            String name = word.substring(1, slash < 0 ? word.length() : slash);
            // ~user: that account's home, as glob's GLOB_TILDE finds it; an account that does not exist matches no file
            Path base = name.isEmpty() ? home : accountHome(name);
            if (base == null) {
                return List.of();
            }
            path = base + word.substring(1 + name.length());
        } else if (word.startsWith("/")) {
            path = word;
        } else {
            path = (userConfig ? home.resolve(".ssh") : systemDir) + "/" + word;
        }
        List<String> found = new ArrayList<>();
        expand("", path.substring(1).split("/", -1), 0, found);
        found.sort(null);
        return found.stream().map(Path::of).toList();
    }

    /** {@code name}'s home in the account database (/etc/passwd), null when there is no such account. */
    private static Path accountHome(String name) {
        try {
            for (String line : Files.readAllLines(Path.of("/etc/passwd"))) {
                String[] f = line.split(":", -1);
                if (f.length >= 7 && f[0].equals(name)) {
                    return Path.of(f[5]);
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            return null;
        }
        return null;
    }

    private static void expand(String prefix, String[] parts, int i, List<String> found) {
        if (i == parts.length) {
            if (Files.exists(Path.of(prefix.isEmpty() ? "/" : prefix), LinkOption.NOFOLLOW_LINKS) || Files.exists(Path.of(prefix))) {
                found.add(prefix);
            }
            return;
        }
        String part = parts[i];
        if (part.isEmpty() && i < parts.length - 1) {
            expand(prefix, parts, i + 1, found);  // a doubled slash
            return;
        }
        if (!isGlob(part)) {
            expand(prefix + "/" + part, parts, i + 1, found);
            return;
        }
        Pattern pattern = Fnmatch.pattern(part);
        Path dir = Path.of(prefix.isEmpty() ? "/" : prefix);
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            for (String name : entries.map(p -> p.getFileName().toString()).sorted().toList()) {
                if ((!name.startsWith(".") || part.startsWith(".")) && pattern.matcher(name).matches()) {
                    expand(prefix + "/" + name, parts, i + 1, found);
                }
            }
        } catch (IOException e) {
            // glob(3) skips a folder it cannot read
        }
    }

    private static boolean isGlob(String part) {
        return part.indexOf('*') >= 0 || part.indexOf('?') >= 0 || part.indexOf('[') >= 0;
    }

    /**
     * ssh's check of an included file (and of {@code ~/.ssh/config}): "Bad owner or permissions on FILE" when it is
     * writable by others, or by its group unless that is the owner's own (Debian's ssh allows a user's private group), or
     * owned by someone else than root and the controller user.
     */
    static void checkPermissions(Path file, String localUser) throws ModuleException {
        try {
            PosixFileAttributes a = Files.readAttributes(file, PosixFileAttributes.class);
            String owner = a.owner().getName();
            boolean writable = a.permissions().contains(PosixFilePermission.OTHERS_WRITE)
                    || a.permissions().contains(PosixFilePermission.GROUP_WRITE) && !a.group().getName().equals(owner);
            if (writable || !owner.equals("root") && !owner.equals(localUser)) {
                throw ModuleException.unreachable("Bad owner or permissions on " + file + " (as ssh says: an ssh config file must not be"
                        + " writable by others, and owned by root or " + localUser + ")", null);
            }
        } catch (IOException | UnsupportedOperationException e) {
            // no POSIX attributes: nothing ssh would check either
        }
    }
}
