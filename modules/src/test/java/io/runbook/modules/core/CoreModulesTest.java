package io.runbook.modules.core;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.runbook.engine.module.Module;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class CoreModulesTest {
    @Test
    void coreModulesAreFoundByServiceLoader() {
        List<String> names = ServiceLoader.load(Module.class).stream().map(p -> p.get().name()).toList();
        assertTrue(names.containsAll(List.of("command", "template", "uri", "wait_for")), names.toString());
    }

    @Test
    void everyCoreArgumentIsDescribedForTheModulesListing() {
        for (Module m : List.of(new CommandModule(), new TemplateModule(), new UriModule(), new WaitForModule())) {
            assertTrue(!m.description().isBlank(), m.name());
            m.spec().args().forEach(a -> assertTrue(!a.description().isBlank(), m.name() + "." + a.name()));
        }
    }
}
