package io.runbook.modules.dns;

import io.runbook.engine.module.Result;

/**
 * A failure of the dns_record module, already worded for the person running the playbook: one line that
 * names the server and what to check. Carries the DNS rcode when a server answered with one, so the result
 * can show {@code dns_rc}/{@code dns_rc_str} like Ansible's nsupdate. Messages never contain the TSIG secret.
 */
final class DnsFailure extends Exception {
    private final Integer rcode;
    private final String rcodeText;

    DnsFailure(String message) {
        this(message, null, null);
    }

    DnsFailure(String message, Integer rcode, String rcodeText) {
        super(message, null, false, false);
        this.rcode = rcode;
        this.rcodeText = rcodeText;
    }

    /** The DNS response code, or null when no server answered. */
    Integer rcode() {
        return rcode;
    }

    /** The failed result: the message, and {@code dns_rc}/{@code dns_rc_str} when a server answered with an rcode. */
    Result result() {
        Result failed = Result.failed(getMessage());
        return rcode == null ? failed : failed.with("dns_rc", rcode).with("dns_rc_str", rcodeText);
    }

    /** The rcode as text, with the TSIG error when there was one (such as {@code NOTAUTH/BADSIG}). */
    String rcodeText() {
        return rcodeText;
    }
}
