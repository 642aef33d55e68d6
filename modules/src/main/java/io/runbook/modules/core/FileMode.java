package io.runbook.modules.core;

import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;

/**
 * A file mode written as octal text ({@code '0644'}, {@code '644'}), the form Ansible users write.
 * Symbolic modes ({@code u=rw,g=r}) are not supported and say so.
 */
final class FileMode {
    private static final PosixFilePermission[] BITS = {
        PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
        PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
        PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ,
    };

    private FileMode() {
    }

    /** The permissions of an octal mode; throws {@link IllegalArgumentException} with a fix for anything else. */
    static Set<PosixFilePermission> parse(String text) {
        String t = text.trim();
        if (t.startsWith("0o")) {
            t = t.substring(2);
        }
        if (!t.matches("[0-7]{3,4}")) {
            throw new IllegalArgumentException("mode must be octal digits in quotes, like '0644', got '" + text
                    + "' (symbolic modes such as u=rw are not supported)");
        }
        int bits = Integer.parseInt(t, 8);
        if (bits > 0777) {
            throw new IllegalArgumentException("mode '" + text + "' sets setuid/setgid/sticky bits, which are not supported");
        }
        Set<PosixFilePermission> perms = EnumSet.noneOf(PosixFilePermission.class);
        for (int i = 0; i < BITS.length; i++) {
            if ((bits & (1 << i)) != 0) {
                perms.add(BITS[i]);
            }
        }
        return perms;
    }

    /** Octal text such as {@code 0644}. */
    static String format(Set<PosixFilePermission> perms) {
        int bits = 0;
        for (int i = 0; i < BITS.length; i++) {
            if (perms.contains(BITS[i])) {
                bits |= 1 << i;
            }
        }
        return String.format("%04o", bits);
    }
}
