package io.runbook.lab.dns;

import java.io.IOException;
import java.util.List;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Header;
import org.xbill.DNS.Message;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Turns one request (wire format) into one reply (wire format) for a {@link LabDnsServer}: TSIG check first
 * (a failure is NOTAUTH with the TSIG error, as BIND answers; see {@link #deferredToZoneCheck} for the
 * one exception), then QUERY or UPDATE; other opcodes are NOTIMP. Queries for names in no served zone are REFUSED; an UPDATE of a zone not served is NOTAUTH, an
 * unsigned UPDATE or one sent to the secondary REFUSED.
 */
final class MessageHandler {
    static final int UDP_DEFAULT = 512;
    static final int EDNS_PAYLOAD = 1232;

    private final LabDnsServer server;
    private final TsigKeyring keys;

    MessageHandler(LabDnsServer server, TsigKeyring keys) {
        this.server = server;
        this.keys = keys;
    }

    /** The reply, at most {@code maxLength} bytes (UDP: truncated with TC set), or null to stay silent. */
    byte[] handle(byte[] wire, boolean udp) {
        Message request;
        try {
            request = new Message(wire);
        } catch (IOException e) {
            return formerr(wire);
        }
        if (request.getHeader().getFlag(Flags.QR)) {
            return null;
        }
        Message reply = replyTo(request);
        TsigKeyring.Check tsig = keys.check(request, wire);
        if (tsig.failed() && !deferredToZoneCheck(request, tsig)) {
            reply.getHeader().setRcode(Rcode.NOTAUTH);
        } else {
            answer(request, reply, tsig);
        }
        tsig.sign(reply);
        return reply.toWire(udp ? udpLimit(request) : Message.MAXLENGTH);
    }

    private void answer(Message request, Message reply, TsigKeyring.Check tsig) {
        int opcode = request.getHeader().getOpcode();
        List<Record> question = request.getSection(Section.QUESTION);
        if (opcode != Opcode.QUERY && opcode != Opcode.UPDATE) {
            reply.getHeader().setRcode(Rcode.NOTIMP);
        } else if (question.size() != 1) {
            reply.getHeader().setRcode(Rcode.FORMERR);
        } else if (opcode == Opcode.QUERY) {
            query(question.get(0), reply);
        } else {
            reply.getHeader().setRcode(update(request, question.get(0), tsig));
        }
    }

    private void query(Record question, Message reply) {
        ZoneData zone = server.zoneFor(question.getName());
        if (zone == null || question.getType() == Type.AXFR || question.getType() == Type.IXFR) {
            reply.getHeader().setRcode(Rcode.REFUSED);
            return;
        }
        QueryAnswerer.answer(zone, question, reply);
    }

    private int update(Message request, Record zoneRecord, TsigKeyring.Check tsig) {
        if (zoneRecord.getType() != Type.SOA) {
            return Rcode.FORMERR;
        }
        if (!server.serves(zoneRecord.getName())) {
            return Rcode.NOTAUTH;
        }
        if (!server.acceptsUpdates()) {
            return Rcode.REFUSED;
        }
        if (tsig.failed()) {
            return Rcode.NOTAUTH;
        }
        if (!tsig.signed()) {
            return Rcode.REFUSED;
        }
        return server.update(zoneRecord.getName(), request);
    }

    /**
     * BIND lets an UPDATE signed with a key it does not know (BADKEY) go on to the zone check, so that a
     * secondary can forward it: a secondary then answers REFUSED, the primary NOTAUTH (both with BADKEY).
     */
    private static boolean deferredToZoneCheck(Message request, TsigKeyring.Check tsig) {
        return tsig.error() == Rcode.BADKEY && request.getHeader().getOpcode() == Opcode.UPDATE;
    }

    private static Message replyTo(Message request) {
        Header h = request.getHeader();
        Message reply = new Message(h.getID());
        reply.getHeader().setFlag(Flags.QR);
        reply.getHeader().setOpcode(h.getOpcode());
        if (h.getFlag(Flags.RD)) {
            reply.getHeader().setFlag(Flags.RD);
        }
        request.getSection(Section.QUESTION).forEach(q -> reply.addRecord(q, Section.QUESTION));
        if (request.getOPT() != null) {
            reply.addRecord(new OPTRecord(EDNS_PAYLOAD, 0, 0), Section.ADDITIONAL);
        }
        return reply;
    }

    private static int udpLimit(Message request) {
        OPTRecord opt = request.getOPT();
        return opt == null ? UDP_DEFAULT : Math.max(UDP_DEFAULT, Math.min(opt.getPayloadSize(), EDNS_PAYLOAD));
    }

    /** A FORMERR carrying the request's ID, when at least the header could be read. */
    private static byte[] formerr(byte[] wire) {
        if (wire.length < Header.LENGTH) {
            return null;
        }
        try {
            Header h = new Header(java.util.Arrays.copyOf(wire, Header.LENGTH));
            if (h.getFlag(Flags.QR)) {
                return null;
            }
            Message reply = new Message(h.getID());
            reply.getHeader().setFlag(Flags.QR);
            reply.getHeader().setOpcode(h.getOpcode());
            reply.getHeader().setRcode(Rcode.FORMERR);
            return reply.toWire();
        } catch (IOException e) {
            return null;
        }
    }
}
