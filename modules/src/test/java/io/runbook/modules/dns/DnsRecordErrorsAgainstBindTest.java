package io.runbook.modules.dns;

import static io.runbook.modules.dns.DnsRecordAgainstBindTest.fresh;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.runbook.engine.module.Args;
import io.runbook.engine.module.DirectRun;
import io.runbook.engine.module.Result;
import io.runbook.modules.ClosedPort;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Name;
import org.xbill.DNS.TSIG;

/** Every failure is one line that names the server and what to check, and never shows the TSIG secret. */
@io.runbook.modules.Exclusive("bind")
class DnsRecordErrorsAgainstBindTest {
    private static BindPair bind;

    // Per test, not @BeforeAll: surefire reports a skipped @BeforeAll as nothing at all, and a skip must be visible.
    @BeforeEach
    void servers() throws Exception {
        bind = BindPair.require();
    }

    /** Runs and asserts the secret is nowhere in the result, the progress lines or the warnings. */
    private static Result runHidingSecret(Map<String, Object> args, String secret) throws Exception {
        try (DirectRun r = DirectRun.of(new DnsRecord())) {
            Result result = r.run(args);
            String everything = result.toString() + r.progressLines() + r.warnings() + result.diffs();
            assertFalse(everything.contains(secret), "the TSIG secret leaked: " + everything);
            assertTrue(r.secrets().contains(secret), "the secret must be registered for redaction");
            return result;
        }
    }

    private static String otherSecret() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    @Test
    void wrongSecretGivesTheBadsigLineWithoutTheSecret() throws Exception {
        Map<String, Object> args = bind.args(fresh("badsig"), "192.0.2.80");
        String wrong = otherSecret();
        args.put("key_secret", wrong);
        long serial = bind.serial();
        Result r = runHidingSecret(args, wrong);
        assertTrue(r.isFailed());
        assertTrue(r.msg().contains("BADSIG") && r.msg().contains("secret is wrong")
                && r.msg().contains(bind.primary() + ":" + bind.port()), r.msg());
        assertFalse(r.msg().contains("\n"));
        assertEquals(9, r.data().get("dns_rc"));
        assertEquals("NOTAUTH/BADSIG", r.data().get("dns_rc_str"));
        assertEquals(serial, bind.serial());
    }

    @Test
    void unknownKeyNameGivesTheBadkeyLine() throws Exception {
        Map<String, Object> args = bind.args(fresh("badkey"), "192.0.2.81");
        args.put("key_name", "no-such-key");
        Result r = runHidingSecret(args, bind.secret());
        assertTrue(r.isFailed());
        assertTrue(r.msg().contains("BADKEY") && r.msg().contains("key no-such-key (hmac-sha256)"), r.msg());
    }

    @Test
    void wrongAlgorithmGivesTheBadkeyLine() throws Exception {
        Map<String, Object> args = bind.args(fresh("badalg"), "192.0.2.82");
        args.put("key_algorithm", "hmac-sha512");
        Result r = runHidingSecret(args, bind.secret());
        assertTrue(r.isFailed());
        assertTrue(r.msg().contains("BADKEY") && r.msg().contains("hmac-sha512"), r.msg());
    }

    @Test
    void updateSentToTheSecondaryIsRefusedWithAHint() throws Exception {
        Map<String, Object> args = bind.args(fresh("tosec"), "192.0.2.83");
        args.put("server", bind.secondary());
        Result r = runHidingSecret(args, bind.secret());
        assertTrue(r.isFailed());
        assertTrue(r.msg().contains("REFUSED") && r.msg().contains("send updates to the primary")
                && r.msg().contains(bind.secondary()), r.msg());
    }

    @Test
    void unsignedUpdateIsRefusedAndSaysItWasNotSigned() throws Exception {
        Map<String, Object> args = bind.args(fresh("nokey"), "192.0.2.84");
        args.remove("key_name");
        args.remove("key_secret");
        Result r = DnsRecordAgainstBindTest.run(args);
        assertTrue(r.isFailed());
        assertTrue(r.msg().contains("REFUSED") && r.msg().contains("not signed"), r.msg());
    }

    @Test
    void zoneNotServedIsReportedBeforeSending() throws Exception {
        Map<String, Object> args = bind.args("mp", "192.0.2.85");
        args.put("zone", "not-served.test");
        Result r = runHidingSecret(args, bind.secret());
        assertTrue(r.isFailed());
        assertTrue(r.msg().contains("serves zone not-served.test.") && r.msg().contains(bind.primary()), r.msg());
    }

    @Test
    void nameOutsideTheZoneIsRejectedBeforeSending() throws Exception {
        Map<String, Object> args = bind.args("mp.elsewhere.test.", "192.0.2.86");
        Result r = runHidingSecret(args, bind.secret());
        assertTrue(r.isFailed());
        assertTrue(r.msg().contains("outside zone " + bind.zone()), r.msg());
    }

