package io.runbook.modules.dns;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CAARecord;
import org.xbill.DNS.DNSKEYRecord;
import org.xbill.DNS.DSRecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.HINFORecord;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.NAPTRRecord;
import org.xbill.DNS.NSEC3PARAMRecord;
import org.xbill.DNS.RPRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.SSHFPRecord;
import org.xbill.DNS.TLSARecord;
import org.xbill.DNS.SPFRecord;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/**
 * The values of the {@code dig} lookup, as community.general's (dnspython's text of each record): a record's text
 * (a TXT record's without its outer quotes), or with {@code flat=0} a mapping of its fields plus {@code owner},
 * {@code type}, {@code ttl} and {@code class}. IPv6 addresses are written short (RFC 5952), as dnspython does.
 */
final class DigValues {
    private DigValues() {
    }

    /** The record as text; {@code qtype} is the type asked for (only an asked-for TXT loses its outer quotes). */
    static String text(Record r, String qtype) {
        String s = r instanceof AAAARecord a ? ipv6(a.getAddress().getAddress()) : r.rdataToString();
        return qtype.equalsIgnoreCase("TXT") && s.length() >= 2 ? s.substring(1, s.length() - 1) : s;
    }

    /** The record's fields (none for a type community.general cannot map), then owner, type, ttl and class. */
    static Map<String, Object> fields(Record r, String owner, long ttl) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (r instanceof ARecord a) {
            m.put("address", a.getAddress().getHostAddress());
        } else if (r instanceof AAAARecord a) {
            m.put("address", ipv6(a.getAddress().getAddress()));
        } else if ((r.getType() == Type.CNAME || r.getType() == Type.DNAME
                || r.getType() == Type.NS || r.getType() == Type.PTR)) {
            m.put("target", r.rdataToString());
        } else if (r instanceof MXRecord mx) {
            m.put("preference", mx.getPriority());
            m.put("exchange", mx.getTarget().toString());
        } else if (r instanceof SOARecord soa) {
            m.put("mname", soa.getHost().toString());
            m.put("rname", soa.getAdmin().toString());
            m.put("serial", soa.getSerial());
            m.put("refresh", soa.getRefresh());
            m.put("retry", soa.getRetry());
            m.put("expire", soa.getExpire());
            m.put("minimum", soa.getMinimum());
        } else if (r instanceof SRVRecord srv) {
            m.put("priority", srv.getPriority());
            m.put("weight", srv.getWeight());
            m.put("port", srv.getPort());
            m.put("target", srv.getTarget().toString());
        } else if (r instanceof TXTRecord || r instanceof SPFRecord) {
            List<byte[]> chunks = r instanceof TXTRecord t ? t.getStringsAsByteArrays() : ((SPFRecord) r).getStringsAsByteArrays();
            List<Object> strings = new ArrayList<>();
            chunks.forEach(b -> strings.add(new String(b, StandardCharsets.UTF_8)));
            m.put("strings", strings);
        } else if (r instanceof CAARecord caa) {
            m.put("flags", caa.getFlags());
            m.put("tag", caa.getTag());
            m.put("value", caa.getValue());
        } else {
            otherFields(r, m);
        }
        m.put("owner", owner);
        m.put("type", Type.string(r.getType()));
        m.put("ttl", ttl);
        m.put("class", DClass.string(r.getDClass()));
        return m;
    }

    private static void otherFields(Record r, Map<String, Object> m) {
        HexFormat hex = HexFormat.of();
        if (r instanceof HINFORecord h) {
            m.put("cpu", h.getCPU());
            m.put("os", h.getOS());
        } else if (r instanceof NAPTRRecord n) {
            m.put("order", n.getOrder());
            m.put("preference", n.getPreference());
            m.put("flags", n.getFlags());
            m.put("service", n.getService());
            m.put("regexp", n.getRegexp());
            m.put("replacement", n.getReplacement().toString());
        } else if (r instanceof RPRecord rp) {
            m.put("mbox", rp.getMailbox().toString());
            m.put("txt", rp.getTextDomain().toString());
        } else if (r instanceof DSRecord ds) {
            m.put("algorithm", ds.getAlgorithm());
            m.put("digest_type", ds.getDigestID());
            m.put("key_tag", ds.getFootprint());
            m.put("digest", hex.formatHex(ds.getDigest()));
        } else if (r instanceof DNSKEYRecord k) {
            m.put("flags", k.getFlags());
            m.put("algorithm", k.getAlgorithm());
            m.put("protocol", k.getProtocol());
            m.put("key", Base64.getEncoder().encodeToString(k.getKey()));
        } else if (r instanceof NSEC3PARAMRecord n) {
            m.put("algorithm", n.getHashAlgorithm());
            m.put("flags", n.getFlags());
            m.put("iterations", n.getIterations());
            m.put("salt", n.getSalt() == null ? "" : hex.formatHex(n.getSalt()));
        } else if (r instanceof SSHFPRecord s) {
            m.put("algorithm", s.getAlgorithm());
            m.put("fp_type", s.getDigestType());
            m.put("fingerprint", hex.formatHex(s.getFingerPrint()));
        } else if (r instanceof TLSARecord t) {
            m.put("usage", t.getCertificateUsage());
            m.put("selector", t.getSelector());
            m.put("mtype", t.getMatchingType());
            m.put("cert", hex.formatHex(t.getCertificateAssociationData()));
        }
    }

    /**
     * An IPv6 address as dnspython writes it (zero groups as {@code ::}, an embedded IPv4 address dotted); Java gives
     * an IPv4-mapped address as its four IPv4 bytes.
     */
    static String ipv6(byte[] a) {
        byte[] full = a;
        if (a.length == 4) {
            full = new byte[16];
            full[10] = (byte) 0xff;
            full[11] = (byte) 0xff;
            System.arraycopy(a, 0, full, 12, 4);
        }
        return io.runbook.engine.vars.Ipv6Text.of(new java.math.BigInteger(1, full), true);
    }
}
