package io.runbook.modules.dns;

import io.runbook.engine.module.Arg;
import io.runbook.engine.module.ArgSpec;
import io.runbook.engine.module.ArgType;
import io.runbook.engine.module.Module;
import io.runbook.engine.module.ModuleContext;
import io.runbook.engine.module.Result;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;
import org.xbill.DNS.Update;

/**
 * {@code nsupdate} (community.general.nsupdate): its arguments, defaults and results unchanged. Whether the record is
 * already there is asked of {@code server} as nsupdate asks it, with prerequisite-only updates (the RRset exists; it
 * holds exactly these values) and then a query for its TTL; then one update creates, replaces or deletes the RRset.
 * Check mode stops before that update and registers only {@code changed} when it would change, as nsupdate does.
 * No propagation check: that is {@code dns_record}'s.
 */
public final class NsUpdate implements Module {
    private static final ArgSpec SPEC = ArgSpec.builder()
            .arg(Arg.str("server").required().description("the server to update (its address)"))
            .arg(Arg.integer("port").defaultValue(53).description("the DNS port of server"))
            .arg(Arg.str("key_name").description("TSIG key name; none: unsigned updates"))
            .arg(Arg.str("key_secret").secret().description("TSIG secret (base64); never printed"))
            .arg(Arg.str("key_algorithm").defaultValue("hmac-md5").choices("HMAC-MD5.SIG-ALG.REG.INT", "hmac-md5",
                    "hmac-sha1", "hmac-sha224", "hmac-sha256", "hmac-sha384", "hmac-sha512"))
            .arg(Arg.str("zone").description("default: the first name up from record that server has a SOA for"))
            .arg(Arg.str("record").required().description("relative to zone, or absolute with a final dot (required without zone)"))
            .arg(Arg.str("type").defaultValue("A").description("record type"))
            .arg(Arg.integer("ttl").defaultValue(3600).description("seconds"))
            .arg(Arg.list("value").elements(ArgType.STR).description("one value or a list: the whole RRset"))
            .arg(Arg.str("protocol").defaultValue("tcp").choices("tcp", "udp"))
            .arg(Arg.str("state").defaultValue("present").choices("present", "absent"))
            .build();

    /** What the existence check found, as nsupdate's record_exists says it. */
    private enum Found { NONE, SAME, DIFFERENT }

    @Override
    public String name() {
        return "nsupdate";
    }

    @Override
    public String description() {
        return "community.general.nsupdate: set or delete a DNS record with a (TSIG-signed) dynamic update, as Ansible does";
    }

    @Override
    public ArgSpec spec() {
        return SPEC;
    }

    @Override
    public Result run(ModuleContext ctx) {
        try {
            return execute(ctx);
        } catch (DnsFailure f) {
            return f.result();
        }
    }

    private Result execute(ModuleContext ctx) throws DnsFailure {
        Optional<TsigKeySource.Key> key = TsigKeySource.named(ctx.args().string("key_name"), ctx.args().string("key_secret"),
                ctx.args().string("key_algorithm"), ctx);
        NsUpdateServer server = new NsUpdateServer(new DnsClient(!"udp".equals(ctx.args().string("protocol"))),
                ServerAddress.parse(ctx.args().string("server"), ctx.args().integer("port")), key.orElse(null));
        NsUpdateRecord rec = NsUpdateRecord.from(ctx.args(), server);
        boolean present = "present".equals(ctx.args().string("state"));
        if (present && rec.values() == null) {
            throw new DnsFailure("value needed when state=present");
        }
        int exists = server.update(prerequisites(rec, false), "the existence check of " + rec.describe());
        if (!present) {
            return absent(ctx, server, rec, exists);
        }
        Found found = Found.NONE;
        int rc = exists;
        if (exists == Rcode.NOERROR) {
            rc = server.update(prerequisites(rec, true), "the value check of " + rec.describe());
            found = rc == Rcode.NOERROR && !ttlChanged(server, rec) ? Found.SAME : Found.DIFFERENT;
        }
        if (found == Found.SAME) {
            return done(false, rc, rec);
        }
        if (ctx.checkMode()) {
            return Result.changed(true);
        }
        Update update = found == Found.NONE ? create(rec) : replace(server, rec);
        rc = server.update(update, rec.describe());
        if (rc != Rcode.NOERROR) {
            throw refused(found == Found.NONE ? "Failed to create DNS record" : "Failed to update DNS record", rc, server, rec);
        }
        ctx.madeChange();
        return done(true, rc, rec);
    }

