package io.runbook.modules.dns;

import static io.runbook.modules.dns.DnsRecordAgainstBindTest.fresh;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.runbook.engine.module.DirectRun;
import io.runbook.engine.module.Result;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Name;
import org.xbill.DNS.Type;

/**
 * nsupdate (community.general.nsupdate's arguments) against the real BIND primary of .ci/dns-setup.sh: what it
 * registers is what ansible-playbook registers for the same task (measured with Debian's ansible, community.general).
 */
@io.runbook.modules.Exclusive("bind")
class NsUpdateAgainstBindTest {
    private static BindPair bind;

    @BeforeEach
    void servers() throws Exception {
        bind = BindPair.require();
    }

    /** A task's arguments as a playbook for community.general.nsupdate writes them (the key is hmac-sha256). */
    static Map<String, Object> args(String record, Object value) throws IOException {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("server", bind.primary());
        a.put("port", bind.port());
        a.put("key_name", bind.keyName());
        a.put("key_secret", bind.secret());
        a.put("key_algorithm", "hmac-sha256");
        a.put("zone", bind.zone());
        a.put("record", record);
        if (value != null) {
            a.put("value", value);
        }
        return a;
    }

    static Result run(Map<String, Object> args) throws Exception {
        try (DirectRun r = DirectRun.of(new NsUpdate())) {
            return r.run(args);
        }
    }

    private static Result check(Map<String, Object> args) throws Exception {
        try (DirectRun r = DirectRun.of(new NsUpdate()).check(true).diff(true)) {
            return r.run(args);
        }
    }

    /** What the primary holds for the name: sorted values and TTL, as RecordSet describes it. */
    private static String held(String record, int type) throws Exception {
        ServerAddress primary = new ServerAddress(bind.primary(), new InetSocketAddress(bind.primary(), bind.port()));
        Name name = Name.fromString(record, Name.fromString(bind.zone(), Name.root));
        return new DnsClient(true).ask(primary, name, type, Duration.ofSeconds(5)).rrset().describe();
    }

    private static Map<String, Object> registered(String zone, String record, String type, int ttl, List<String> value) {
        return Map.of("zone", zone, "record", record, "type", type, "ttl", ttl, "value", value);
    }

    @Test
    void createRegistersAsNsupdateAndTheSameAgainSendsNothing() throws Exception {
        String name = fresh("nsu-create");
        Result r = run(args(name, "192.0.2.31"));
        assertTrue(r.isChanged(), r.toString());
        assertFalse(r.isFailed(), r.toString());
        assertEquals(Map.of("changed", true, "failed", false, "dns_rc", 0, "dns_rc_str", "NOERROR",
                "record", registered(bind.zone() + ".", name, "A", 3600, List.of("192.0.2.31"))), r.toMap());
        assertEquals("[192.0.2.31] ttl 3600", held(name, Type.A));
        long serial = bind.serial();
        Result again = run(args(name, "192.0.2.31"));
        assertFalse(again.isChanged(), again.toString());
        assertEquals(0, again.data().get("dns_rc"));
        assertEquals(serial, bind.serial(), "an unchanged record must not be updated");
    }

    @Test
    void newValuesOrANewTtlReplaceTheRecordSet() throws Exception {
        String name = fresh("nsu-update");
        run(args(name, List.of("192.0.2.41", "192.0.2.42")));
        Map<String, Object> other = args(name, "192.0.2.43,192.0.2.41");  // a comma-separated string is a list, as there
        Result r = run(other);
        assertTrue(r.isChanged(), r.toString());
        assertEquals("[192.0.2.41, 192.0.2.43] ttl 3600", held(name, Type.A));
        other.put("ttl", 60);
        assertTrue(run(other).isChanged(), "only the TTL differs");
        assertEquals("[192.0.2.41, 192.0.2.43] ttl 60", held(name, Type.A));
        other.put("value", List.of("192.0.2.41", "192.0.2.43"));
        assertFalse(run(other).isChanged(), "the same values in another order");
    }

    @Test
    void absentDeletesAndAnAbsentRecordIsOkWithNxrrset() throws Exception {
        String name = fresh("nsu-absent");
        run(args(name, "192.0.2.51"));
        Map<String, Object> gone = args(name, null);
        gone.put("state", "absent");
        Result r = run(gone);
        assertTrue(r.isChanged(), r.toString());
        assertEquals("no such record", held(name, Type.A));
        Result again = run(gone);
        assertFalse(again.isChanged(), again.toString());
        assertFalse(again.isFailed(), again.toString());
        assertEquals(8, again.data().get("dns_rc"));
        assertEquals("NXRRSET", again.data().get("dns_rc_str"));
        assertNull(((Map<?, ?>) again.data().get("record")).get("value"));
    }

