package io.runbook.engine.yaml;

import io.runbook.engine.error.SourcePosition;
import io.runbook.engine.error.UserError;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The text of a user's file: UTF-8, or UTF-16/UTF-32 when a byte-order mark says so (as YAML allows). Bytes
 * that are not valid in the encoding, and control characters YAML does not allow (such as NUL), are refused
 * at their {@code file:line:col}; a file larger than {@link #MAX_FILE_BYTES} is refused before it is read.
 */
public final class SourceText {
    /** Files above this size are refused unread: no playbook, inventory, vars or manifest file is this large. */
    public static final long MAX_FILE_BYTES = 32L * 1024 * 1024;

    private SourceText() {
    }

    /** The decoded text of any text file (a template, a key file): bad bytes are refused at their place. */
    public static String readText(Path file) {
        byte[] bytes;
        try {
            long size = Files.size(file);
            if (size > MAX_FILE_BYTES) {
                throw new UserError(SourcePosition.of(file.toString()), "the file is too large to read: " + size
                        + " bytes (the limit is " + MAX_FILE_BYTES / (1024 * 1024) + " MiB)");
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new UserError(null, "file not found: " + file);
        } catch (IOException e) {
            throw new UserError(null, "cannot read " + file + ": " + e.getClass().getSimpleName()
                    + (e.getMessage() == null || e.getMessage().equals(file.toString()) ? "" : " " + e.getMessage()));
        }
        return decodeText(bytes, file);
    }

    /** Decodes the bytes of a YAML file read from {@code origin}, failing at the place of the first bad byte or character. */
    public static String decode(byte[] bytes, Path origin) {
        String text = decodeText(bytes, origin);
        refuseControlCharacters(text, origin);
        return text;
    }

    private static String decodeText(byte[] bytes, Path origin) {
        Charset charset = StandardCharsets.UTF_8;
        int skip = 0;
        if (starts(bytes, 0x00, 0x00, 0xFE, 0xFF)) {
            charset = Charset.forName("UTF-32BE");
            skip = 4;
        } else if (starts(bytes, 0xFF, 0xFE, 0x00, 0x00)) {
            charset = Charset.forName("UTF-32LE");
            skip = 4;
        } else if (starts(bytes, 0xFE, 0xFF)) {
            charset = StandardCharsets.UTF_16BE;
            skip = 2;
        } else if (starts(bytes, 0xFF, 0xFE)) {
            charset = StandardCharsets.UTF_16LE;
            skip = 2;
        } else if (starts(bytes, 0xEF, 0xBB, 0xBF)) {
            skip = 3;
        }
        return strictly(bytes, skip, charset, origin);
    }

    /**
     * Refuses a YAML document longer than {@link YamlLoader#CODE_POINT_LIMIT} at the line where it passes the limit,
     * in one linear pass (snakeyaml-engine finds it too, but only after scanning the long value, and without a place).
     */
    static void refuseLongDocuments(String text, Path origin) {
        if (text.length() <= YamlLoader.CODE_POINT_LIMIT) {
            return;
        }
        int documentStart = 0;
        for (int lineStart = 0; lineStart < text.length(); ) {
            int end = text.indexOf('\n', lineStart);
            int next = end < 0 ? text.length() : end + 1;
            if (isDocumentMarker(text, lineStart)) {
                documentStart = lineStart;
            }
            if (text.codePointCount(documentStart, next) > YamlLoader.CODE_POINT_LIMIT) {
                throw new UserError(at(text, valueStart(text, lineStart, next), origin), "the document is longer than the limit of "
                        + YamlLoader.CODE_POINT_LIMIT + " characters; it passes it in the value on this line",
                        "split it into several documents or files, or keep large data out of YAML");
            }
            lineStart = next;
        }
    }

    private static boolean isDocumentMarker(String text, int lineStart) {
        boolean marker = text.startsWith("---", lineStart) || text.startsWith("...", lineStart);
        return marker && (lineStart + 3 >= text.length() || Character.isWhitespace(text.charAt(lineStart + 3)));
    }

    /** Where the value of a line starts: after its indentation, a {@code - } and a {@code key: }, if any. */
    private static int valueStart(String text, int lineStart, int lineEnd) {
        int i = lineStart;
        while (i < lineEnd && (text.charAt(i) == ' ' || text.charAt(i) == '-' && i + 1 < lineEnd && text.charAt(i + 1) == ' ')) {
            i++;
        }
        int limit = Math.min(lineEnd, i + 256);
        int colon = text.indexOf(": ", i);
        if (colon > i && colon < limit && text.charAt(i) != '"' && text.charAt(i) != '\'') {
            i = colon + 2;
            while (i < lineEnd && text.charAt(i) == ' ') {
                i++;
            }
        }
        return i;
    }

    private static boolean starts(byte[] bytes, int... prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((bytes[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static String strictly(byte[] bytes, int skip, Charset charset, Path origin) {
        CharsetDecoder decoder = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, skip, bytes.length - skip);
        CharBuffer out = CharBuffer.allocate((int) Math.min(Integer.MAX_VALUE - 8L, (long) bytes.length + 1));
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            out.flip();
            int offset = in.position();
            StringBuilder bad = new StringBuilder();
            for (int i = offset; i < Math.min(bytes.length, offset + Math.max(1, result.length())); i++) {
                bad.append(bad.length() == 0 ? "" : " ").append(String.format("0x%02X", bytes[i] & 0xFF));
            }
            throw new UserError(at(out, out.length(), origin), "invalid " + charset.name() + " here ("
                    + (result.length() > 1 ? "bytes " : "byte ") + bad + " at offset " + offset + ")", hint(charset));
        }
        out.flip();
        return out.toString();
    }

    private static String hint(Charset charset) {
        return charset == StandardCharsets.UTF_8
                ? "save the file as UTF-8; it may be Latin-1 or Windows-1252 text"
                : "save the file as UTF-8";
    }

    /** YAML allows tab, line breaks and printable characters only; NUL and other control characters are refused. */
    static void refuseControlCharacters(String text, Path origin) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c >= 0x7F && c <= 0x9F && c != 0x85 || c == 0xFFFE || c == 0xFFFF) {
                String name = c == 0 ? "a NUL byte" : String.format("the control character U+%04X", (int) c);
                throw new UserError(at(text, i, origin), name + " is not allowed in YAML text",
                        c == 0
                                ? "a UTF-16 file needs a byte-order mark; better, save it as UTF-8"
                                : "remove it, or write it as an escape in a double-quoted string such as \"\\x00\"");
            }
        }
    }

    /** The 1-based line and column (in characters) of {@code index} in {@code text}. */
    static SourcePosition at(CharSequence text, int index, Path origin) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < index && i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n')) {
                line++;
                lineStart = i + 1;
            }
        }
        int column = Character.codePointCount(text, lineStart, Math.min(index, text.length())) + 1;
        return new SourcePosition(origin, line, column);
    }
}
