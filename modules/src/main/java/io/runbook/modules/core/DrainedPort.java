package io.runbook.modules.core;

import io.runbook.engine.module.ModuleException;
import io.runbook.modules.connection.HostConnection;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code state: drained}: no TCP connection of the listed states left on a local port of the host, read from its
 * /proc/net/tcp and /proc/net/tcp6 as ansible-core's wait_for does on Linux (no psutil): a connection counts when
 * its local address is one of the host's addresses for {@code host} (or {@code host} is the any-address), and its
 * remote address is not one of {@code exclude_hosts}'.
 */
final class DrainedPort implements Readiness {
    /** Ansible's active_connection_states and their codes in /proc/net/tcp's {@code st} column. */
    static final Map<String, String> STATE_CODES = Map.of("ESTABLISHED", "01", "SYN_SENT", "02", "SYN_RECV", "03",
            "FIN_WAIT1", "04", "FIN_WAIT2", "05", "TIME_WAIT", "06");
    static final List<String> DEFAULT_STATES = List.of("ESTABLISHED", "FIN_WAIT1", "FIN_WAIT2", "SYN_RECV", "SYN_SENT", "TIME_WAIT");
    private static final Map<String, String> TABLES = Map.of("4", "/proc/net/tcp", "6", "/proc/net/tcp6");
    private static final Map<String, String> ANY = Map.of("4", "00000000", "6", "00000000000000000000000000000000");
    private static final String MAPPED_PREFIX = "0000000000000000FFFF0000";
    private static final String MAPPED_ANY = "6:0000000000000000FFFF000000000000";

    private final HostConnection host;
    private final String hostName;
    private final int port;
    private final Set<String> addresses;
    private final Set<String> excluded;
    private final Set<String> states;

    DrainedPort(HostConnection host, String hostName, int port, Set<String> addresses, Set<String> excluded, List<String> states) {
        this.host = host;
        this.hostName = hostName;
        this.port = port;
        this.addresses = addresses;
        this.excluded = excluded;
        this.states = states.stream().map(STATE_CODES::get).collect(Collectors.toSet());
    }

    @Override
    public String describe() {
        return hostName + ":" + port + " to drain";
    }

    @Override
    public String timeoutMessage() {
        return "Timeout when waiting for " + hostName + ":" + port + " to drain";
    }

    /**
     * The kernel hands /proc/net/tcp out a page at a time and resumes each page by position, so a connection can be
     * skipped when other sockets come and go between pages: a table that shows none is read once more before the
     * port counts as drained.
     */
    @Override
    public String check(Duration budget) throws ModuleException {
        int active = count();
        if (active == 0) {
            active = count();
        }
        return active == 0 ? null : active + " active connection" + (active == 1 ? "" : "s");
    }

    private int count() throws ModuleException {
        int active = 0;
        boolean read = false;
        for (Map.Entry<String, String> table : TABLES.entrySet()) {
            if (!host.stat(table.getValue(), true).isFile()) {
                continue;
            }
            read = true;
            active += active(table.getKey(), new String(host.read(table.getValue()), StandardCharsets.US_ASCII));
        }
        if (!read) {
            throw new ModuleException("state=drained reads the host's /proc/net/tcp, which " + host.describe() + " does not have");
        }
        return active;
    }

    /**
     * The connections of one table ({@code family} 4 or 6) that still count, each once: a table read page by page
     * while sockets come and go can show a row twice, and a TCP connection is one pair of local and remote addresses.
     */
    int active(String family, String table) {
        String portHex = String.format("%04X", port);
        Set<String> counted = new java.util.HashSet<>();
        for (String line : table.split("\n")) {
            String[] f = line.strip().split("\\s+");
            if (f.length < 4 || f[1].equals("local_address") || !states.contains(f[3])) {
                continue;
            }
            String[] local = f[1].split(":");
            if (local.length != 2 || !local[1].equals(portHex) || excluded.contains(family + ":" + f[2].split(":")[0])) {
                continue;
            }
            if (addresses.contains(family + ":" + local[0]) || addresses.contains(family + ":" + ANY.get(family))
                    || local[0].startsWith(MAPPED_PREFIX) && addresses.contains(MAPPED_ANY)) {
                counted.add(f[1] + " " + f[2]);
            }
        }
        return counted.size();
    }
}
