package io.runbook.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads an {@code --events} NDJSON file back: one map per line, in order. */
final class Events {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Events() {
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> read(Path file) {
        if (!Files.exists(file)) {
            return List.of();
        }
        List<Map<String, Object>> out = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(file)) {
                if (!line.isBlank()) {
                    out.add(JSON.readValue(line, Map.class));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