    private static Result absent(ModuleContext ctx, NsUpdateServer server, NsUpdateRecord rec, int exists) throws DnsFailure {
        if (exists != Rcode.NOERROR) {
            if (exists != Rcode.NXRRSET && exists != Rcode.NXDOMAIN) {
                ctx.warnNow(server.address().describe() + " answered " + Rcode.string(exists) + " to the check whether "
                        + rec.describe() + " exists; nsupdate takes that as 'no such record' and deletes nothing: "
                        + UpdateRejection.reason(exists, Rcode.NOERROR, server.address(), server.key(), rec.zoneText(),
                        rec.describe(), false));
            }
            return done(false, exists, rec);
        }
        if (ctx.checkMode()) {
            return Result.changed(true);
        }
        Update update = new Update(rec.zone());
        update.delete(rec.fqdn(), rec.type());
        int rc = server.update(update, rec.describe());
        if (rc != Rcode.NOERROR) {
            throw refused("Failed to delete record", rc, server, rec);
        }
        ctx.madeChange();
        return done(true, rc, rec);
    }

    /** A prerequisite-only update: the RRset exists, and with {@code values} holds exactly the task's values. */
    private static Update prerequisites(NsUpdateRecord rec, boolean values) throws DnsFailure {
        Update update = new Update(rec.zone());
        update.present(rec.fqdn(), rec.type());
        if (values) {
            CompareAndSetUpdate.requireExactly(update, rec.fqdn(), rec.type(), rec.records());
        }
        return update;
    }

    /** Whether the TTL the server answers (the first record of its answer, for NS also of its authority) differs. */
    private static boolean ttlChanged(NsUpdateServer server, NsUpdateRecord rec) throws DnsFailure {
        Message answer = server.query(rec.fqdn(), rec.type());
        List<Record> records = answer.getSection(Section.ANSWER);
        if (records.isEmpty() && rec.type() == Type.NS) {
            records = answer.getSection(Section.AUTHORITY);
        }
        if (answer.getRcode() != Rcode.NOERROR || records.isEmpty()) {
            throw new DnsFailure("Failed to lookup TTL of existing matching record. (" + server.address().describe()
                    + " answered " + Rcode.string(answer.getRcode()) + " for " + rec.describe() + ")");
        }
        return records.get(0).getTTL() != rec.ttl();
    }

    private static Update create(NsUpdateRecord rec) {
        Update update = new Update(rec.zone());
        rec.records().forEach(update::add);
        return update;
    }

    /**
     * Deletes the RRset and adds the values; for NS, adds first and then deletes only the records not wanted (BIND
     * ignores deleting a zone's whole NS RRset), as nsupdate does.
     */
    private static Update replace(NsUpdateServer server, NsUpdateRecord rec) throws DnsFailure {
        Update update = new Update(rec.zone());
        if (rec.type() != Type.NS) {
            update.delete(rec.fqdn(), rec.type());
            rec.records().forEach(update::add);
            return update;
        }
        Set<String> wanted = new java.util.HashSet<>();
        rec.records().forEach(r -> wanted.add(RecordSet.key(r)));
        rec.records().forEach(update::add);
        for (Record r : server.query(rec.fqdn(), Type.NS).getSection(Section.ANSWER)) {
            if (r.getType() == Type.NS && r.getName().equals(rec.fqdn()) && !wanted.contains(RecordSet.key(r))) {
                update.delete(r);
            }
        }
        return update;
    }

    private static DnsFailure refused(String what, int rc, NsUpdateServer server, NsUpdateRecord rec) {
        return new DnsFailure(what + " (rc: " + rc + "): " + UpdateRejection.reason(rc, Rcode.NOERROR, server.address(),
                server.key(), rec.zoneText(), rec.describe(), false), rc, Rcode.string(rc));
    }

    private static Result done(boolean changed, int rc, NsUpdateRecord rec) {
        return Result.changed(changed).with("dns_rc", rc).with("dns_rc_str", Rcode.string(rc)).with("record", rec.resultMap());
    }
}
