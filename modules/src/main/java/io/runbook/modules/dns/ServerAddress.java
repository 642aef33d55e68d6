package io.runbook.modules.dns;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * One DNS server to talk to: how the user or the zone named it and the socket address used.
 *
 * @param label   the name shown in messages, such as {@code ns2.example.com.} or {@code 10.0.0.5}
 * @param address where queries go
 */
record ServerAddress(String label, InetSocketAddress address) {

    /** Parses {@code host}, {@code host:port}, {@code [v6]:port} or a bare IPv6 address. */
    static ServerAddress parse(String text, int defaultPort) throws DnsFailure {
        String t = text.trim();
        String host = t;
        int port = defaultPort;
        if (t.startsWith("[")) {
            int close = t.indexOf(']');
            if (close < 0) {
                throw new DnsFailure("nameserver '" + text + "' has an unclosed '[': write [2001:db8::1]:53");
            }
            host = t.substring(1, close);
            if (t.length() > close + 1) {
                port = port(text, t.substring(close + 1).replaceFirst("^:", ""));
            }
        } else if (t.indexOf(':') > 0 && t.indexOf(':') == t.lastIndexOf(':')) {
            host = t.substring(0, t.indexOf(':'));
            port = port(text, t.substring(t.indexOf(':') + 1));
        }
        return resolve(host, host, port);
    }

    /** Resolves a host name with the system resolver (used only for server names, never for the record). */
    static ServerAddress resolve(String label, String host, int port) throws DnsFailure {
        try {
            InetAddress ip = InetAddress.getByName(host);
            // An IPv6 literal is shown the way Java prints it, so describe() does not repeat it in two spellings.
            String shown = label.equals(host) && host.contains(":") ? ip.getHostAddress() : label;
            return new ServerAddress(shown, new InetSocketAddress(ip, port));
        } catch (UnknownHostException e) {
            throw new DnsFailure("cannot resolve the DNS server name '" + host + "': check the name or give its address");
        }
    }

    private static int port(String text, String digits) throws DnsFailure {
        try {
            int p = Integer.parseInt(digits);
            if (p > 0 && p < 65536) {
                return p;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new DnsFailure("nameserver '" + text + "' has an invalid port '" + digits + "'");
    }

    /** {@code 127.0.0.2:5300}, or {@code ns2.example.com. (127.0.0.2:5300)} when the label is a name. */
    String describe() {
        String hostPort = hostPort();
        return label.equals(address.getAddress().getHostAddress()) ? hostPort : label + " (" + hostPort + ")";
    }

    /** The address and port, such as {@code 127.0.0.2:5300} or {@code [2001:db8::1]:53}. */
    String hostPort() {
        String ip = address.getAddress().getHostAddress();
        return (ip.contains(":") ? "[" + ip + "]" : ip) + ":" + address.getPort();
    }
}
