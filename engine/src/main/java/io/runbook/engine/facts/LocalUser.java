package io.runbook.engine.facts;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The facts of ansible-core 2.14's user collector for the user the engine runs as: {@code user_id} and its passwd
 * entry's {@code user_uid}, {@code user_gid}, {@code user_gecos}, {@code user_dir}, {@code user_shell}; the
 * process's {@code real_user_id}, {@code effective_user_id}, {@code real_group_id} and {@code effective_group_id}
 * (which Ansible takes from getgid, as here). Without a passwd entry, the home and shell Java knows.
 */
final class LocalUser {
    private LocalUser() {
    }

    static Map<String, Object> facts() {
        String name = System.getProperty("user.name");
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("user_id", name);
        String[] pw = passwd(name);
        if (pw != null) {
            f.put("user_uid", number(pw[2]));
            f.put("user_gid", number(pw[3]));
            f.put("user_gecos", pw[4]);
            f.put("user_dir", pw[5]);
            f.put("user_shell", pw[6]);
        } else {
            f.put("user_dir", System.getProperty("user.home"));  // the shell: the run's SHELL (LocalFacts.gather)
        }
        List<String> status = lines("/proc/self/status");
        String[] uid = ids(status, "Uid:");
        String[] gid = ids(status, "Gid:");
        if (uid != null && gid != null) {
            f.put("real_user_id", number(uid[0]));
            f.put("effective_user_id", number(uid[1]));
            f.put("real_group_id", number(gid[0]));
            f.put("effective_group_id", number(gid[0]));
        }
        return f;
    }

    /** The passwd entry's seven fields; null without one. */
    private static String[] passwd(String name) {
        for (String line : lines("/etc/passwd")) {
            String[] fields = line.split(":", -1);
            if (fields.length == 7 && fields[0].equals(name)) {
                return fields;
            }
        }
        return null;
    }

    private static String[] ids(List<String> status, String key) {
        for (String line : status) {
            if (line.startsWith(key)) {
                String[] w = line.substring(key.length()).strip().split("\\s+");
                return w.length >= 2 ? w : null;
            }
        }
        return null;
    }

    private static List<String> lines(String path) {
        try {
            return Files.readAllLines(Path.of(path));
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    private static Object number(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return s;
        }
    }
}
