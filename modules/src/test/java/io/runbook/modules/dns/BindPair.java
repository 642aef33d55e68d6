package io.runbook.modules.dns;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * The real BIND primary + secondary started by {@code .ci/dns-setup.sh}, read from its env file
 * ({@code DNS_IT_ENV}, else {@code .ci/dns-it.env} at the repository root). When that file does not exist the
 * tests are skipped with a message saying how to start the servers, or fail when {@code DNS_IT_REQUIRED=1}
 * (set it in CI, where the servers must run).
 */
final class BindPair {
    final Map<String, String> env;
    final Path root;

    private BindPair(Path root, Map<String, String> env) {
        this.root = root;
        this.env = env;
    }

    static BindPair require() throws IOException {
        Path root = repositoryRoot();
        String given = System.getenv("DNS_IT_ENV");
        Path file = given != null ? Path.of(given) : root.resolve(".ci/dns-it.env");
        if ("1".equals(System.getenv("DNS_IT_REQUIRED")) && !Files.exists(file)) {
            throw new IllegalStateException("DNS_IT_REQUIRED=1 but " + file + " is missing: .ci/dns-setup.sh did not run or failed");
        }
        assumeTrue(Files.exists(file), "no BIND pair (" + file + " missing): run .ci/dns-setup.sh as root first;"
                + " the CI job always does, so these DNS integration tests are skipped only on machines that cannot run it");
        Map<String, String> env = new HashMap<>();
        for (String line : Files.readAllLines(file)) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                env.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
            }
        }
        return new BindPair(root, env);
    }

    private static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve(".ci"))) {
            dir = dir.getParent();
        }
        return dir == null ? Path.of("").toAbsolutePath() : dir;
    }

    String zone() {
        return env.get("DNS_IT_ZONE");
    }

    int port() {
        return Integer.parseInt(env.get("DNS_IT_PORT"));
    }

    String primary() {
        return env.get("DNS_IT_PRIMARY");
    }

    String secondary() {
        return env.get("DNS_IT_SECONDARY");
    }

    String keyName() {
        return env.get("DNS_IT_KEY_NAME");
    }

    String keyFile() {
        return env.get("DNS_IT_KEY_FILE");
    }

    String secret() throws IOException {
        return Files.readString(Path.of(env.get("DNS_IT_KEY_SECRET_FILE"))).trim();
    }

    /** The arguments every test starts from: primary given, both servers checked, the update key. */
    Map<String, Object> args(String record, Object value) throws IOException {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("zone", zone());
        a.put("record", record);
        if (value != null) {
            a.put("value", value);
        }
        a.put("server", primary());
        a.put("port", port());
        a.put("key_name", keyName());
        a.put("key_secret", secret());
        a.put("propagation_timeout", "5m");
        return a;
    }

    /** The zone's SOA serial on the primary: it changes with every applied update. */
    long serial() throws IOException {
        SimpleResolver r = new SimpleResolver(new InetSocketAddress(primary(), port()));
        r.setTimeout(Duration.ofSeconds(2));
        Message q = Message.newQuery(Record.newRecord(Name.fromString(zone(), Name.root), Type.SOA, DClass.IN));
        q.getHeader().unsetFlag(Flags.RD);
        for (Record rec : r.send(q).getSection(Section.ANSWER)) {
            if (rec instanceof SOARecord soa) {
                return soa.getSerial();
            }
        }
        throw new IOException("no SOA from the primary");
    }

    /** Runs {@code .ci/dns-secondary.sh stop|start}. */
    void secondary(String action) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(env.getOrDefault("DNS_IT_SECONDARY_CTL",
                root.resolve(".ci/dns-secondary.sh").toString()), action).inheritIO();
        String given = System.getenv("DNS_IT_ENV");
        if (given != null) {
            pb.environment().put("DNS_IT_ENV", given);
        }
        Process p = pb.start();
        if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {  // bounds a hang only
            throw new IOException("dns-secondary.sh " + action + " failed");
        }
    }
}
