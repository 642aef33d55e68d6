package io.runbook.cli.compat;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * ansible-test's {@code needs/privileged} alias: a target that changes the machine's network devices (a bridge, a veth
 * pair, an address on the default interface), run by ansible-test only in a privileged container. Here such a target's
 * runs are skipped, saying why, unless this process may administer the network (CAP_NET_ADMIN and CAP_SYS_ADMIN in its
 * effective capabilities, which a privileged container or root on a machine has).
 */
final class Privileged {
    private static final int CAP_NET_ADMIN = 12;
    private static final int CAP_SYS_ADMIN = 21;

    private Privileged() {
    }

    /** Whether the target's aliases file names {@code needs/privileged}. */
    static boolean needed(Path suite, String target) {
        Path aliases = suite.resolve("targets").resolve(target).resolve("aliases");
        try {
            return Files.isRegularFile(aliases) && Files.readAllLines(aliases).stream().map(String::strip)
                    .anyMatch("needs/privileged"::equals);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Whether this process has the capabilities such a target uses (Linux's /proc/self/status, CapEff). */
    static boolean available() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("CapEff:")) {
                    BigInteger caps = new BigInteger(line.substring("CapEff:".length()).strip(), 16);
                    return caps.testBit(CAP_NET_ADMIN) && caps.testBit(CAP_SYS_ADMIN);
                }
            }
        } catch (IOException | NumberFormatException e) {
            return false;
        }
        return false;
    }
}
