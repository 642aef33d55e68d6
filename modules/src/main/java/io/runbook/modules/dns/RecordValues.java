package io.runbook.modules.dns;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * Turns the {@code value} argument into records. Names inside values (CNAME, MX, SRV and PTR targets) are
 * taken as absolute whether or not they end with a dot, as people write host names; TXT values are the
 * text itself (no quoting needed) and are split into 255-byte chunks as the protocol requires.
 */
final class RecordValues {
    private static final int TXT_CHUNK = 255;

    private RecordValues() {
    }

    static RecordSet parse(Name name, int type, long ttl, List<String> values) throws DnsFailure {
        List<Record> records = new ArrayList<>();
        for (String value : values) {
            Record r = type == Type.TXT ? txt(name, ttl, value) : other(name, type, ttl, value);
            if (records.stream().noneMatch(x -> RecordSet.key(x).equals(RecordSet.key(r)))) {
                records.add(r);
            }
        }
        if (type == Type.CNAME && records.size() > 1) {
            throw new DnsFailure("a CNAME holds exactly one value, got " + values.size() + ": " + values);
        }
        return new RecordSet(ttl, records);
    }

    private static Record txt(Name name, long ttl, String value) {
        byte[] text = value.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream rdata = new ByteArrayOutputStream();
        int at = 0;
        do {
            int len = Math.min(TXT_CHUNK, text.length - at);
            rdata.write(len);
            rdata.write(text, at, len);
            at += len;
        } while (at < text.length);
        return Record.newRecord(name, Type.TXT, DClass.IN, ttl, rdata.toByteArray());
    }

    private static Record other(Name name, int type, long ttl, String value) throws DnsFailure {
        String v = value.trim();
        if (v.isEmpty()) {
            throw new DnsFailure("an empty value is not a valid " + Type.string(type) + " value");
        }
        return fromText(name, type, ttl, v, Name.root);
    }

    /** One record from its zone-file text; relative names in it are taken relative to {@code origin}. */
    static Record fromText(Name name, int type, long ttl, String text, Name origin) throws DnsFailure {
        try {
            return Record.fromString(name, type, DClass.IN, ttl, text, origin);
        } catch (IOException | IllegalArgumentException e) {
            throw new DnsFailure("value '" + text + "' is not a valid " + Type.string(type) + " value: " + e.getMessage());
        }
    }
}
