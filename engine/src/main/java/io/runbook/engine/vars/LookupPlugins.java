package io.runbook.engine.vars;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The lookups themselves: each takes its terms and options and gives a list. */
final class LookupPlugins {
    private LookupPlugins() {
    }

    static List<Object> run(String name, List<Object> terms, Map<String, Object> options, Frame frame) {
        return switch (name) {
            case "env" -> each(terms, t -> {
                String v = frame.jinja.environment().get(Secrets.plain(t));
                return v != null ? v : options.containsKey("default") ? options.get("default") : "";
            });
            case "vars" -> each(terms, t -> variable(t, options, frame));
            case "varnames" -> varnames(terms, frame);
            case "inventory_hostnames" -> InventoryHostnames.lookup(terms, frame);
            case "file" -> each(terms, t -> {
                Path file = existing(Lookups.search(frame, Secrets.plain(t), "files"), "could not locate file in lookup: %s");
                String text = Lookups.read(file);
                boolean vaulted = io.runbook.engine.vault.VaultCipher.isVaulted(text);
                text = Lookups.decrypted(file, text);
                boolean rstrip = !options.containsKey("rstrip") || PyValues.truthy(options.get("rstrip"));
                boolean lstrip = PyValues.truthy(options.get("lstrip"));
                String out = StrMethods.strip(text, null, lstrip, rstrip);
                return vaulted ? new SecretText(out) : out;
            });
            case "unvault" -> each(terms, t -> {
                // as Ansible's unvault: the file's whole text, decrypted when it is a vault file, nothing stripped
                Path file = Lookups.fileOrWarn(frame, Secrets.plain(t), "files");
                if (!Files.isRegularFile(file)) {
                    throw new ExpressionFailure("Unable to find file matching \"" + Secrets.plain(t) + "\" ");
                }
                String text = Lookups.read(file);
                return io.runbook.engine.vault.VaultCipher.isVaulted(text) ? new SecretText(Lookups.decrypted(file, text)) : text;
            });
            case "lines" -> {
                List<Object> out = new ArrayList<>();
                for (Object t : each(terms, t -> FileLookups.pipe(Secrets.plain(t), frame))) {
                    out.addAll(StrMethods.splitlines(t.toString()));
                }
                yield out;
            }
            case "items" -> flatten(terms);
            case "nested" -> ListLookups.nested(terms);
            case "together" -> {
                List<Object> out = ListLookups.together(terms);
                if (out == null) {
                    throw new ExpressionFailure("with_together requires at least one element in each list");
                }
                yield out;
            }
            case "random_choice" -> ListLookups.randomChoice(terms);
            case "list" -> terms;  // as Ansible's: the terms as given, so query('list', [1, 2]) is [[1, 2]]
            case "indexed_items" -> {
                List<Object> out = new ArrayList<>();
                List<Object> items = flatten(terms);
                for (int i = 0; i < items.size(); i++) {
                    out.add(new PyTuple(Arrays.asList(i, items.get(i))));
                }
                yield out;
            }
            case "dict" -> {
                List<Object> out = new ArrayList<>();
                for (Object t : terms) {
                    if (!(t instanceof Map<?, ?> m)) {
                        throw new ExpressionFailure("with_dict expects a dict, got " + PyValues.typeName(t));
                    }
                    m.forEach((k, v) -> {
                        Map<String, Object> item = new LinkedHashMap<>();
                        item.put("key", k);
                        item.put("value", v);
                        out.add(item);
                    });
                }
                yield out;
            }
            case "first_found" -> FileLookups.firstFound(terms, options, frame);
            case "subelements" -> Subelements.lookup(terms);
            case "fileglob" -> FileLookups.fileglob(terms, frame);
            case "pipe" -> each(terms, t -> FileLookups.pipe(Secrets.plain(t), frame));
            case "sequence" -> terms.isEmpty() ? new ArrayList<>() : Sequence.lookup(terms, options);
            case "template" -> each(terms, t -> frame.jinja.renderFile(existing(Lookups.search(frame, Secrets.plain(t), "templates"), "the template file %s could not be found for the lookup"),
                    frame.vars(), options));
            case "csvfile" -> CsvLookup.run(terms, options, frame);
            case "ini" -> IniLookup.run(terms, options, frame);
            case "password" -> each(terms, t -> FileLookups.password(Secrets.plain(t), options, frame));
            default -> frame.jinja.pluginLookup(name, terms, options, frame);
        };
    }

    /** The names of the variables each term (a Python regular expression, searched) matches, term after term. */
    private static List<Object> varnames(List<Object> terms, Frame frame) {
        List<Object> out = new ArrayList<>();
        for (Object t : terms) {
            if (!(t instanceof CharSequence)) {
                throw new ExpressionFailure("Invalid setting identifier, \"" + PyValues.repr(t) + "\" is not a string, it is a "
                        + PyValues.typeName(t));
            }
            java.util.regex.Pattern p;
            try {
                p = java.util.regex.Pattern.compile(t.toString());
            } catch (java.util.regex.PatternSyntaxException e) {
                String why = e.getDescription().startsWith("Dangling meta character")
                        ? "nothing to repeat at position " + Math.max(0, e.getIndex()) : e.getDescription();
                throw new ExpressionFailure("Unable to use \"" + t + "\" as a search parameter: " + why);
            }
            frame.names().stream().filter(n -> p.matcher(n).find()).forEach(out::add);
        }
        return out;
    }

    /** The variable named term, with Ansible's messages (a name that is not a string, no such variable). */
    private static Object variable(Object term, Map<String, Object> options, Frame frame) {
        if (!(term instanceof CharSequence)) {
            throw new ExpressionFailure("Invalid setting identifier, \"" + PyValues.str(term) + "\" is not a string, its a <class '"
                    + PyValues.typeName(term) + "'>");
        }
        String name = Secrets.plain(term);
        Object v = frame.lookup(name);
        if (v == Frame.MISSING || v instanceof Undefined) {
            if (options.containsKey("default")) {
                return options.get("default");
            }
            throw MissingVariable.explained(name, "No variable found with this name: " + name,
                    Spelling.didYouMean(name, frame.names()));
        }
        return v;
    }

    /** The file found, or a failure in Ansible's {@code words} (the name in {@code %s}) naming the places looked at. */
    private static Path existing(SearchPath search, String words) {
        Lookups.warnIfMissing(search);
        if (search.found() == null || !Files.isRegularFile(search.found())) {
            String places = search.searched().isEmpty() ? "" : " (searched in: "
                    + String.join(", ", search.searched().stream().map(Path::toString).toList()) + ")";
            String original = String.format(words, search.name());
            throw LookupFailure.unhandled(original + places, "ansible.errors.AnsibleError", original);
        }
        return search.found();
    }

    private static List<Object> flatten(List<Object> terms) {
        List<Object> out = new ArrayList<>();
        for (Object t : terms) {
            if (t instanceof List<?> l) {
                out.addAll(l);
            } else {
                out.add(t);
            }
        }
        return out;
    }

    private interface Term {
        Object apply(Object term) throws IOException;
    }

    private static List<Object> each(List<Object> terms, Term f) {
        List<Object> out = new ArrayList<>();
        for (Object t : terms) {
            try {
                out.add(f.apply(t));
            } catch (IOException e) {
                throw new ExpressionFailure(e.getMessage());
            }
        }
        return out;
    }
}
