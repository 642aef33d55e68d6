package io.runbook.modules.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;
import org.junit.jupiter.api.Test;

/** The dig lookup's texts and fields, as dnspython writes them (checked with python3-dnspython 2.3). */
class DigValuesTest {

    private static Record record(String name, int type, String text) throws Exception {
        return Record.fromString(Name.fromString(name), type, DClass.IN, 300, text, Name.root);
    }

    @Test
    void ipv6AddressesAreWrittenShort() throws Exception {
        assertEquals("2001:db8::1", DigValues.text(record("a.", Type.AAAA, "2001:db8:0:0:0:0:0:1"), "AAAA"));
        assertEquals("::1", DigValues.ipv6(new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}));
        assertEquals("1::", DigValues.ipv6(new byte[] {0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}));
        assertEquals("2001:db8:0:1:1:1:1:1", DigValues.text(record("a.", Type.AAAA, "2001:db8:0:1:1:1:1:1"), "AAAA"));
        assertEquals("1:0:0:1::", DigValues.ipv6(new byte[] {0, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0}));
        // an embedded IPv4 address dotted, as dnspython's inet_ntoa
        assertEquals("::1.2.3.4", DigValues.ipv6(new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 4}));
        assertEquals("::ffff:1.2.3.4", DigValues.ipv6(new byte[] {1, 2, 3, 4}));
        assertEquals("::", DigValues.ipv6(new byte[16]));
    }

    @Test
    void txtLosesItsOuterQuotesOnlyWhenTxtWasAskedFor() throws Exception {
        Record txt = record("t.", Type.TXT, "\"part one\" \"part \\\"two\\\"\"");
        assertEquals("part one\" \"part \\\"two\\\"", DigValues.text(txt, "txt"));
        assertEquals(List.of("part one", "part \"two\""), DigValues.fields(txt, "t.", 300).get("strings"));
    }

    @Test
    void fieldsEndWithOwnerTypeTtlAndClass() throws Exception {
        Map<String, Object> mx = DigValues.fields(record("m.", Type.MX, "10 mail.example."), "m.", 60);
        assertEquals(List.of("preference", "exchange", "owner", "type", "ttl", "class"), List.copyOf(mx.keySet()));
        assertEquals(10, mx.get("preference"));
        assertEquals("mail.example.", mx.get("exchange"));
        assertEquals(60L, mx.get("ttl"));
    }

    @Test
    void ptrTermsAreAddressesOnly() {
        assertEquals(List.of("5.2.0.192.in-addr.arpa.",
                "1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa."),
                DigLookup.reversed(List.of("192.0.2.5", "2001:db8::1", "5.2.0.192.in-addr.arpa.", "www.example.com")));
    }
}
