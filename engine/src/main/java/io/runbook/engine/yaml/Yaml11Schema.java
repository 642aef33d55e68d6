package io.runbook.engine.yaml;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.ConstructNode;
import org.snakeyaml.engine.v2.constructor.ConstructScalar;
import org.snakeyaml.engine.v2.exceptions.ConstructorException;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.resolver.ScalarResolver;
import org.snakeyaml.engine.v2.schema.JsonSchema;

/**
 * YAML as Ansible reads it (PyYAML's YAML 1.1 typing) for snakeyaml-engine's {@code Load}: {@link Yaml11Resolver}
 * types the scalars and {@link Yaml11Scalars} makes their values. Used where no positions are needed (the
 * {@code from_yaml} filters). Made once and immutable: threads share it.
 */
public final class Yaml11Schema extends JsonSchema {
    private static final Yaml11Resolver RESOLVER = new Yaml11Resolver();

    private final Map<Tag, ConstructNode> constructors;

    public Yaml11Schema() {
        Map<Tag, ConstructNode> all = new HashMap<>(super.getSchemaTagConstructors());
        for (Tag tag : List.of(Tag.NULL, Tag.BOOL, Tag.INT, Tag.FLOAT, Yaml11Resolver.TIMESTAMP)) {
            all.put(tag, new Typed(tag));
        }
        this.constructors = Map.copyOf(all);
    }

    @Override
    public ScalarResolver getScalarResolver() {
        return RESOLVER;
    }

    @Override
    public Map<Tag, ConstructNode> getSchemaTagConstructors() {
        return constructors;
    }

    /** One tag's values, as {@link Yaml11Scalars} makes them. */
    private static final class Typed extends ConstructScalar {
        private final Tag tag;

        Typed(Tag tag) {
            this.tag = tag;
        }

        @Override
        public Object construct(Node node) {
            try {
                return Yaml11Scalars.value(tag, constructScalar(node));
            } catch (IllegalArgumentException e) {
                throw new ConstructorException(null, Optional.empty(), e.getMessage(), node.getStartMark());
            }
        }
    }
}
