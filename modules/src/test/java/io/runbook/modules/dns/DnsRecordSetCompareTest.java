package io.runbook.modules.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/** The semantic compare that makes a second run report ok: no servers needed. */
class DnsRecordSetCompareTest {
    private static final Name NAME = Name.fromConstantString("mp.example.com.");

    private static RecordSet wanted(int type, long ttl, String... values) throws DnsFailure {
        return RecordValues.parse(NAME, type, ttl, List.of(values));
    }

    /** What a server would hold, parsed from zone-file text. */
    private static RecordSet served(int type, long ttl, String... rdata) throws Exception {
        List<Record> records = new java.util.ArrayList<>();
        for (String r : rdata) {
            records.add(Record.fromString(NAME, type, DClass.IN, ttl, r, Name.root));
        }
        return RecordSet.of(records);
    }

    @Test
    void addressOrderAndDuplicatesDoNotMatter() throws Exception {
        assertTrue(wanted(Type.A, 30, "192.0.2.2", "192.0.2.1", "192.0.2.2").sameAs(served(Type.A, 30, "192.0.2.1", "192.0.2.2")));
    }

    @Test
    void aDifferentTtlIsAChange() throws Exception {
        RecordSet w = wanted(Type.A, 30, "192.0.2.1");
        RecordSet s = served(Type.A, 3600, "192.0.2.1");
        assertTrue(w.sameValues(s));
        assertFalse(w.sameAs(s));
    }

    @Test
    void ipv6IsComparedAsAnAddressNotAsText() throws Exception {
        assertTrue(wanted(Type.AAAA, 60, "2001:DB8:0:0:0:0:0:1").sameAs(served(Type.AAAA, 60, "2001:db8::1")));
    }

    @Test
    void namesInValuesIgnoreCaseAndTheFinalDot() throws Exception {
        assertTrue(wanted(Type.CNAME, 60, "MP-Blue.Example.COM").sameAs(served(Type.CNAME, 60, "mp-blue.example.com.")));
        assertTrue(wanted(Type.MX, 60, "10 Mail.example.com").sameAs(served(Type.MX, 60, "10 mail.example.com.")));
        assertFalse(wanted(Type.MX, 60, "20 mail.example.com").sameAs(served(Type.MX, 60, "10 mail.example.com.")));
    }

    @Test
    void txtIsComparedAsJoinedTextWhateverTheChunks() throws Exception {
        String text = "a".repeat(300);
        RecordSet w = wanted(Type.TXT, 60, text);
        TXTRecord r = (TXTRecord) w.records().get(0);
        assertEquals(List.of(255, 45), r.getStringsAsByteArrays().stream().map(b -> ((byte[]) b).length).toList());
        assertTrue(w.sameAs(served(Type.TXT, 60, "\"" + "a".repeat(100) + "\" \"" + "a".repeat(200) + "\"")));
        assertEquals(List.of(text), w.values());
    }

    @Test
    void txtTakesQuotesCommasAndUnicodeLiterally() throws Exception {
        RecordSet w = wanted(Type.TXT, 60, "say \"hi\", then ünïcode");
        assertTrue(w.sameAs(served(Type.TXT, 60, "\"say \\\"hi\\\", then \\195\\188n\\195\\175code\"")));
        assertEquals(List.of("say \"hi\", then ünïcode"), w.values());
    }

    @Test
    void emptyTxtIsOneEmptyString() throws Exception {
        assertTrue(wanted(Type.TXT, 60, "").sameAs(served(Type.TXT, 60, "\"\"")));
    }

    @Test
    void absentEqualsAbsent() {
        assertTrue(RecordSet.NONE.sameAs(RecordSet.of(List.of())));
        assertEquals(null, RecordSet.NONE.asMap());
        assertEquals("", RecordSet.NONE.toText());
    }

    @Test
    void badValuesAreOneLineErrors() {
        DnsFailure a = assertThrows(DnsFailure.class, () -> wanted(Type.A, 60, "192.0.2.300"));
        assertTrue(a.getMessage().startsWith("value '192.0.2.300' is not a valid A value"), a.getMessage());
        DnsFailure cname = assertThrows(DnsFailure.class, () -> wanted(Type.CNAME, 60, "a.example.com", "b.example.com"));
        assertTrue(cname.getMessage().contains("a CNAME holds exactly one value"), cname.getMessage());
    }
}
