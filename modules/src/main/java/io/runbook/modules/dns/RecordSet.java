package io.runbook.modules.dns;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.xbill.DNS.Record;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/**
 * The records of one name and type as a server holds them (empty when the RRset does not exist), compared
 * by meaning rather than by text: names are compared lower-cased and absolute (canonical wire form), order
 * does not matter, and TXT values are compared as the joined text of their 255-byte chunks, so
 * {@code "ab"} equals {@code "a" "b"}.
 */
record RecordSet(long ttl, List<Record> records) {

    static final RecordSet NONE = new RecordSet(0, List.of());

    RecordSet {
        records = List.copyOf(records);
    }

    static RecordSet of(List<Record> records) {
        return records.isEmpty() ? NONE : new RecordSet(records.get(0).getTTL(), records);
    }

    boolean exists() {
        return !records.isEmpty();
    }

    /** Same values, ignoring the TTL. */
    boolean sameValues(RecordSet other) {
        return keys().equals(other.keys());
    }

    /** Same values and, when the RRset exists, the same TTL. */
    boolean sameAs(RecordSet other) {
        return sameValues(other) && (!exists() || ttl == other.ttl);
    }

    /** The values as a person writes them: addresses, names with the final dot, TXT as its joined text. */
    List<String> values() {
        List<String> out = new ArrayList<>();
        for (Record r : records) {
            out.add(value(r));
        }
        out.sort(null);
        return out;
    }

    /** {@code {ttl, values}}, or null when the RRset does not exist (the shape of {@code previous}). */
    Map<String, Object> asMap() {
        if (!exists()) {
            return null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ttl", ttl);
        m.put("values", values());
        return m;
    }

    /** Zone-file lines, sorted, for diffs; empty text when the RRset does not exist. */
    String toText() {
        TreeSet<String> lines = new TreeSet<>();
        records.forEach(r -> lines.add(r.toString()));
        return lines.isEmpty() ? "" : String.join("\n", lines) + "\n";
    }

    /** What a server answered, for messages: {@code [192.0.2.10] ttl 300} or {@code no such record}. */
    String describe() {
        return exists() ? values() + " ttl " + ttl : "no such record";
    }

    private TreeSet<String> keys() {
        TreeSet<String> keys = new TreeSet<>();
        records.forEach(r -> keys.add(key(r)));
        return keys;
    }

    static String key(Record r) {
        if (r.getType() == Type.TXT) {
            return "TXT " + HexFormat.of().formatHex(joined((TXTRecord) r));
        }
        return Type.string(r.getType()) + " " + HexFormat.of().formatHex(r.rdataToWireCanonical());
    }

    static String value(Record r) {
        if (r.getType() == Type.TXT) {
            return new String(joined((TXTRecord) r), StandardCharsets.UTF_8);
        }
        return r.rdataToString();
    }

    private static byte[] joined(TXTRecord r) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] chunk : r.getStringsAsByteArrays()) {
            out.writeBytes(chunk);
        }
        return out.toByteArray();
    }
}