    @Test
    void checkModeAsksAndPredictsButSendsNoChange() throws Exception {
        String name = fresh("nsu-check");
        long serial = bind.serial();
        Result predicted = check(args(name, "192.0.2.61"));
        assertEquals(Map.of("changed", true, "failed", false), predicted.toMap(), "nsupdate registers only changed then");
        assertTrue(predicted.diffs().isEmpty(), "nsupdate has no diff");
        assertEquals("no such record", held(name, Type.A));
        assertEquals(serial, bind.serial(), "check mode must not change the zone");
        run(args(name, "192.0.2.61"));
        Result same = check(args(name, "192.0.2.61"));
        assertFalse(same.isChanged(), same.toString());
        assertEquals(0, same.data().get("dns_rc"));
        Map<String, Object> gone = args(name, null);
        gone.put("state", "absent");
        assertEquals(Map.of("changed", true, "failed", false), check(gone).toMap());
        assertEquals("[192.0.2.61] ttl 3600", held(name, Type.A));
    }

    @Test
    void aWrongSecretFailsAsNsupdateAndTheSecretIsNeverShown() throws Exception {
        Map<String, Object> args = args(fresh("nsu-badkey"), "192.0.2.71");
        String wrong = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";
        args.put("key_secret", wrong);
        Result r;
        List<String> secrets;
        try (DirectRun direct = DirectRun.of(new NsUpdate())) {
            r = direct.run(args);
            secrets = direct.secrets();
        }
        assertTrue(r.isFailed());
        assertFalse(r.isChanged());
        assertTrue(r.msg().startsWith("TSIG update error (PeerBadSignature): The peer didn't like the signature we sent; "
                + bind.primary() + ":" + bind.port() + " rejected the signature of key " + bind.keyName() + " (hmac-sha256) (BADSIG)"), r.msg());
        assertFalse(r.toMap().containsKey("dns_rc"), "nsupdate registers no rcode for a TSIG error: " + r);
        assertFalse(r.toString().contains(wrong));
        assertTrue(secrets.contains(wrong), "the secret is registered for redaction");

        args.put("key_secret", bind.secret());
        args.remove("key_algorithm");
        Result md5 = run(args);
        assertTrue(md5.msg().startsWith("TSIG update error (PeerBadKey): The peer didn't know the key we used; "), md5.msg());
        assertTrue(md5.msg().contains("(hmac-md5)"), "nsupdate's default algorithm: " + md5.msg());
    }

    @Test
    void aRefusedUpdateFailsWithItsRcode() throws Exception {
        Map<String, Object> unsigned = args(fresh("nsu-unsigned"), "192.0.2.72");
        unsigned.remove("key_name");
        unsigned.remove("key_secret");
        Result r = run(unsigned);
        assertTrue(r.isFailed());
        assertEquals(5, r.data().get("dns_rc"));
        assertEquals("REFUSED", r.data().get("dns_rc_str"));
        assertTrue(r.msg().startsWith("Failed to create DNS record (rc: 5): "), r.msg());
        assertTrue(r.msg().endsWith("it was not signed; give key_name and key_secret"), r.msg());

        Map<String, Object> elsewhere = args("nsu", "192.0.2.73");
        elsewhere.put("zone", "not-served.example.test");
        Result notauth = run(elsewhere);
        assertEquals(9, notauth.data().get("dns_rc"));
        assertEquals("NOTAUTH", notauth.data().get("dns_rc_str"));
        assertTrue(notauth.msg().startsWith("Failed to create DNS record (rc: 9): "), notauth.msg());
    }

    @Test
    void withoutZoneTheZoneIsFoundFromTheSoaOfTheAbsoluteRecord() throws Exception {
        String name = fresh("nsu-soa");
        Map<String, Object> args = args(name + ".deeper." + bind.zone() + ".", "192.0.2.81");
        args.remove("zone");
        Result r = run(args);
        assertTrue(r.isChanged(), r.toString());
        assertEquals(registered(bind.zone() + ".", name + ".deeper." + bind.zone() + ".", "A", 3600, List.of("192.0.2.81")),
                r.data().get("record"));
        assertEquals("[192.0.2.81] ttl 3600", held(name + ".deeper", Type.A));

        args.put("record", name);
        Result relative = run(args);
        assertTrue(relative.isFailed());
        assertTrue(relative.msg().startsWith("record must be absolute when omitting zone parameter"), relative.msg());

        args.put("record", "x.not-served.example.");
        Result unserved = run(args);
        assertTrue(unserved.msg().startsWith("Zone lookup failure: '" + bind.primary()
                + "' will not respond to queries regarding 'x.not-served.example.'."), unserved.msg());
    }

    @Test
    void txtValuesAreQuotedAsThereAndStable() throws Exception {
        String name = fresh("nsu-txt");
        Map<String, Object> args = args(name, List.of("hello world", "\"already\" \"quoted\""));
        args.put("type", "TXT");
        Result r = run(args);
        assertTrue(r.isChanged(), r.toString());
        assertEquals(List.of("\"hello world\"", "\"already\" \"quoted\""), ((Map<?, ?>) r.data().get("record")).get("value"));
        assertFalse(run(args).isChanged());
    }
}
