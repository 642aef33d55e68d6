package io.runbook.engine.module;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The arguments of ansible-core 2.14's modules and their defaults ({@code ansible-arg-specs.json}, written from the
 * controller's ansible-core by {@code tools/invocation/ansible-arg-specs.py}): what an Ansible module's
 * {@code invocation.module_args} lists, which the engine's module standing for it echoes ({@link ArgsEcho}). Read at the
 * first echo, never at start-up.
 */
final class AnsibleArgSpecs {
    private AnsibleArgSpecs() {
    }

    /** The arguments of ansible-core's module {@code name} with their defaults (null without one), or null for none. */
    static Map<String, Object> of(String name) {
        return Holder.SPECS.get(name);
    }

    private static final class Holder {
        static final Map<String, Map<String, Object>> SPECS = load();

        @SuppressWarnings("unchecked")
        private static Map<String, Map<String, Object>> load() {
            try (InputStream in = AnsibleArgSpecs.class.getResourceAsStream("ansible-arg-specs.json")) {
                return in == null ? Map.of() : new ObjectMapper().readValue(in, Map.class);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
