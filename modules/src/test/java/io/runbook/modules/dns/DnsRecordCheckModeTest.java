package io.runbook.modules.dns;

import static io.runbook.modules.dns.DnsRecordAgainstBindTest.fresh;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.runbook.engine.module.Diff;
import io.runbook.engine.module.DirectRun;
import io.runbook.engine.module.Result;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Check mode reads and predicts against the real primary but sends nothing; diff shows old and new RRset. */
@io.runbook.modules.Exclusive("bind")
class DnsRecordCheckModeTest {
    private static BindPair bind;

    // Per test, not @BeforeAll: surefire reports a skipped @BeforeAll as nothing at all, and a skip must be visible.
    @BeforeEach
    void servers() throws Exception {
        bind = BindPair.require();
    }

    private static Result check(Map<String, Object> args) throws Exception {
        try (DirectRun r = DirectRun.of(new DnsRecord()).check(true).diff(true)) {
            return r.run(args);
        }
    }

    @Test
    void checkModePredictsChangeAndSendsNothing() throws Exception {
        Map<String, Object> args = bind.args(fresh("check"), "192.0.2.90");
        long serial = bind.serial();
        Result predicted = check(args);
        assertTrue(predicted.isChanged(), predicted.toString());
        assertFalse(predicted.isFailed());
        assertEquals(serial, bind.serial(), "check mode must not send an update");
        assertFalse(predicted.data().containsKey("propagation"));
        Result real = DnsRecordAgainstBindTest.run(args);
        assertTrue(real.isChanged(), "nothing was created by check mode, so the real run changes: " + real);
        assertFalse(check(args).isChanged());
    }

    @Test
    void diffShowsTheOldAndTheNewRecordSet() throws Exception {
        String name = fresh("diff");
        Map<String, Object> args = bind.args(name, "192.0.2.91");
        args.put("ttl", 60);
        DnsRecordAgainstBindTest.run(args);
        args.put("value", "192.0.2.92");
        args.put("ttl", 30);
        Result r = check(args);
        assertEquals(1, r.diffs().size());
        Diff d = r.diffs().get(0);
        String fqdn = name + "." + bind.zone() + ".";
        assertEquals("dns " + fqdn + " A", d.label());
        assertEquals(fqdn + "\t60\tIN\tA\t192.0.2.91\n", d.before());
        assertEquals(fqdn + "\t30\tIN\tA\t192.0.2.92\n", d.after());
        args.put("state", "absent");
        Diff gone = check(args).diffs().get(0);
        assertEquals("", gone.after());
    }
}
