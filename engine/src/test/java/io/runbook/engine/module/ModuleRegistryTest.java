package io.runbook.engine.module;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The module registry creates a module listed with its name only when a playbook asks for it. */
class ModuleRegistryTest {
    static final AtomicInteger LAZY_CREATED = new AtomicInteger();
    static final AtomicInteger UNNAMED_CREATED = new AtomicInteger();

    @Test
    void aNamedModuleIsCreatedOnFirstUseAndAnUnnamedOneAtOnce(@TempDir Path dir) throws Exception {
        LAZY_CREATED.set(0);
        UNNAMED_CREATED.set(0);
        try (URLClassLoader loader = listing(dir, Lazy.class.getName() + "  # lazy_one\n" + Unnamed.class.getName() + "\n")) {
            ModuleRegistry registry = ModuleRegistry.load(loader);
            assertEquals(0, LAZY_CREATED.get(), "listed with its name: not created before a task needs it");
            assertEquals(1, UNNAMED_CREATED.get(), "listed without a name: created to learn it");
            assertTrue(registry.names().containsAll(java.util.List.of("lazy_one", "unnamed_one", "debug")), registry.names().toString());
            assertEquals(0, LAZY_CREATED.get(), "names() creates nothing");

            Module m = registry.find("ansible.builtin.lazy_one").orElseThrow();
            assertSame(m, registry.find("lazy_one").orElseThrow());
            assertSame(m, registry.find("runbook.lazy_one").orElseThrow());
            assertEquals(1, LAZY_CREATED.get());
            assertTrue(registry.find("example.collection.lazy_one").isEmpty(),
                    "another collection's module of that name is that collection's (none here), not the engine's");
            assertTrue(registry.find("no_such_module").isEmpty());
        }
    }

    @Test
    void aListedNameThatIsNotTheModulesOwnIsAnError(@TempDir Path dir) throws Exception {
        try (URLClassLoader loader = listing(dir, Lazy.class.getName() + " # wrong_name\n")) {
            ModuleRegistry registry = ModuleRegistry.load(loader);
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> registry.find("wrong_name"));
            assertTrue(e.getMessage().contains("as 'wrong_name' but it calls itself 'lazy_one'"), e.getMessage());
        }
    }

    private static URLClassLoader listing(Path dir, String lines) throws Exception {
        Path services = dir.resolve(ModuleRegistry.SERVICES);
        Files.createDirectories(services.getParent());
        Files.writeString(services, lines);
        return new URLClassLoader(new URL[] {dir.toUri().toURL()}, ModuleRegistryTest.class.getClassLoader());
    }

    public static final class Lazy extends Named {
        public Lazy() {
            super("lazy_one");
            LAZY_CREATED.incrementAndGet();
        }
    }

    public static final class Unnamed extends Named {
        public Unnamed() {
            super("unnamed_one");
            UNNAMED_CREATED.incrementAndGet();
        }
    }

    abstract static class Named implements Module {
        private final String name;

        Named(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public ArgSpec spec() {
            return ArgSpec.builder().build();
        }

        @Override
        public Result run(ModuleContext ctx) {
            return Result.ok();
        }
    }
}
