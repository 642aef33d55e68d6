package io.runbook.engine.yaml;

import io.runbook.engine.error.SourcePosition;
import io.runbook.engine.error.UserError;
import io.runbook.engine.vault.Vault;
import io.runbook.engine.vault.VaultCipher;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.parser.Parser;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.resolver.ScalarResolver;
import org.snakeyaml.engine.v2.scanner.StreamReader;
import org.snakeyaml.engine.v2.schema.JsonSchema;

/**
 * Reads YAML into {@link YNode}s that keep {@code file:line:col}: playbooks, vars files, inventories and every
 * other file Ansible would read as Ansible reads them (PyYAML's YAML 1.1 typing, see {@link Yaml11Resolver}, and
 * merge keys); Kubernetes manifests and Helm values ({@link #loadManifests}) as kubectl and Helm type them
 * ({@link KubernetesScalars}). Files and {@code !vault} values encrypted with
 * ansible-vault are decrypted with the {@linkplain Vault#active active vault}. Duplicate keys, syntax errors,
 * bad encodings and input that would exhaust memory or stack (see {@link GuardedParser}, {@link SourceText})
 * become {@link UserError}s pointing at the place.
 */
public final class YamlLoader {
    /** The longest document read, in code points (snakeyaml-engine's default, made explicit). */
    public static final int CODE_POINT_LIMIT = 3 * 1024 * 1024;
    /** Aliases to collections per document; {@link GuardedParser} bounds what they expand to. */
    private static final int MAX_COLLECTION_ALIASES = 10_000;
    /**
     * The settings of every load, made once: building settings makes a JSON schema (the builder's default) and a
     * core schema each time. LoadSettings is immutable, so the threads that load files for parallel hosts share it.
     * Its label (the name snakeyaml-engine gives its marks) is not the file's: positions are made from the file
     * path that each load is given.
     */
    private static final LoadSettings ANSIBLE = settings(new Yaml11Schema());
    private static final LoadSettings MANIFESTS = settings(new KubernetesSchema());

    private static LoadSettings settings(org.snakeyaml.engine.v2.schema.Schema schema) {
        return LoadSettings.builder().setLabel("yaml").setSchema(schema).setCodePointLimit(CODE_POINT_LIMIT)
                .setMaxAliasesForCollections(MAX_COLLECTION_ALIASES).setAllowRecursiveKeys(false).build();
    }

    /** Kubernetes manifests' typing ({@link KubernetesScalars}); only its resolver is used (nodes are converted here). */
    private static final class KubernetesSchema extends JsonSchema {
        private static final ScalarResolver RESOLVER = new KubernetesScalars();

        @Override
        public ScalarResolver getScalarResolver() {
            return RESOLVER;
        }
    }

    private YamlLoader() {
    }

    /** All documents of a file; an empty file gives an empty list. */
    public static List<YNode> loadAll(Path file) {
        String text = SourceText.readText(file);
        if (VaultCipher.isVaulted(text)) {
            // a whole file encrypted with ansible-vault (vars files, group_vars, inventory, -e @file): every
            // string in it is a secret
            List<YNode> docs = loadAll(Vault.active().decryptFile(text, new SourcePosition(file, 1, 1)), file);
            docs.forEach(YamlLoader::markSecret);
            return docs.stream().map(YamlLoader::secretCopy).toList();
        }
        return loadAll(text, file);
    }

    /** The single document of a file, or empty when the file holds no document. */
    public static Optional<YNode> load(Path file) {
        List<YNode> docs = loadAll(file);
        if (docs.size() > 1) {
            throw new UserError(docs.get(1).position(), "expected one YAML document, found " + docs.size());
        }
        return docs.stream().findFirst();
    }

    /** Parses text as Ansible reads it; {@code origin} is the file name used in positions. */
    public static List<YNode> loadAll(String text, Path origin) {
        return loadAll(text, origin, ANSIBLE);
    }

    /** Parses Kubernetes manifests or Helm values, typed as kubectl and Helm type them (sigs.k8s.io/yaml). */
    public static List<YNode> loadManifests(String text, Path origin) {
        return loadAll(text, origin, MANIFESTS);
    }

    private static List<YNode> loadAll(String text, Path origin, LoadSettings settings) {
        SourceText.refuseControlCharacters(text, origin);
        SourceText.refuseLongDocuments(text, origin);
        // Ansible's loader reads text that is JSON with Python's json module first: its strings are plain str
        NodeConverter converter = new NodeConverter(origin, settings == ANSIBLE, settings == ANSIBLE && !isJson(text));
        List<YNode> out = new ArrayList<>();
        try {
            Parser parser = new GuardedParser(new ParserImpl(settings, new StreamReader(settings, text)), text, origin,
                    CODE_POINT_LIMIT);
            Composer composer = new Composer(settings, parser);
            while (composer.hasNext()) {
                out.add(converter.convert(composer.next()));
            }
        } catch (MarkedYamlEngineException e) {
            throw new UserError(converter.position(e.getProblemMark()), "invalid YAML: " + describe(e));
        } catch (YamlEngineException e) {
            throw new UserError(SourcePosition.of(origin.toString()), "invalid YAML: " + e.getMessage());
        }
        return out;
    }

    /** Whether text is one JSON document (an object or array), as Python's json.loads accepts it. */
    private static boolean isJson(String text) {
        String t = text.strip();
        if (t.isEmpty() || t.charAt(0) != '{' && t.charAt(0) != '[') {
            return false;
        }
        try (com.fasterxml.jackson.core.JsonParser parser = JsonText.FACTORY.createParser(t)) {
            parser.nextToken();
            parser.skipChildren();
            return parser.nextToken() == null;
        } catch (java.io.IOException | RuntimeException e) {
            return false;
        }
    }

    /** Jackson's parser factory, made when a file first looks like JSON (most runs read none: no start-up cost). */
    private static final class JsonText {
        static final com.fasterxml.jackson.core.JsonFactory FACTORY = new com.fasterxml.jackson.core.JsonFactory();
    }

    private static void markSecret(YNode node) {
        if (node instanceof YScalar scalar && scalar.value() instanceof String value) {
            Vault.active().markSecret(value);
        } else if (node instanceof YList list) {
            list.items().forEach(YamlLoader::markSecret);
        } else if (node instanceof YMap map) {
            map.entries().forEach(e -> markSecret(e.value()));
        }
    }

    /** The same document with every string a secret text: what templates make of it stays secret. */
    private static YNode secretCopy(YNode node) {
        if (node instanceof YScalar scalar && scalar.value() instanceof String value) {
            return new YScalar(new io.runbook.engine.vars.SecretText(value), scalar.text(), scalar.tag(), scalar.position());
        }
        if (node instanceof YList list) {
            return new YList(list.items().stream().map(YamlLoader::secretCopy).toList(), list.position());
        }
        if (node instanceof YMap map) {
            return new YMap(map.entries().stream().map(e -> new YMap.Entry(e.key(), e.keyPosition(), secretCopy(e.value()), e.keyValue()))
                    .toList(), map.position());
        }
        return node;
    }

    private static String describe(MarkedYamlEngineException e) {
        String problem = e.getProblem() == null ? "syntax error" : e.getProblem();
        return e.getContext() == null ? problem : problem + " (" + e.getContext() + ")";
    }
}
