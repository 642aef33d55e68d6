package io.runbook.modules.core;

import io.runbook.engine.module.ModuleException;
import io.runbook.modules.connection.CommandLine;
import io.runbook.modules.connection.Execution;
import io.runbook.modules.connection.HostConnection;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A host name's addresses as the host resolves them ({@code getent ahosts}, a literal address as written), in the
 * form of the host's /proc/net/tcp and tcp6: "4:0100007F" (family, then each 32-bit word of the address in the
 * byte order of a little-endian host), each IPv4 address also as its IPv4-mapped IPv6 form, as ansible-core's
 * wait_for converts hosts for {@code state: drained}.
 */
final class HostAddresses {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private HostAddresses() {
    }

    static Set<String> of(HostConnection host, String name) throws ModuleException, InterruptedException {
        Set<String> out = new LinkedHashSet<>();
        for (String address : resolved(host, name)) {
            if (IPV4.matcher(address).matches()) {
                byte[] v4 = literal(address);
                out.add("4:" + hex(v4));
                byte[] mapped = new byte[16];
                mapped[10] = (byte) 0xff;
                mapped[11] = (byte) 0xff;
                System.arraycopy(v4, 0, mapped, 12, 4);
                out.add("6:" + hex(mapped));
            } else {
                out.add("6:" + hex(literal(address)));
            }
        }
        return out;
    }

    /** Each 32-bit word with its bytes reversed, as the kernel of a little-endian host writes them, upper-case hex. */
    static String hex(byte[] address) {
        StringBuilder s = new StringBuilder();
        for (int word = 0; word < address.length; word += 4) {
            for (int i = 3; i >= 0; i--) {
                s.append(String.format("%02X", address[word + i] & 0xff));
            }
        }
        return s.toString();
    }

    private static List<String> resolved(HostConnection host, String name) throws ModuleException, InterruptedException {
        if (IPV4.matcher(name).matches() || name.contains(":")) {
            return List.of(name);
        }
        Execution found = host.run(new CommandLine(List.of("getent", "ahosts", name), null, null, Map.of()));
        List<String> addresses = new ArrayList<>();
        found.stdout().lines().map(String::strip).filter(l -> l.contains(" STREAM")).map(l -> l.split("\\s+")[0])
                .distinct().forEach(addresses::add);
        if (found.rc() != 0 || addresses.isEmpty()) {
            throw new ModuleException("[Errno -2] Name or service not known: " + name);
        }
        return addresses;
    }

    /** The bytes of a literal address (no lookup); an IPv4-mapped IPv6 literal keeps its 16 bytes. */
    private static byte[] literal(String address) throws ModuleException {
        try {
            byte[] bytes = InetAddress.getByName(address).getAddress();
            if (address.contains(":") && bytes.length == 4) {
                byte[] mapped = new byte[16];
                mapped[10] = (byte) 0xff;
                mapped[11] = (byte) 0xff;
                System.arraycopy(bytes, 0, mapped, 12, 4);
                return mapped;
            }
            return bytes;
        } catch (UnknownHostException e) {
            throw new ModuleException("[Errno -2] Name or service not known: " + address);
        }
    }
}
