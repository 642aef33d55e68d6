package io.runbook.modules;

import java.io.IOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A test class that uses a server of the machine in a way another class using it must not overlap: it stops the BIND
 * secondary, or counts the lines sshd logs. This module's test classes run in several JVMs side by side (surefire's
 * {@code forkCount} in the pom), so such a class holds a lock on {@code target/test-locks/NAME.lock} from before its
 * first test until after its last one: no other class marked with the same name runs meanwhile, in any of them. The
 * lock is the operating system's, so a JVM that dies releases it.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(Exclusive.Lock.class)
public @interface Exclusive {
    /** What the classes share: {@code bind} (.ci/dns-setup.sh's BIND pair), {@code openssh} (.ci/ssh-setup.sh's servers). */
    String value();

    /** Takes the lock before the class's first test and releases it after its last one. */
    final class Lock implements BeforeAllCallback, AfterAllCallback {
        private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(Exclusive.class);

        @Override
        public void beforeAll(ExtensionContext context) throws IOException {
            String name = context.getRequiredTestClass().getAnnotation(Exclusive.class).value();
            Path file = Path.of("target", "test-locks", name + ".lock").toAbsolutePath();
            Files.createDirectories(file.getParent());
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            try {
                channel.lock(); // released when the channel is closed
                context.getStore(NAMESPACE).put(name, channel);
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
        }

        @Override
        public void afterAll(ExtensionContext context) throws IOException {
            String name = context.getRequiredTestClass().getAnnotation(Exclusive.class).value();
            FileChannel held = context.getStore(NAMESPACE).remove(name, FileChannel.class);
            if (held != null) {
                held.close();
            }
        }
    }
}
