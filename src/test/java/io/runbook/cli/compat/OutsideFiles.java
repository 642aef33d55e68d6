package io.runbook.cli.compat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * Files some targets write outside their folder, where Ansible's integration tests put them (the {@code gathering}
 * target's {@code /etc/ansible/facts.d/uuid.fact}, which its playbooks copy there and expect there, and
 * {@code gathering_facts}' too, with the {@code testfact.fact} it writes there and in {@code /tmp/custom_facts.d}), and accounts of
 * the machine they make and remove (setup_test_user's {@code ansibletest0} in {@code keyword_inheritance},
 * {@code omit} and {@code become}, {@code template}'s {@code templateuser1}, {@code file}'s {@code tmp_ansible_test_user}, {@code test1} and its
 * files under /tmp such as {@code /tmp/touch_check_mode_test}, {@code copy}'s {@code tmp_ansible_test_user} with its sudoers
 * file and {@code /tmp/ansible-test-abs-link}, {@code /tmp/worldwritable}, {@code connection_local}'s,
 * {@code connection_ssh}'s and {@code connection_paramiko_ssh}'s {@code /tmp/ansible-local-汉语} and {@code /tmp/ansible-remote-汉语}, {@code user}'s {@code ansibulluser} and the users and
 * groups it makes, {@code group}'s {@code ansibullgroup*}: two runs at once
 * would remove each other's, and useradd, groupadd and their kin fail while another holds the lock of /etc/passwd). A run of such a
 * target holds a lock for its whole run: the other runs of it wait, in this suite (ansible-playbook's and the
 * engine's runs of a live comparison) and in any other suite on the machine (a lock file under the temporary
 * folder), so two suites at once cannot see each other's files. Each run starts without the files a run that failed
 * before its own clean-up left behind (every run of these targets starts from none).
 * <p>
 * A target that reads /tmp as a whole ({@code changed_when}'s {@code ls -al /tmp}, which fails when an entry goes
 * between its listing and its stat) runs while no other run of this suite does: the others may make and remove files
 * there (the engine's and ansible-playbook's own, {@code file}'s and {@code copy}'s above).
 */
final class OutsideFiles {
    /** The targets that make and remove accounts only, no files outside their folder. */
    private static final Set<String> ACCOUNTS = Set.of("keyword_inheritance", "omit", "become", "template", "user", "group");
    /** The connection target's files (its runs from connection_local, connection_ssh and connection_paramiko_ssh). */
    private static final List<Path> CONNECTION_TMP = List.of(Path.of("/tmp/ansible-local-汉语/汉语.txt"), Path.of("/tmp/ansible-local-汉语"),
            Path.of("/tmp/ansible-remote-汉语/汉语.txt"), Path.of("/tmp/ansible-remote-汉语"));
    private static final Map<String, List<Path>> FILES = Map.of("gathering",
            List.of(Path.of("/etc/ansible/facts.d/uuid.fact")), "gathering_facts", List.of(Path.of("/etc/ansible/facts.d/uuid.fact"),
                    Path.of("/etc/ansible/facts.d/testfact.fact"), Path.of("/tmp/custom_facts.d/testfact.fact"), Path.of("/tmp/custom_facts.d")),
            "file", List.of(Path.of("/tmp/touch_check_mode_test"), Path.of("/tmp/write_utime"), Path.of("/tmp/ghost")),
            "connection_local", CONNECTION_TMP, "connection_ssh", CONNECTION_TMP, "connection_paramiko_ssh", CONNECTION_TMP,
            "copy", List.of(Path.of("/tmp/ansible-test-abs-link"), Path.of("/tmp/ansible-test-abs-link-dir"),
                    Path.of("/tmp/worldwritable/file.txt"), Path.of("/tmp/worldwritable"), Path.of("/etc/sudoers.d/tmp_ansible_test_user")));
    /**
     * Accounts a target makes and may leave behind (user's test_local_expires.yml ends with local_ansibulluser there,
     * its umask tests with ansibulluser): removed with their groups before each run, as on the fresh machine of CI and
     * of the recording, so a run does not depend on the runs before it.
     */
    private static final Map<String, List<String>> LEFT_ACCOUNTS = Map.of("user", List.of("ansibulluser", "ansibulluser2",
            "ansibulluser3", "local_ansibulluser", "randomuser", "umaskuser_test_1", "umaskuser_test_2", "umaskuser_test_3",
            "testgroup1", "testgroup2", "testgroup3", "testgroup4", "testgroup5"));
    private static final Set<String> WHOLE_TMP = Set.of("changed_when");
    private static final ReadWriteLock TMP = new ReentrantReadWriteLock();
    /** Under /tmp, not the test JVM's temporary folder (a module's target/): any suite on the machine takes it. */
    private static final Path LOCK = Path.of("/tmp", "runbook-compat-outside-files.lock");

    private OutsideFiles() {
    }

    /** {@code run}, holding the locks {@code target} needs (see above). */
    static <T> T whileHeld(String target, Supplier<T> run) {
        Lock tmp = WHOLE_TMP.contains(target) ? TMP.writeLock() : TMP.readLock();
        tmp.lock();
        try {
            return whileFilesHeld(target, run);
        } finally {
            tmp.unlock();
        }
    }

    @SuppressWarnings("try")
    private static <T> T whileFilesHeld(String target, Supplier<T> run) {
        List<Path> files = FILES.getOrDefault(target, ACCOUNTS.contains(target) ? List.of() : null);
        if (files == null) {
            return run.get();
        }
        synchronized (OutsideFiles.class) {
            try (FileChannel channel = FileChannel.open(LOCK, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock held = channel.lock()) {
                for (Path p : files) {
                    Files.deleteIfExists(p);
                }
                for (String account : LEFT_ACCOUNTS.getOrDefault(target, List.of())) {
                    remove("userdel", "-r", account);
                    remove("groupdel", account);
                }
                return run.get();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Runs an account tool quietly: the account may well not be there. */
    private static void remove(String... command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            p.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
