package io.runbook.modules.helm;

import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Keeps the JVM's own handlers for SIGINT, SIGTERM and SIGQUIT in place next to helm-java's Go runtime.
 *
 * <p>helm-java's native library is Go built as a c-shared library, and its install path (also used by
 * {@code helm template}) calls {@code signal.Notify} for those signals. In a c-shared library the first such call
 * replaces the process's handlers with Go's, and Go does not forward asynchronous signals it handles: from then on
 * Ctrl-C, {@code kill} and {@code kill -3} only cancel a Go context nobody waits on, and the engine never hears of
 * them (helm-java issue #409). Go installs its handler once per signal (while any channel is registered, which is
 * forever here), so putting the JVM's handlers back after that first call keeps them for the rest of the run.
 *
 * <p>They are put back with {@code SA_ONSTACK} added, as the Go runtime requires of foreign handlers: a signal
 * may arrive on a Go thread, whose small goroutine stack must not hold the handler's frame.
 *
 * <p>Linux only (the {@code struct sigaction} layout below is glibc's on 64-bit Linux); elsewhere this does nothing.
 */
final class JvmSignalHandlers {
    private static final int[] SIGNALS = {2, 15, 3}; // SIGINT, SIGTERM, SIGQUIT
    private static final int SIGACTION_SIZE = 152;   // handler (8), sa_mask (128), sa_flags (4 + 4), sa_restorer (8)
    private static final int FLAGS_OFFSET = 136;
    private static final int SA_ONSTACK = 0x08000000;

    /** The one C function needed. */
    interface LibC extends Library {
        int sigaction(int signal, Pointer action, Pointer previous);
    }

    private static final Map<Integer, Memory> SAVED = new LinkedHashMap<>();
    private static LibC libc;

    private JvmSignalHandlers() {
    }

    private static boolean supported() {
        return Platform.isLinux() && Platform.is64Bit();
    }

    /** Records the handlers in force now (the JVM's); call before the Go runtime can have replaced them. */
    static synchronized void remember() {
        if (!supported() || !SAVED.isEmpty()) {
            return;
        }
        libc = Native.load(Platform.C_LIBRARY_NAME, LibC.class);
        for (int signal : SIGNALS) {
            Memory current = new Memory(SIGACTION_SIZE);
            current.clear();
            if (libc.sigaction(signal, null, current) == 0) {
                current.setInt(FLAGS_OFFSET, current.getInt(FLAGS_OFFSET) | SA_ONSTACK);
                SAVED.put(signal, current);
            }
        }
    }

    /** Puts back every remembered handler that something else has replaced; returns how many were put back. */
    static synchronized int reclaim() {
        int restored = 0;
        for (Map.Entry<Integer, Memory> e : SAVED.entrySet()) {
            Memory now = new Memory(SIGACTION_SIZE);
            now.clear();
            if (libc.sigaction(e.getKey(), null, now) != 0) {
                continue;
            }
            long handler = Pointer.nativeValue(now.getPointer(0));
            if (handler == 0 || handler == 1) {
                continue; // SIG_DFL or SIG_IGN: set on purpose (the Go runtime only ever installs its own handler)
            }
            boolean replaced = handler != Pointer.nativeValue(e.getValue().getPointer(0));
            boolean withoutOnStack = (now.getInt(FLAGS_OFFSET) & SA_ONSTACK) == 0;
            if ((replaced || withoutOnStack) && libc.sigaction(e.getKey(), e.getValue(), null) == 0) {
                restored++;
            }
        }
        return restored;
    }
}
