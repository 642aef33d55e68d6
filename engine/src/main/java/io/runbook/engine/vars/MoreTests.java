package io.runbook.engine.vars;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;

/** ansible-core's tests of text (regex, match, search), sets, numbers, vault, files and URIs. */
final class MoreTests {
    @FunctionalInterface
    interface Registry {
        void put(String name, IsTests.Test test);
    }

    private MoreTests() {
    }

    static void register(Registry r) {
        r.put("regex", (v, a) -> regex(v, a, a.get(3, "match_type", "search")));
        r.put("match", (v, a) -> regex(v, a, "match"));
        r.put("search", (v, a) -> regex(v, a, "search"));
        r.put("subset", (v, a) -> set(IsTests.one(a, "subset")).containsAll(set(v)));
        r.put("issubset", (v, a) -> set(IsTests.one(a, "issubset")).containsAll(set(v)));
        r.put("superset", (v, a) -> set(v).containsAll(set(IsTests.one(a, "superset"))));
        r.put("issuperset", (v, a) -> set(v).containsAll(set(IsTests.one(a, "issuperset"))));
        // as Ansible's: math.isnan, and false for what is no number ('bad' is not nan)
        r.put("nan", (v, a) -> v instanceof Number n && Double.isNaN(n.doubleValue()));
        r.put("isnan", (v, a) -> v instanceof Number n && Double.isNaN(n.doubleValue()));
        r.put("vault_encrypted", (v, a) -> v instanceof SecretText s && s.vaulted());
        files(r);
        r.put("uri", (v, a) -> PyUrl.isUri(ValueText.of(v), a.get(0, "schemes", null)));
        r.put("url", (v, a) -> PyUrl.isUrl(ValueText.of(v), a.get(0, "schemes", null)));
        r.put("urn", (v, a) -> PyUrl.isUri(ValueText.of(v), java.util.List.of("urn")));
    }

    private static void files(Registry r) {
        for (String name : new String[] {"directory", "is_dir"}) {
            r.put(name, (v, a) -> Files.isDirectory(path(v)));
        }
        for (String name : new String[] {"file", "is_file"}) {
            r.put(name, (v, a) -> Files.isRegularFile(path(v)));
        }
        for (String name : new String[] {"link", "is_link"}) {
            r.put(name, (v, a) -> Files.isSymbolicLink(path(v)));
        }
        r.put("exists", (v, a) -> Files.exists(path(v)));
        r.put("link_exists", (v, a) -> Files.exists(path(v), LinkOption.NOFOLLOW_LINKS));
        for (String name : new String[] {"abs", "is_abs"}) {
            r.put(name, (v, a) -> ValueText.of(v).startsWith("/"));
        }
        for (String name : new String[] {"same_file", "is_same_file"}) {
            r.put(name, (v, a) -> sameFile(path(v), path(IsTests.one(a, name))));
        }
        for (String name : new String[] {"mount", "is_mount"}) {
            r.put(name, (v, a) -> isMount(path(v)));
        }
    }

    /** Ansible's regex test: Python's re.search or re.match with ignorecase and multiline. */
    private static boolean regex(Object value, Arguments args, Object matchType) {
        java.util.regex.Matcher m = PyRegex.compile(args.get(0, "pattern", ""), PyValues.truthy(args.get(1, "ignorecase", false)),
                PyValues.truthy(args.get(2, "multiline", false)), "regex test").matcher(ValueText.of(value));
        return switch (ValueText.of(matchType)) {
            case "match" -> m.lookingAt();
            case "fullmatch" -> m.matches();
            default -> m.find();
        };
    }

    private static Set<Object> set(Object value) {
        Set<Object> out = new LinkedHashSet<>();
        for (Object item : Renderer.iterate(value)) {
            out.add(item instanceof CharSequence s ? s.toString() : PyNumbers.isInt(item) && !(item instanceof Boolean)
                    ? PyNumbers.big(item) : item);
        }
        return out;
    }

    private static Path path(Object value) {
        return Path.of(ValueText.of(value));
    }

    private static boolean sameFile(Path a, Path b) {
        try {
            return Files.isSameFile(a, b);
        } catch (IOException e) {
            throw new ExpressionFailure("same_file: " + e.getMessage());
        }
    }

    private static boolean isMount(Path p) {
        try {
            Path real = p.toRealPath();
            Path parent = real.getParent();
            return parent == null || !Files.getFileStore(real).equals(Files.getFileStore(parent))
                    || Files.readAllLines(Path.of("/proc/self/mounts")).stream()
                            .anyMatch(l -> l.split(" ").length > 1 && l.split(" ")[1].equals(real.toString()));
        } catch (IOException e) {
            return false;
        }
    }
}
