package io.runbook.engine.config;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The compact form of a settings table that a start reads ({@code NAME.yml.bin} beside {@code NAME.yml}, written at
 * build time by {@link #main}, in the engine module's process-classes phase): each setting's name, type, default,
 * environment variables, ini keys and variables, without the YAML parse (about 50 ms of CPU time in a cold JVM for
 * the four tables a start reads, docs/benchmarks.md "Start-up"). A setting's whole entry (description, deprecations:
 * what {@code config list} prints) is read from the YAML at its first use ({@link LazyEntry}).
 */
public final class SettingForm {
    private static final int NULL = 0;
    private static final int TEXT = 1;
    private static final int INT = 2;
    private static final int TRUE = 3;
    private static final int FALSE = 4;
    private static final int LIST = 5;
    private static final int MAP = 6;

    private SettingForm() {
    }

    /** Writes the compact form of each table named after the folder (the build's classes folder). */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        for (int i = 1; i < args.length; i++) {
            // the previous build's forms out of the way first: SettingTable, when it starts, reads those present
            Files.deleteIfExists(dir.resolve(args[i] + ".bin"));
        }
        for (int i = 1; i < args.length; i++) {
            Map<String, SettingTable.Def> table = SettingTable.parse(args[i]);
            try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(dir.resolve(args[i] + ".bin")))) {
                write(table, out);
            }
        }
    }

    /** The table {@code resource} from its compact form, or null when there is none (classes not built by Maven). */
    static Map<String, SettingTable.Def> read(String resource) {
        try (InputStream in = SettingForm.class.getResourceAsStream(resource + ".bin")) {
            if (in == null) {
                return null;
            }
            DataInputStream data = new DataInputStream(new java.io.BufferedInputStream(in));
            int count = data.readInt();
            Map<String, SettingTable.Def> out = new LinkedHashMap<>();
            for (int i = 0; i < count; i++) {
                String name = data.readUTF();
                String type = data.readUTF();
                Object fallback = value(data);
                List<String> env = texts(data);
                List<String> iniParts = texts(data);
                List<SettingTable.Ini> ini = new ArrayList<>();
                for (int j = 0; j < iniParts.size(); j += 2) {
                    ini.add(new SettingTable.Ini(iniParts.get(j), iniParts.get(j + 1)));
                }
                out.put(name, new SettingTable.Def(name, new LazyEntry(resource, name), env, List.copyOf(ini), texts(data), type,
                        fallback));
            }
            return Collections.unmodifiableMap(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Map<String, SettingTable.Def> table, DataOutputStream out) throws IOException {
        out.writeInt(table.size());
        for (SettingTable.Def d : table.values()) {
            out.writeUTF(d.name());
            out.writeUTF(d.type());
            write(d.fallback(), out);
            write(d.envNames(), out);
            List<String> ini = new ArrayList<>();
            d.ini().forEach(i -> ini.addAll(List.of(i.section(), i.key())));
            write(ini, out);
            write(d.vars(), out);
        }
    }

    private static void write(Object value, DataOutputStream out) throws IOException {
        if (value == null) {
            out.writeByte(NULL);
        } else if (value instanceof String s) {
            out.writeByte(TEXT);
            out.writeUTF(s);
        } else if (value instanceof Integer n) {
            out.writeByte(INT);
            out.writeInt(n);
        } else if (value instanceof Boolean b) {
            out.writeByte(b ? TRUE : FALSE);
        } else if (value instanceof List<?> list) {
            out.writeByte(LIST);
            out.writeInt(list.size());
            for (Object o : list) {
                write(o, out);
            }
        } else if (value instanceof Map<?, ?> map) {
            out.writeByte(MAP);
            out.writeInt(map.size());
            for (Map.Entry<?, ?> e : map.entrySet()) {
                write(String.valueOf(e.getKey()), out);
                write(e.getValue(), out);
            }
        } else {
            throw new IllegalArgumentException("a default the compact form has no place for: " + value.getClass());
        }
    }

    private static Object value(DataInputStream in) throws IOException {
        int tag = in.readByte();
        switch (tag) {
            case NULL: return null;
            case TEXT: return in.readUTF();
            case INT: return in.readInt();
            case TRUE: return true;
            case FALSE: return false;
            case MAP:
                int entries = in.readInt();
                Map<String, Object> map = new LinkedHashMap<>(entries * 2);
                for (int i = 0; i < entries; i++) {
                    map.put((String) value(in), value(in));
                }
                return Collections.unmodifiableMap(map);
            default:
                int size = in.readInt();
                List<Object> list = new ArrayList<>(size);
                for (int i = 0; i < size; i++) {
                    list.add(value(in));
                }
                return Collections.unmodifiableList(list);
        }
    }

    @SuppressWarnings("unchecked")
    private static List<String> texts(DataInputStream in) throws IOException {
        return List.copyOf((List<String>) value(in));
    }

    /** A setting's whole entry, read from the YAML table when first asked for. */
    static final class LazyEntry extends AbstractMap<String, Object> {
        private final String resource;
        private final String name;
        private Map<String, Object> entry;

        LazyEntry(String resource, String name) {
            this.resource = resource;
            this.name = name;
        }

        @Override
        public synchronized Set<Map.Entry<String, Object>> entrySet() {
            if (entry == null) {
                entry = Parsed.of(resource).get(name).entry();
            }
            return entry.entrySet();
        }
    }

    /** The tables parsed from their YAML, once each. */
    private static final class Parsed {
        private static final Map<String, Map<String, SettingTable.Def>> TABLES = new java.util.concurrent.ConcurrentHashMap<>();

        static Map<String, SettingTable.Def> of(String resource) {
            return TABLES.computeIfAbsent(resource, SettingTable::parse);
        }
    }
}
