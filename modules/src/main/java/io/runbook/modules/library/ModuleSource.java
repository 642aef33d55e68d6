package io.runbook.modules.library;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A module file and how Ansible runs it, as module_common.py's {@code _find_module_utils} tells the styles apart:
 * binary (bytes that are no text in its first 1 KiB: a JSON args file), new-style Python (imports of
 * {@code ansible.module_utils}, or its old {@code #<<INCLUDE_ANSIBLE_MODULE_COMMON>>}: {@code ANSIBLE_MODULE_ARGS}),
 * {@code WANT_JSON} anywhere (a JSON args file), else old-style (an args file of {@code key=value} words).
 *
 * @param shebang the interpreter and its arguments from the {@code #!} line; empty when there is none
 */
record ModuleSource(Path file, byte[] data, Style style, List<String> shebang) {
    enum Style { NEW_PYTHON, WANT_JSON, OLD, BINARY }

    private static final Pattern NEW_STYLE = Pattern.compile("(?:from +\\.{2,} *module_utils.* +import |"
            + "from +ansible_collections\\.[^.]+\\.[^.]+\\.plugins\\.module_utils.* +import |"
            + "import +ansible_collections\\.[^.]+\\.[^.]+\\.plugins\\.module_utils.*|"
            + "from +ansible\\.module_utils.* +import |import +ansible\\.module_utils\\.)");

    static ModuleSource read(Path file) throws IOException {
        byte[] data = Files.readAllBytes(file);
        if (isBinary(data)) {
            return new ModuleSource(file, data, Style.BINARY, List.of());
        }
        String text = new String(data, StandardCharsets.ISO_8859_1);
        Style style = text.contains("#<<INCLUDE_ANSIBLE_MODULE_COMMON>>") || NEW_STYLE.matcher(text).find()
                ? Style.NEW_PYTHON : text.contains("WANT_JSON") ? Style.WANT_JSON : Style.OLD;
        return new ModuleSource(file, data, style, shebang(text));
    }

    /** Whether the interpreter of the {@code #!} line is a Python: the host's Python runs the module instead. */
    boolean isPython() {
        return style == Style.NEW_PYTHON || !shebang.isEmpty() && Path.of(shebang.get(0)).getFileName().toString()
                .startsWith("python") || shebang.size() > 1 && shebang.get(0).endsWith("/env") && shebang.get(1).startsWith("python");
    }

    private static List<String> shebang(String text) {
        if (!text.startsWith("#!")) {
            return List.of();
        }
        int end = text.indexOf('\n');
        String line = (end < 0 ? text.substring(2) : text.substring(2, end)).strip();
        List<String> words = new ArrayList<>(List.of(line.split("\\s+", 2)));
        words.removeIf(String::isEmpty);
        return words;
    }

    /** As Ansible's {@code _is_binary}: bytes of the first 1 KiB other than text characters. */
    private static boolean isBinary(byte[] data) {
        for (int i = 0; i < Math.min(1024, data.length); i++) {
            int b = data[i] & 0xff;
            boolean text = b == 7 || b == 8 || b == 9 || b == 10 || b == 12 || b == 13 || b == 27 || b >= 0x20 && b != 0x7f;
            if (!text) {
                return true;
            }
        }
        return false;
    }
}
