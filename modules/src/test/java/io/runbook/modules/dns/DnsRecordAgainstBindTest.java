package io.runbook.modules.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.runbook.engine.module.DirectRun;
import io.runbook.engine.module.Result;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ResolverConfig;

/** dns_record against the real BIND primary (127.0.0.1) and secondary (127.0.0.2) from .ci/dns-setup.sh. */
@io.runbook.modules.Exclusive("bind")
class DnsRecordAgainstBindTest {
    private static final String RUN = Long.toString(System.currentTimeMillis() % 1_000_000, 36);
    private static BindPair bind;

    // Per test, not @BeforeAll: surefire reports a skipped @BeforeAll as nothing at all, and a skip must be visible.
    @BeforeEach
    void servers() throws Exception {
        bind = BindPair.require();
    }

    static String fresh(String base) {
        return base + "-" + RUN;
    }

    static Result run(Map<String, Object> args) throws Exception {
        try (DirectRun r = DirectRun.of(new DnsRecord())) {
            return r.run(args);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Map<String, Object>> propagation(Result r) {
        return (Map<String, Map<String, Object>>) r.data().get("propagation");
    }

    @Test
    void createIsChangedAndPropagatedToBothServers() throws Exception {
        Map<String, Object> args = bind.args(fresh("mp"), "192.0.2.20");
        args.put("ttl", 30);
        Result r;
        List<String> progress;
        try (DirectRun direct = DirectRun.of(new DnsRecord())) {
            r = direct.run(args);
            progress = direct.progressLines();
        }
        assertTrue(r.isChanged(), r.toString());
        assertFalse(r.isFailed(), r.toString());
        assertNull(r.data().get("previous"));
        @SuppressWarnings("unchecked")
        Map<String, Object> record = (Map<String, Object>) r.data().get("record");
        assertEquals(List.of("192.0.2.20"), record.get("values"));
        assertEquals(30L, record.get("ttl"));
        Map<String, Map<String, Object>> p = propagation(r);
        String port = ":" + bind.port();
        assertEquals(true, p.get(bind.primary() + port).get("ok"), p.toString());
        assertEquals(true, p.get(bind.secondary() + port).get("ok"), p.toString());
        assertEquals(0, r.data().get("dns_rc"));
        for (String server : List.of(bind.primary(), bind.secondary())) {
            assertTrue(progress.stream().anyMatch(l -> l.contains("(" + server + port + ") has [192.0.2.20] ttl 30 after")),
                    "a progress line per server: " + progress);
        }
    }

    @Test
    void sameAgainIsOkAndSendsNothing() throws Exception {
        Map<String, Object> args = bind.args(fresh("same"), List.of("192.0.2.1", "192.0.2.2"));
        assertTrue(run(args).isChanged());
        long serial = bind.serial();
        args.put("value", List.of("192.0.2.2", "192.0.2.1"));
        Result again = run(args);
        assertFalse(again.isChanged(), again.toString());
        assertFalse(again.isFailed(), again.toString());
        assertEquals(serial, bind.serial(), "an unchanged record must not send an update");
        assertFalse(again.data().containsKey("dns_rc"));
        assertEquals(2, propagation(again).size());
    }

    @Test
    void changedValueIsChangedAndKeepsEveryValue() throws Exception {
        Map<String, Object> args = bind.args(fresh("chg"), "192.0.2.10");
        run(args);
        args.put("value", List.of("192.0.2.11", "192.0.2.12", "192.0.2.13"));
        Result r = run(args);
        assertTrue(r.isChanged(), r.toString());
        assertFalse(r.isFailed(), r.toString());
        assertEquals(Map.of("ttl", 3600L, "values", List.of("192.0.2.10")), r.data().get("previous"));
        assertFalse(run(args).isChanged(), "all three values must be on the server (no Update.replace)");
    }

    @Test
    void ttlChangeIsChangedAndOmittedTtlKeepsTheExistingOne() throws Exception {
        Map<String, Object> args = bind.args(fresh("ttl"), "192.0.2.30");
        args.put("ttl", 300);
        run(args);
        args.put("ttl", 30);
        assertTrue(run(args).isChanged());
        args.remove("ttl");
        Result kept = run(args);
        assertFalse(kept.isChanged(), kept.toString());
        @SuppressWarnings("unchecked")
        Map<String, Object> record = (Map<String, Object>) kept.data().get("record");
        assertEquals(30L, record.get("ttl"));
    }

    @Test
    void absentIsChangedThenOk() throws Exception {
        Map<String, Object> args = bind.args(fresh("gone"), "192.0.2.40");
        run(args);
        args.put("state", "absent");
        args.remove("value");
        Result first = run(args);
        assertTrue(first.isChanged(), first.toString());
        assertFalse(first.isFailed(), first.toString());
        assertEquals("no such record", propagation(first).get(bind.secondary() + ":" + bind.port()).get("answer"));
        long serial = bind.serial();
        Result second = run(args);
        assertFalse(second.isChanged(), second.toString());
        assertEquals(serial, bind.serial());
    }

    @Test
    void cnameIsIdempotentWhateverTheCaseAndFinalDot() throws Exception {
        Map<String, Object> args = bind.args(fresh("alias"), "MP-Blue.Example.COM");
        args.put("type", "CNAME");
        assertTrue(run(args).isChanged());
        args.put("value", "mp-blue.example.com.");
        Result again = run(args);
        assertFalse(again.isChanged(), again.toString());
        assertFalse(again.isFailed(), again.toString());
    }

    @Test
    void longTxtIsSplitAndIdempotent() throws Exception {
        String text = "v=tetrate-dr; " + "x".repeat(300) + "; with, commas and \"quotes\"";
        Map<String, Object> args = bind.args(fresh("txt"), text);
        args.put("type", "TXT");
        Result first = run(args);
        assertTrue(first.isChanged(), first.toString());
        assertFalse(first.isFailed(), first.toString());
        Result again = run(args);
        assertFalse(again.isChanged(), again.toString());
        @SuppressWarnings("unchecked")
        Map<String, Object> record = (Map<String, Object>) again.data().get("record");
        assertEquals(List.of(text), record.get("values"));
    }

    @Test
    void mxAndAaaaAreIdempotent() throws Exception {
        Map<String, Object> mx = bind.args(fresh("mail"), List.of("10 mx1.example.com", "20 MX2.example.com."));
        mx.put("type", "MX");
        assertTrue(run(mx).isChanged());
        assertFalse(run(mx).isChanged());
        Map<String, Object> v6 = bind.args(fresh("v6"), "2001:DB8:0:0::1");
        v6.put("type", "AAAA");
        assertTrue(run(v6).isChanged());
        v6.put("value", "2001:db8::1");
        assertFalse(run(v6).isChanged());
    }

    @Test
    void udpWorksToo() throws Exception {
        Map<String, Object> args = bind.args(fresh("udp"), "192.0.2.50");
        args.put("protocol", "udp");
        Result r = run(args);
        assertTrue(r.isChanged() && !r.isFailed(), r.toString());
        assertFalse(run(args).isChanged());
    }

    @Test
    void keyFileFromTsigKeygenSignsTheUpdate() throws Exception {
        Map<String, Object> args = bind.args(fresh("keyfile"), "192.0.2.60");
        args.remove("key_secret");
        args.remove("key_name");
        args.put("key_file", bind.keyFile());
        Result r = run(args);
        assertTrue(r.isChanged() && !r.isFailed(), r.toString());
    }

    @Test
    void primaryIsFoundFromTheSoaMnameWhenServerIsNotGiven() throws Exception {
        Map<String, Object> args = bind.args(fresh("soa"), "192.0.2.75");
        args.remove("server");
        String before = System.getProperty("dns.server");
        System.setProperty("dns.server", bind.primary() + ":" + bind.port());
        ResolverConfig.refresh();
        try {
            Result r = run(args);
            assertTrue(r.isChanged() && !r.isFailed(), r.toString());
            assertEquals(2, propagation(r).size());
        } finally {
            if (before == null) {
                System.clearProperty("dns.server");
            } else {
                System.setProperty("dns.server", before);
            }
            ResolverConfig.refresh();
        }
    }

    @Test
    void withoutWaitingNoPropagationIsReported() throws Exception {
        Map<String, Object> args = bind.args(fresh("nowait"), "192.0.2.70");
        args.put("wait_propagation", false);
        Result r = run(args);
        assertTrue(r.isChanged());
        assertFalse(r.data().containsKey("propagation"));
    }
}
