package io.runbook.cli;

import io.runbook.engine.yaml.YamlLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * ansible-playbook's side of {@link AnsibleParityTest}, recorded in {@code parity-ansible.yml} beside the parity folder
 * (written by {@code tools/parity/record.sh}: the test with {@code -Dparity.record=true} runs the real ansible-playbook
 * and writes the file). Each case holds what the test compares, already normalised ({@link Shown}: exit code, banners
 * and result lines, machine-specific text as {@link MachineText} placeholders), and a fingerprint of what decides it
 * (the command line, ansible-playbook's environment and the files the run can read, see {@link #fingerprint}): a case
 * whose run or files changed since it was recorded is stale, and the test says so instead of comparing against it.
 */
final class ParityRecording {
    /** The recording, relative to the src module (where Maven runs the tests). */
    static final Path FILE = Path.of("test/resources/parity-ansible.yml");
    static final String RECORD_HOW = "tools/parity/record.sh (or the test with -Dparity.record=true)";

    /**
     * What the test compares of one run: its exit code and its banners (numbered in order) with the result lines under
     * each, sorted, or for a case compared line for line one block {@code ""} of every line in order.
     */
    record Shown(int code, Map<String, List<String>> blocks) {
        /** The text a failure shows: each banner and its lines. */
        String text() {
            StringBuilder out = new StringBuilder();
            blocks.forEach((banner, lines) -> {
                if (!banner.isEmpty()) {
                    out.append(banner).append('\n');
                }
                lines.forEach(l -> out.append(l).append('\n'));
            });
            return out.toString();
        }
    }

    private record Entry(String fingerprint, Shown shown) {
    }

    private final Path file;
    private final Map<String, Entry> entries;

    private ParityRecording(Path file, Map<String, Entry> entries) {
        this.file = file;
        this.entries = entries;
    }

    /** The recorded cases (none when the file is missing). */
    static ParityRecording load(Path file) {
        Map<String, Entry> entries = new TreeMap<>();
        if (Files.isRegularFile(file)) {
            Map<?, ?> all = (Map<?, ?>) YamlLoader.load(file).orElseThrow().toPlain();
            Map<?, ?> cases = all.get("cases") == null ? Map.of() : (Map<?, ?>) all.get("cases");
            cases.forEach((key, v) -> {
                Map<?, ?> m = (Map<?, ?>) v;
                Map<String, List<String>> blocks = new LinkedHashMap<>();
                for (Object b : (List<?>) m.get("blocks")) {
                    Map<?, ?> block = (Map<?, ?>) b;
                    Object lines = block.get("lines");
                    blocks.put(String.valueOf(block.get("banner")),
                            lines == null ? List.of() : ((List<?>) lines).stream().map(String::valueOf).toList());
                }
                entries.put(String.valueOf(key), new Entry(String.valueOf(m.get("fingerprint")),
                        new Shown(((Number) m.get("rc")).intValue(), blocks)));
            });
        }
        return new ParityRecording(file, entries);
    }

    /** The recorded run of a case, or null when there is none or it was recorded with another fingerprint. */
    synchronized Shown get(String key, String fingerprint) {
        Entry e = entries.get(key);
        return e != null && e.fingerprint().equals(fingerprint) ? e.shown() : null;
    }

    synchronized void put(String key, String fingerprint, Shown shown) {
        entries.put(key, new Entry(fingerprint, shown));
    }

    /** Writes the file, sorted by case, of {@code cases}, for {@code version} (ansible-playbook's first --version line). */
    synchronized void write(String version, Collection<String> cases) throws IOException {
        entries.keySet().retainAll(Set.copyOf(cases));
        StringBuilder out = new StringBuilder("""
                # What Debian's ansible-playbook showed for each case of AnsibleParityTest, in the form the test compares
                # (exit code; banners in order, each with its result lines sorted, or one block "" of every line in order;
                # machine-specific text as MachineText's placeholders such as <parity>). Written by tools/parity/record.sh
                # (AnsibleParityTest with -Dparity.record=true); do not edit by hand. A case's fingerprint covers its
                # command line, ansible-playbook's environment and every file under src/test/resources/parity except the
                # other cases' own playbooks (one of them is covered too when a covered file names it): a case whose
                # fingerprint changed must be recorded again. Cases in AnsibleParityTest's ALWAYS_LIVE are not here. Some
                # cases show what the machine's own programs say (git, pip and Python's version in paths, Debian's
                # netaddr, root's account, files owned by the user running them): recorded on the machine below, they
                # hold on machines set up as bin/test sets one up (Debian 12, as root), elsewhere record again or run live.
                """);
        out.append("ansible: ").append(quote(version)).append("\nmachine: ").append(quote(machine())).append("\ncases:\n");
        for (Map.Entry<String, Entry> e : entries.entrySet()) {
            Shown shown = e.getValue().shown();
            out.append("  ").append(quote(e.getKey())).append(":\n");
            out.append("    fingerprint: ").append(quote(e.getValue().fingerprint())).append('\n');
            out.append("    rc: ").append(shown.code()).append('\n');
            out.append("    blocks:\n");
            shown.blocks().forEach((banner, lines) -> {
                out.append("      - banner: ").append(quote(banner)).append('\n');
                out.append("        lines:").append(lines.isEmpty() ? " []\n" : "\n");
                lines.forEach(l -> out.append("          - ").append(quote(l)).append('\n'));
            });
        }
        Files.writeString(file, out.toString());
    }

    /** The system (its os-release PRETTY_NAME) and the user the recording was made on. */
    private static String machine() throws IOException {
        Path release = Path.of("/etc/os-release");
        String os = Files.isRegularFile(release) ? Files.readAllLines(release).stream()
                .filter(l -> l.startsWith("PRETTY_NAME=")).map(l -> l.substring(12).replace("\"", ""))
                .findFirst().orElse("") : System.getProperty("os.name");
        return os + ", as " + System.getProperty("user.name");
    }

    /** A YAML double-quoted scalar of {@code s}: every control, line-breaking or non-ASCII-space character escaped. */
    static String quote(String s) {
        StringBuilder out = new StringBuilder("\"");
        s.codePoints().forEach(c -> {
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '"' -> out.append("\\\"");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || (c >= 0x7f && c <= 0xa0) || c == 0x2028 || c == 0x2029 || c == 0xfeff) {
                        out.append(String.format("\\u%04x", c));
                    } else {
                        out.appendCodePoint(c);
                    }
                }
            }
        });
        return out.append('"').toString();
    }

    /**
     * The files under the parity folder as a case's fingerprint sees them, read once: each file's SHA-256 and the
     * cases' playbooks it names.
     */
    record Sources(Map<String, String> hashes, Map<String, Set<String>> names, Set<String> casePlaybooks) {
        static Sources of(Path dir, Collection<String> casePlaybooks) {
            Map<String, String> hashes = new TreeMap<>();
            Map<String, Set<String>> names = new TreeMap<>();
            Map<String, Pattern> named = new TreeMap<>();
            casePlaybooks.forEach(p -> named.put(p, Pattern.compile("(?<![\\w.-])" + Pattern.quote(p) + "(?![\\w])")));
            try (Stream<Path> walk = Files.walk(dir)) {
                for (Path f : walk.filter(Files::isRegularFile).toList()) {
                    String name = dir.relativize(f).toString().replace('\\', '/');
                    byte[] bytes = Files.readAllBytes(f);
                    hashes.put(name, HexFormat.of().formatHex(sha256().digest(bytes)));
                    String text = new String(bytes, StandardCharsets.ISO_8859_1);
                    Set<String> playbooks = new TreeSet<>();
                    named.forEach((p, pattern) -> {
                        if (pattern.matcher(text).find()) {
                            playbooks.add(p);
                        }
                    });
                    names.put(name, playbooks);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return new Sources(hashes, names, new TreeSet<>(casePlaybooks));
        }

        /**
         * SHA-256 of a case: its key (flags and playbooks), the command line and environment ansible-playbook runs
         * with, and every file but the playbooks of other cases that no covered file names: adding or changing one
         * case leaves the others' recordings valid, while a shared file (inventory, roles, tasks, vars, files,
         * included playbooks) changes every case's.
         */
        String fingerprint(String key, List<String> command, Map<String, String> env, Collection<String> ownPlaybooks) {
            Set<String> covered = new TreeSet<>(hashes.keySet());
            covered.removeAll(casePlaybooks);
            covered.addAll(ownPlaybooks);
            // a covered file that names another case's playbook (import_playbook, include, a lookup) covers it too
            List<String> named;
            do {
                named = covered.stream().flatMap(c -> names.get(c).stream())
                        .filter(n -> hashes.containsKey(n) && !covered.contains(n)).distinct().toList();
                covered.addAll(named);
            } while (!named.isEmpty());
            MessageDigest d = sha256();
            d.update((key + "\0" + command + "\0" + new TreeMap<>(env) + "\0").getBytes(StandardCharsets.UTF_8));
            covered.forEach(name -> d.update((name + "\0" + hashes.get(name) + "\0").getBytes(StandardCharsets.UTF_8)));
            return HexFormat.of().formatHex(d.digest()).substring(0, 16);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
