package io.runbook.engine.exec;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The variables the template module gives its template, as Ansible's {@code generate_ansible_template_vars}:
 * {@code template_host} (the controller's name), {@code template_path} and {@code template_fullpath} (the source),
 * {@code template_uid} (its owner), {@code template_mtime}, {@code template_run_date} (written as Python writes a
 * datetime), {@code template_destpath}, and {@code ansible_managed} ("Ansible managed").
 */
final class TemplateVars {
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private TemplateVars() {
    }

    static Map<String, Object> of(Path source, String dest) {
        Path full = source.toAbsolutePath().normalize();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("template_host", nodeName());
        m.put("template_path", source.toString());
        m.put("template_mtime", pythonDateTime(mtime(full)));
        m.put("template_uid", owner(full));
        m.put("template_run_date", pythonDateTime(LocalDateTime.now()));
        m.put("template_destpath", dest);
        m.put("template_fullpath", full.toString());
        m.put("ansible_managed", "Ansible managed");
        return m;
    }

    /** Python's str(datetime): microseconds only when there are some. */
    static String pythonDateTime(LocalDateTime t) {
        int micros = t.getNano() / 1000;
        return t.format(SECONDS) + (micros == 0 ? "" : String.format(".%06d", micros));
    }

    private static LocalDateTime mtime(Path file) {
        try {
            Instant at = Files.getLastModifiedTime(file).toInstant();
            return LocalDateTime.ofInstant(at, ZoneId.systemDefault());
        } catch (IOException e) {
            return LocalDateTime.now();
        }
    }

    private static String owner(Path file) {
        try {
            return Files.getOwner(file).getName();
        } catch (IOException | UnsupportedOperationException e) {
            return "";
        }
    }

    /** os.uname()'s node name: the kernel's host name. */
    private static String nodeName() {
        try {
            return Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
        } catch (IOException e) {
            try {
                return InetAddress.getLocalHost().getHostName();
            } catch (IOException again) {
                return "localhost";
            }
        }
    }
}
