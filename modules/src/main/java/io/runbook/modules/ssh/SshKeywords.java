package io.runbook.modules.ssh;

import io.runbook.engine.module.ModuleException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The keywords OpenSSH 9.2's ssh knows in a config file (those it reads, those it reads and ignores as deprecated or
 * unsupported): every other one is ssh's "Bad configuration option" unless {@code IgnoreUnknown}, as set so far (the
 * first value in a block that applies), matches it; ssh reads the whole file, reporting each, then stops ("terminating,
 * N bad configuration options"), whether or not the line's block applies. The list is what ssh 9.2 on Debian accepts
 * (each word tried with {@code ssh -G}).
 */
final class SshKeywords {
    static final Set<String> KNOWN = Set.of(
            "addkeystoagent", "addressfamily", "afstokenpassing", "batchmode", "bindaddress", "bindinterface",
            "canonicaldomains", "canonicalizefallbacklocal", "canonicalizehostname", "canonicalizemaxdots",
            "canonicalizepermittedcnames", "casignaturealgorithms", "certificatefile",
            "challengeresponseauthentication", "checkhostip", "cipher", "ciphers", "clearallforwardings",
            "compression", "compressionlevel", "connectionattempts", "connecttimeout", "controlmaster",
            "controlpath", "controlpersist", "dsaauthentication", "dynamicforward", "enableescapecommandline",
            "enablesshkeysign", "escapechar", "exitonforwardfailure", "fallbacktorsh", "fingerprinthash",
            "forkafterauthentication", "forwardagent", "forwardx11", "forwardx11timeout", "forwardx11trusted",
            "gatewayports", "globalknownhostsfile", "globalknownhostsfile2", "gssapiauthentication",
            "gssapiclientidentity", "gssapidelegatecredentials", "gssapikexalgorithms", "gssapikeyexchange",
            "gssapirenewalforcesrekey", "gssapiserveridentity", "gssapitrustdns", "hashknownhosts", "host",
            "hostbasedacceptedalgorithms", "hostbasedauthentication", "hostbasedkeytypes", "hostkeyalgorithms",
            "hostkeyalias", "hostname", "identitiesonly", "identityagent", "identityfile", "identityfile2",
            "ignoreunknown", "include", "ipqos", "kbdinteractiveauthentication", "kbdinteractivedevices",
            "keepalive", "kerberosauthentication", "kerberostgtpassing", "kexalgorithms", "knownhostscommand",
            "localcommand", "localforward", "loglevel", "logverbose", "macs", "match",
            "nohostauthenticationforlocalhost", "numberofpasswordprompts", "passwordauthentication",
            "permitlocalcommand", "permitremoteopen", "pkcs11provider", "port", "preferredauthentications",
            "protocol", "protocolkeepalives", "proxycommand", "proxyjump", "proxyusefdpass",
            "pubkeyacceptedalgorithms", "pubkeyacceptedkeytypes", "pubkeyauthentication", "rekeylimit",
            "remotecommand", "remoteforward", "requesttty", "requiredrsasize", "revokedhostkeys",
            "rhostsauthentication", "rhostsrsaauthentication", "rsaauthentication", "securitykeyprovider",
            "sendenv", "serveralivecountmax", "serveraliveinterval", "sessiontype", "setenv", "setuptimeout",
            "skeyauthentication", "smartcarddevice", "stdinnull", "streamlocalbindmask",
            "streamlocalbindunlink", "stricthostkeychecking", "syslogfacility", "tcpkeepalive",
            "tisauthentication", "tunnel", "tunneldevice", "updatehostkeys", "useblacklistedkeys",
            "useprivilegedport", "user", "userknownhostsfile", "userknownhostsfile2", "useroaming", "usersh",
            "verifyhostkeydns", "visualhostkey", "xauthlocation");

    private final List<String> bad = new ArrayList<>();

    /** Notes {@code keyword} (lower case) of {@code file}'s line {@code number} when ssh does not know it and {@code ignored} lets it not through. */
    void check(String keyword, String ignored, String file, int number) {
        if (!KNOWN.contains(keyword) && (ignored == null || SshConfigMatch.patternList(ignored, keyword, true) != 1)) {
            bad.add(file + ": line " + number + ": Bad configuration option: " + keyword);
        }
    }

    /**
     * An {@code -o} option of ssh's command line ({@code keyword} lower case, as written {@code written}, from
     * {@code source}): one ssh does not know, unless {@code ignored} (the command line's IgnoreUnknown so far) matches
     * it, stops ssh at once with its words and exit 255, which Ansible reports as the host unreachable.
     */
    static void checkCommandLine(String keyword, String ignored, String written, String source) throws ModuleException {
        if (!KNOWN.contains(keyword) && (ignored == null || SshConfigMatch.patternList(ignored, keyword, true) != 1)) {
            throw ModuleException.unreachable("command-line: line 0: Bad configuration option: " + keyword + " (as ssh says: -o " + written
                    + " of " + source + " is no ssh 9.2 option; an IgnoreUnknown before it would let it through)", null);
        }
    }

    /** ssh's end of a file with bad options: the host unreachable with ssh's words. */
    void end(String file) throws ModuleException {
        if (!bad.isEmpty()) {
            throw ModuleException.unreachable(String.join("; ", bad) + "; " + file + ": terminating, " + bad.size()
                    + " bad configuration options (as ssh says: IgnoreUnknown lists the keywords to ignore)", null);
        }
    }
}
