package io.runbook.cli.reference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.runbook.engine.module.ModuleRegistry;
import io.runbook.engine.vars.SecretText;
import io.runbook.engine.yaml.YNode;
import io.runbook.engine.yaml.YamlLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Validates playbooks (read as the engine reads YAML) against the playbook schema, with networknt's validator. */
final class SchemaValidation {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private final Schema schema;
    private final JsonNode schemaJson;

    private SchemaValidation(String json) throws IOException {
        this.schemaJson = new ObjectMapper().readTree(json);
        this.schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7).getSchema(json, InputFormat.JSON);
    }

    /** The schema the code generates now. */
    static SchemaValidation generated(ModuleRegistry registry) throws IOException {
        return new SchemaValidation(PlaybookSchema.render(registry.all()));
    }

    /** The committed docs/playbook.schema.json. */
    static SchemaValidation committed() throws IOException {
        return new SchemaValidation(Files.readString(RepoFiles.ROOT.resolve("docs/playbook.schema.json")));
    }

    JsonNode json() {
        return schemaJson;
    }

    /** The errors of a playbook file: {@code $.path: message}. */
    List<String> validate(Path file) {
        return validate(YamlLoader.loadAll(file));
    }

    /** The errors of playbook text; {@code origin} names it in YAML errors. */
    List<String> validate(String yaml, String origin) {
        return validate(YamlLoader.loadAll(yaml, Path.of(origin)));
    }

    private List<String> validate(List<YNode> docs) {
        JsonNode playbook = docs.isEmpty() ? NODES.nullNode() : json(docs.get(0).toPlain());
        return schema.validate(playbook).stream().map(e -> e.getInstanceLocation() + ": " + e.getMessage()).toList();
    }

    /** A plain YAML value as JSON; anything else (a vault value) as its text. */
    static JsonNode json(Object value) {
        if (value == null) {
            return NODES.nullNode();
        }
        if (value instanceof Map<?, ?> map) {
            ObjectNode out = NODES.objectNode();
            map.forEach((k, v) -> out.set(String.valueOf(k), json(v)));
            return out;
        }
        if (value instanceof List<?> list) {
            ArrayNode out = NODES.arrayNode();
            list.forEach(v -> out.add(json(v)));
            return out;
        }
        if (value instanceof Boolean b) {
            return NODES.booleanNode(b);
        }
        if (value instanceof Integer || value instanceof Long) {
            return NODES.numberNode(((Number) value).longValue());
        }
        if (value instanceof Number n) {
            return NODES.numberNode(n.doubleValue());
        }
        if (value instanceof SecretText secret && secret.unopened() != null) {
            // a !vault value stays sealed (it is opened only when a task uses it): its envelope is the text written
            return NODES.textNode(secret.unopened().envelope());
        }
        return NODES.textNode(String.valueOf(value));
    }
}
