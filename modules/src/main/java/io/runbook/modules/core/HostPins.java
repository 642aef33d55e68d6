package io.runbook.modules.core;

import io.runbook.engine.module.ModuleException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code resolve} argument of {@code uri}: host names pinned to addresses, like curl's
 * {@code --resolve host:port:addr}. Written as a mapping {@code {fqdn: address}} (any port) or a list of
 * {@code host:port:addr} strings ({@code addr} may be {@code [v6]}; a port of {@code *} means any port).
 * An address that is itself a name is looked up once, so a pin can point at a load balancer's name.
 */
final class HostPins {
    private record Pin(String host, int port, String address) {
    }

    /**
     * Where one request goes: the URL to connect to and, when pinned, the name TLS and Host must use;
     * {@code via} names the host whose side the connection is made from (a tunnel), else null.
     */
    record Route(URI connect, String pinnedName, String address, String hostHeader, String via) {
        Route(URI connect, String pinnedName, String address, String hostHeader) {
            this(connect, pinnedName, address, hostHeader, null);
        }

        boolean pinned() {
            return pinnedName != null;
        }
    }

    /** Makes connections to {@code host:port} from another host's side, through a local port (an SSH forward). */
    interface Forwarder {
        java.net.InetSocketAddress forward(String host, int port) throws ModuleException;

        /** The host the connections come from, for messages. */
        String via();
    }

    private final List<Pin> pins;
    private final Forwarder forwarder;

    private HostPins(List<Pin> pins, Forwarder forwarder) {
        this.pins = List.copyOf(pins);
        this.forwarder = forwarder;
    }

    private HostPins(List<Pin> pins) {
        this(pins, null);
    }

    /** Every request goes through {@code forwarder}: TLS and Host still name the URL's host. */
    static HostPins through(Forwarder forwarder) {
        return new HostPins(List.of(), forwarder);
    }

    static HostPins parse(Object value) throws ModuleException {
        List<Pin> pins = new ArrayList<>();
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                pins.add(new Pin(normal(String.valueOf(e.getKey())), -1, String.valueOf(e.getValue()).trim()));
            }
        } else if (value instanceof List<?> list) {
            for (Object item : list) {
                pins.add(curlForm(String.valueOf(item)));
            }
        } else if (value instanceof String s && !s.isBlank()) {
            for (String part : s.split(",")) {
                pins.add(curlForm(part));
            }
        } else if (value != null) {
            throw new ModuleException("resolve must be a mapping {host: address} or a list of 'host:port:address' strings");
        }
        return new HostPins(pins);
    }

    private static Pin curlForm(String text) throws ModuleException {
        String t = text.trim();
        int first = t.indexOf(':');
        int second = first < 0 ? -1 : t.indexOf(':', first + 1);
        if (second < 0) {
            throw new ModuleException("resolve entry '" + t + "' is not host:port:address (like curl --resolve tsb.example.com:443:10.0.0.5)");
        }
        String port = t.substring(first + 1, second);
        if (!port.equals("*") && !port.matches("\\d{1,5}")) {
            throw new ModuleException("resolve entry '" + t + "' has port '" + port + "'; expected a number or *");
        }
        String address = t.substring(second + 1);
        if (address.startsWith("[") && address.endsWith("]")) {
            address = address.substring(1, address.length() - 1);
        }
        return new Pin(normal(t.substring(0, first)), port.equals("*") ? -1 : Integer.parseInt(port), address);
    }

    /** The route for {@code url}: unchanged when no pin matches its host and port. */
    Route route(URI url) throws ModuleException {
        String host = normal(url.getHost());
        int port = url.getPort() != -1 ? url.getPort() : url.getScheme().equalsIgnoreCase("https") ? 443 : 80;
        if (forwarder != null) {
            java.net.InetSocketAddress local = forwarder.forward(url.getHost(), port);
            String hostHeader = url.getPort() == -1 ? url.getHost() : url.getHost() + ":" + url.getPort();
            String address = local.getAddress().getHostAddress();
            return new Route(rewrite(url, address, local.getPort()), url.getHost(), address + ":" + local.getPort(), hostHeader,
                    forwarder.via());
        }
        for (Pin pin : pins) {
            if (pin.host().equals(host) && (pin.port() == -1 || pin.port() == port)) {
                String address = lookup(pin, host);
                String hostHeader = url.getPort() == -1 ? url.getHost() : url.getHost() + ":" + url.getPort();
                return new Route(rewrite(url, address), url.getHost(), address, hostHeader);
            }
        }
        return new Route(url, null, null, null);
    }

    private static String lookup(Pin pin, String host) throws ModuleException {
        try {
            return InetAddress.getByName(pin.address()).getHostAddress();
        } catch (UnknownHostException e) {
            throw new ModuleException("resolve pins " + host + " to '" + pin.address() + "', which is not an address and cannot be looked up");
        }
    }

    private static URI rewrite(URI url, String address) {
        return rewrite(url, address, url.getPort());
    }

    private static URI rewrite(URI url, String address, int toPort) {
        String host = address.contains(":") ? "[" + address + "]" : address;
        String port = toPort == -1 ? "" : ":" + toPort;
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        String query = url.getRawQuery() == null ? "" : "?" + url.getRawQuery();
        return URI.create(url.getScheme() + "://" + host + port + path + query);
    }

    private static String normal(String host) {
        String h = host.trim().toLowerCase(Locale.ROOT);
        return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
    }
}
