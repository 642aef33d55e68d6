package io.runbook.modules.dns;

import io.runbook.engine.module.Arg;
import io.runbook.engine.module.ArgSpec;
import io.runbook.engine.module.ArgType;
import io.runbook.engine.module.Diff;
import io.runbook.engine.module.Module;
import io.runbook.engine.module.ModuleContext;
import io.runbook.engine.module.Result;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.xbill.DNS.Rcode;

/**
 * {@code dns_record}: makes one RRset of a zone what the task says, with a TSIG-signed RFC 2136 update
 * sent to the zone's primary, and then waits until every authoritative server serves it.
 *
 * <p>Idempotent by an authoritative read from the primary and a semantic compare; the update carries a
 * compare-and-set prerequisite on what was read. When nothing needs to change the propagation check still
 * runs (one query per server when all are in sync), so a run after a propagation timeout waits again
 * instead of reporting success while a server lags. The wait for propagation is a {@link Result#later} result: a
 * host waiting for its servers holds neither a fork nor a thread.
 */
public final class DnsRecord implements Module {
    private static final ArgSpec SPEC = ArgSpec.builder()
            .arg(Arg.str("zone").required().description("the zone, such as example.com"))
            .arg(Arg.str("record").required().description("name relative to the zone, @ for the apex, or absolute with a final dot"))
            .arg(Arg.str("type").defaultValue("A").choices("A", "AAAA", "CNAME", "TXT", "MX", "SRV", "PTR").description("record type"))
            .arg(Arg.raw("value").description("one value or a list: the whole RRset"))
            .arg(Arg.integer("ttl").description("seconds; default: keep the existing TTL, 3600 for a new record"))
            .arg(Arg.str("state").defaultValue("present").choices("present", "absent"))
            .arg(Arg.str("server").description("the primary (host, IP or host:port); default: the zone's SOA MNAME"))
            .arg(Arg.integer("port").defaultValue(53).description("DNS port of the primary and of every checked server"))
            .arg(Arg.str("protocol").defaultValue("tcp").choices("tcp", "udp"))
            .arg(Arg.str("key_name").description("TSIG key name"))
            .arg(Arg.str("key_secret").secret().description("TSIG secret (base64); never printed"))
            .arg(Arg.str("key_algorithm").defaultValue("hmac-sha256")
                    .choices("hmac-md5", "hmac-sha1", "hmac-sha224", "hmac-sha256", "hmac-sha384", "hmac-sha512"))
            .arg(Arg.path("key_file").description("a BIND key clause file as tsig-keygen writes it"))
            .arg(Arg.bool("wait_propagation").defaultValue(true))
            .arg(Arg.duration("propagation_timeout").defaultValue(120))
            .arg(Arg.list("nameservers").elements(ArgType.STR).description("servers to check (host or host:port); default: every NS of the zone"))
            .mutuallyExclusive("key_secret", "key_file")
            .build();

    @Override
    public String name() {
        return "dns_record";
    }

    @Override
    public ArgSpec spec() {
        return SPEC;
    }

    @Override
    public String description() {
        return "Set or delete a DNS record with a TSIG-signed dynamic update (RFC 2136) and wait until every authoritative server has it";
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
        Optional<TsigKeySource.Key> key = TsigKeySource.from(ctx.args(), ctx);
        RecordRequest req = RecordRequest.from(ctx.args());
        DnsClient client = new DnsClient(req.tcp());
        ServerAddress primary = AuthoritativeServers.primary(req);
        RecordSet current = readPrimary(client, primary, req);
        RecordSet wanted = req.desired(current);
        boolean change = !current.sameAs(wanted);
        Result result = Result.changed(change)
                .with("record", req.resultMap(wanted))
                .with("previous", current.asMap());
        if (change && ctx.diffMode()) {
            result = result.withDiff(new Diff("dns " + req.name() + " " + req.typeName(), current.toText(), wanted.toText()));
        }
        if (ctx.checkMode()) {
            return result;
        }
        if (change) {
            CompareAndSetUpdate.send(client, primary, key.orElse(null), req, current, wanted);
            ctx.madeChange();
            result = result.with("dns_rc", Rcode.NOERROR).with("dns_rc_str", Rcode.string(Rcode.NOERROR));
            verifyApplied(client, primary, req, wanted);
        }
        return req.waitPropagation() ? awaitPropagation(ctx, client, primary, req, wanted, result) : result;
    }

    private static RecordSet readPrimary(DnsClient client, ServerAddress primary, RecordRequest req) throws DnsFailure {
        DnsClient.Answer answer;
        try {
            answer = client.ask(primary, req.name(), req.type(), CompareAndSetUpdate.TIMEOUT);
        } catch (IOException e) {
            throw new DnsFailure("cannot read " + req.name() + " " + req.typeName() + " from primary " + primary.describe()
                    + ": " + client.whyUnreachable(e, CompareAndSetUpdate.TIMEOUT)
                    + "; is the DNS server running there, and are server, port and protocol right?");
        }
        if (!answer.usable()) {
            throw new DnsFailure("primary " + primary.describe() + " gave no authoritative answer for " + req.name()
                    + " " + req.typeName() + " (" + answer.describe() + "): check that it serves zone " + req.zone(),
                    answer.rcode(), Rcode.string(answer.rcode()));
        }
        return answer.rrset();
    }

    /** The primary said NOERROR; make sure it holds the RRset (BIND drops data that would sit next to a CNAME). */
    private static void verifyApplied(DnsClient client, ServerAddress primary, RecordRequest req, RecordSet wanted)
            throws DnsFailure {
        RecordSet now = readPrimary(client, primary, req);
        if (!now.sameAs(wanted)) {
            throw new DnsFailure("primary " + primary.describe() + " accepted the update of " + req.name() + " " + req.typeName()
                    + " but now holds " + now.describe() + ": a CNAME and other data cannot share a name, or another writer changed it");
        }
    }

    /**
     * Waits until every server to check has the RRset, without a thread ({@link PropagationCheck}): a later result, so
     * the host's fork goes to the next host meanwhile; the engine cancels it at the task's timeout or an interrupt.
     */
    private static Result awaitPropagation(ModuleContext ctx, DnsClient client, ServerAddress primary, RecordRequest req,
                                           RecordSet wanted, Result result) throws DnsFailure {
        List<ServerAddress> servers = AuthoritativeServers.toCheck(client, primary, req);
        CompletableFuture<List<PropagationCheck.Status>> wait = new PropagationCheck(client, ctx.progress(), ctx.scheduler())
                .start(servers, req.name(), req.type(), wanted, req.propagationTimeout());
        CompletableFuture<Result> done = wait.thenApply(statuses -> {
            Map<String, Object> byServer = new LinkedHashMap<>();
            statuses.forEach(s -> byServer.put(s.server().hostPort(), s.asMap()));
            Result out = result.with("propagation", byServer);
            if (statuses.stream().allMatch(PropagationCheck.Status::ok)) {
                return out;
            }
            return out.withFailed(true).withMsg(PropagationCheck.timeoutMessage(statuses, req.name(), req.typeName(),
                    wanted, req.propagationTimeout()));
        });
        done.whenComplete((r, e) -> wait.cancel(true));
        return Result.later(done);
    }
}