    @Test
    void serverDownNamesTheServerAndPort() throws Exception {
        Map<String, Object> args = bind.args(fresh("down"), "192.0.2.87");
        try (ClosedPort closed = ClosedPort.tcp()) {
            int nothing = closed.port();
            args.put("port", nothing);
            Result r = runHidingSecret(args, bind.secret());
            assertTrue(r.isFailed());
            assertTrue(r.msg().contains(bind.primary() + ":" + nothing) && r.msg().contains("connection refused"), r.msg());
        }
    }

    @Test
    void stoppedSecondaryMakesPropagationTimeOutNamingIt() throws Exception {
        Map<String, Object> args = bind.args(fresh("lag"), "192.0.2.88");
        args.put("propagation_timeout", "10s");  // the primary answers within it however busy the machine
        bind.secondary("stop");
        Result r;
        try {
            try (DirectRun run = DirectRun.of(new DnsRecord())) {
                r = run.run(args);
                assertFalse(run.progressLines().isEmpty(), "progress must be reported while waiting");
            }
        } finally {
            bind.secondary("start");
        }
        assertTrue(r.isFailed() && r.isChanged(), r.toString());
        String sec = bind.secondary() + ":" + bind.port();
        assertTrue(r.msg().contains("ns2." + bind.zone() + ". (" + sec + ") gives no answer: connection refused"), r.msg());
        assertFalse(r.msg().contains(bind.primary() + ":" + bind.port() + ") still"), r.msg());
        Map<String, Map<String, Object>> p = DnsRecordAgainstBindTest.propagation(r);
        assertEquals(false, p.get(sec).get("ok"));
        assertEquals(true, p.get(bind.primary() + ":" + bind.port()).get("ok"));
        Result again = DnsRecordAgainstBindTest.run(args);
        assertFalse(again.isChanged() || again.isFailed(), "after the restart the secondary catches up: " + again);
        assertEquals(true, DnsRecordAgainstBindTest.propagation(again).get(sec).get("ok"));
    }

    @Test
    void aConcurrentChangeBetweenReadAndUpdateIsReportedClearly() throws Exception {
        String name = fresh("race");
        Map<String, Object> args = bind.args(name, "192.0.2.95");
        DnsRecordAgainstBindTest.run(args);
        RecordRequest req = request(name, "192.0.2.97");
        RecordSet staleRead = RecordValues.parse(req.name(), req.type(), 3600, List.of("192.0.2.96"));
        RecordSet wanted = req.desired(staleRead);
        ServerAddress primary = ServerAddress.parse(bind.primary(), bind.port());
        TsigKeySource.Key key = new TsigKeySource.Key(new TSIG(TSIG.HMAC_SHA256,
                Name.fromString(bind.keyName(), Name.root), bind.secret()), bind.keyName(), "hmac-sha256");
        long serial = bind.serial();
        DnsFailure f = assertThrows(DnsFailure.class,
                () -> CompareAndSetUpdate.send(new DnsClient(true), primary, key, req, staleRead, wanted));
        assertTrue(f.getMessage().contains("changed concurrently") && f.getMessage().contains("NXRRSET"), f.getMessage());
        assertEquals(8, f.rcode());
        assertEquals(serial, bind.serial(), "a failed prerequisite changes nothing");
    }

    @Test
    void clockSkewGivesTheBadtimeLine() throws Exception {
        String name = fresh("skew");
        RecordRequest req = request(name, "192.0.2.98");
        byte[] secret = Base64.getDecoder().decode(bind.secret());
        TSIG skewed = new TSIG(TSIG.HMAC_SHA256, Name.fromString(bind.keyName(), Name.root),
                new SecretKeySpec(secret, "HmacSHA256"), Clock.offset(Clock.systemUTC(), Duration.ofMinutes(10)));
        TsigKeySource.Key key = new TsigKeySource.Key(skewed, bind.keyName(), "hmac-sha256");
        DnsFailure f = assertThrows(DnsFailure.class, () -> CompareAndSetUpdate.send(new DnsClient(true),
                ServerAddress.parse(bind.primary(), bind.port()), key, req, RecordSet.NONE, req.desired(RecordSet.NONE)));
        assertTrue(f.getMessage().contains("BADTIME") && f.getMessage().contains("clock"), f.getMessage());
        assertEquals("NOTAUTH/BADTIME", f.rcodeText());
    }

    private RecordRequest request(String name, String value) throws Exception {
        return RecordRequest.from(new Args(
                new HashMap<>(Map.of("zone", bind.zone(), "record", name, "type", "A", "value", value,
                        "state", "present", "port", bind.port(), "protocol", "tcp", "wait_propagation", false,
                        "propagation_timeout", Duration.ofSeconds(5))),
                Set.of(), Map.of(), null));
    }

    @Test
    void explicitNameserversWithPortsAreChecked() throws Exception {
        Map<String, Object> args = bind.args(fresh("ns"), "192.0.2.89");
        args.put("nameservers", List.of(bind.secondary() + ":" + bind.port()));
        Result r = DnsRecordAgainstBindTest.run(args);
        assertFalse(r.isFailed(), r.toString());
        assertEquals(List.of(bind.secondary() + ":" + bind.port()),
                List.copyOf(DnsRecordAgainstBindTest.propagation(r).keySet()));
    }
}
