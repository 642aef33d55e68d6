package io.runbook.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Held by a test while it installs or removes packages of this machine (apt-get and dpkg take the dpkg lock, and
 * ansible-playbook's apt fails at once when another holds it): the apt parity case and {@code AptModuleTest}, in any
 * test JVM and any checkout on the machine (a lock file under /tmp).
 */
final class DpkgTestLock {
    private static final Path FILE = Path.of("/tmp", "runbook-dpkg-tests.lock");
    private static final ReentrantLock IN_JVM = new ReentrantLock();

    private DpkgTestLock() {
    }

    /** {@code run} while no other test on the machine changes packages. */
    @SuppressWarnings("try")
    static <T> T whileHeld(Supplier<T> run) {
        IN_JVM.lock();
        try (FileChannel channel = FileChannel.open(FILE, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock held = channel.lock()) {
            return run.get();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            IN_JVM.unlock();
        }
    }

    /** Whether a parity case's playbooks change packages (a playbook named apt*.yml). */
    static boolean needed(String playbooks) {
        for (String p : playbooks.split(" ")) {
            if (Path.of(p).getFileName().toString().startsWith("apt")) {
                return true;
            }
        }
        return false;
    }
}
