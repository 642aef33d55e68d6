package io.runbook.engine.playbook;

import io.runbook.engine.error.SourcePosition;
import io.runbook.engine.error.UserError;
import io.runbook.engine.yaml.YMap;
import io.runbook.engine.yaml.YNode;
import io.runbook.engine.yaml.YScalar;
import io.runbook.engine.yaml.YamlLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A role's argument specs, as Ansible reads them: {@code meta/argument_specs.yml} ({@code .yaml}, {@code .json}), or
 * else the {@code argument_specs} of {@code meta/main.yml}. When the entry point a use runs ({@code tasks_from}, or
 * {@code main}) has a spec, the role's tasks start with Ansible's validation task: {@code validate_argument_spec} of
 * the entry point's options against the variables and the role's parameters, named
 * {@code Validating arguments against arg spec 'main' - <short_description>}, tagged {@code always}.
 */
final class RoleArgSpecs {
    static final String ACTION = "validate_argument_spec";
    private static final List<String> EXTENSIONS = List.of(".yml", ".yaml", ".json");

    private RoleArgSpecs() {
    }

    /** The validation task for running {@code entry} of {@code role}, if its specs describe that entry point. */
    static Optional<Task> validation(Role role, String entry, Keywords kw, RoleScope scope) {
        String name = entry == null ? "main" : entry;
        Optional<YNode> specs = specs(role.path());
        if (specs.isEmpty() || !(specs.get() instanceof YMap all) || all.get(name).isEmpty()) {
            return Optional.empty();
        }
        YNode node = all.get(name).get();
        if (!(node instanceof YMap spec) || spec.entries().isEmpty()) {
            return Optional.empty();
        }
        Object options = spec.get("options").map(YNode::toPlain).orElse(null);
        if (options != null && !(options instanceof Map)) {
            throw new UserError(spec.get("options").get().position(), "the options of arg spec '" + name
                    + "' must be a mapping of option names to their spec");
        }
        String title = "Validating arguments against arg spec '" + name + "'"
                + spec.get("short_description").map(d -> " - " + d.toPlain()).orElse("");
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("type", "role");
        context.put("name", role.name());
        context.put("argument_spec_name", name);
        context.put("path", role.path().toString());
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("argument_spec", options == null ? Map.of() : options);
        args.put("provided_arguments", role.params());
        args.put("validate_args_context", context);
        Keywords tagged = Keywords.of(List.of(), Set.of("always")).under(kw);
        SourcePosition where = node.position();
        return Optional.of(new Task(title, ACTION, args, Map.of(), where, tagged, null, null, null, LoopControl.DEFAULT,
                null, null, null, List.of(), List.of(), List.of(), role.path().resolve("meta"), scope, null, null));
    }

    /** The mapping under {@code argument_specs}, or empty (no spec file, an empty one, or no specs in it). */
    private static Optional<YNode> specs(Path rolePath) {
        for (String ext : EXTENSIONS) {
            Path file = rolePath.resolve("meta").resolve("argument_specs" + ext);
            if (Files.isRegularFile(file)) {
                Optional<YNode> doc = YamlLoader.load(file);
                return doc.filter(d -> d instanceof YMap).flatMap(d -> ((YMap) d).get("argument_specs"))
                        .filter(n -> !(n instanceof YScalar s && s.isNull()));
            }
        }
        return RoleFiles.meta(rolePath).flatMap(m -> m.get("argument_specs"))
                .filter(n -> !(n instanceof YScalar s && s.isNull()));
    }
}
