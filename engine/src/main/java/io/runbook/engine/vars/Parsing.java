package io.runbook.engine.vars;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.runbook.engine.yaml.Yaml11Schema;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/** from_json and from_yaml: text (e.g. a command's stdout) into lists and maps. */
final class Parsing {
    private Parsing() {
    }

    /** Loaded on first use only, like the writers in {@link ValueText}. */
    private static final class Json {
        static final ObjectMapper READER = new ObjectMapper();
    }

    static Object json(String text) {
        try {
            return Json.READER.readValue(text, Object.class);
        } catch (JsonProcessingException e) {
            throw new ExpressionFailure("from_json: the value is not valid JSON (" + e.getOriginalMessage() + ")");
        }
    }

    /**
     * The settings of from_yaml and from_yaml_all, made once (building them makes a schema each time). They are
     * immutable and shared by threads; a {@link Load} holds state and is made for each call. Scalars are typed as
     * Ansible's from_yaml types them (PyYAML's YAML 1.1: {@code yes}, {@code 0x1F}, {@code ~}; {@code 1e3} is text).
     */
    static final LoadSettings YAML_SETTINGS = LoadSettings.builder().setSchema(new Yaml11Schema()).build();

    static Object yaml(String text) {
        try {
            return new Load(YAML_SETTINGS).loadFromString(text);
        } catch (YamlEngineException e) {
            throw new ExpressionFailure("from_yaml: the value is not valid YAML ("
                    + e.getMessage().lines().findFirst().orElse("") + ")");
        }
    }
}
