package io.runbook.modules.ssh;

import io.runbook.engine.module.ModuleException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The OpenSSH command-line options in {@code ansible_ssh_common_args} / {@code ansible_ssh_extra_args} that
 * matter here: {@code -o Key=Value} (or {@code -o "Key Value"}), {@code -J jumps}, {@code -F config},
 * {@code -i key}, {@code -p port}, {@code -l user}. Other flags (such as {@code -C} or {@code -A}) and options
 * (such as {@code ControlPersist}) are accepted and have no effect. Option names are case-insensitive.
 */
final class SshArgs {
    private final Map<String, String> options = new LinkedHashMap<>();
    private final List<String> identityFiles = new ArrayList<>();

    private SshArgs() {
    }

    static SshArgs parse(String... texts) throws ModuleException {
        SshArgs args = new SshArgs();
        for (String text : texts) {
            if (text != null && !text.isBlank()) {
                args.read(words(text));
            }
        }
        return args;
    }

    private void read(List<String> words) throws ModuleException {
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            if (w.length() < 2 || w.charAt(0) != '-') {
                continue;
            }
            char flag = w.charAt(1);
            if ("oJFipl".indexOf(flag) < 0) {
                continue;
            }
            String value = w.length() > 2 ? w.substring(2) : i + 1 < words.size() ? words.get(++i) : null;
            if (value == null) {
                throw new ModuleException("ansible_ssh_common_args: " + w + " needs a value");
            }
            switch (flag) {
                case 'o' -> readOption(value);
                case 'J' -> options.put("proxyjump", value);
                case 'F' -> options.put("-f", value);
                case 'i' -> identityFiles.add(value);
                case 'p' -> options.put("port", value);
                default -> options.put("user", value);
            }
        }
    }

    private void readOption(String text) throws ModuleException {
        String t = text.trim();
        int sep = indexOfSeparator(t);
        if (sep < 0) {
            throw new ModuleException("ansible_ssh_common_args: -o " + text + " is not Key=Value");
        }
        String key = t.substring(0, sep).trim().toLowerCase(Locale.ROOT);
        String value = t.substring(sep + 1).trim();
        if (key.equals("identityfile")) {
            identityFiles.add(value);
        } else {
            options.put(key, value);
        }
    }

    private static int indexOfSeparator(String t) {
        for (int i = 0; i < t.length(); i++) {
            if (t.charAt(i) == '=' || Character.isWhitespace(t.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    /** An {@code -o} option (lower-case name), or the value of -J (proxyjump), -p (port), -l (user), -F (-f). */
    String option(String lowerCaseName) {
        return options.get(lowerCaseName);
    }

    List<String> identityFiles() {
        return List.copyOf(identityFiles);
    }

    /** Splits like a shell does for quotes; ansible_ssh_common_args is written as it would be for ssh. */
    static List<String> words(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean in = false;
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    cur.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                in = true;
            } else if (Character.isWhitespace(c)) {
                if (in) {
                    out.add(cur.toString());
                    cur.setLength(0);
                    in = false;
                }
            } else {
                cur.append(c);
                in = true;
            }
        }
        if (in) {
            out.add(cur.toString());
        }
        return out;
    }
}
