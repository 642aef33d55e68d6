package io.runbook.engine.vars;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Ansible's {@code lookup(name, terms…)} and {@code query}/{@code q}: a lookup gives a list; {@code lookup}
 * joins a list of strings with commas (one non-string item is returned as it is), {@code query} and
 * {@code wantlist=True} keep the list. What a lookup returns is unsafe: never templated again.
 */
final class Lookups {
    private static final Set<String> NAMES = new TreeSet<>(List.of("env", "file", "vars", "items", "list",
            "indexed_items", "dict", "lines", "pipe", "first_found", "fileglob", "sequence", "template", "password",
            "k8s", "varnames", "subelements", "csvfile", "ini", "config", "inventory_hostnames", "unvault", "nested", "together", "url",
            "random_choice", "dig"));

    private Lookups() {
    }

    static Set<String> names() {
        return NAMES;
    }

    /** The lookup's name without a collection prefix: {@code kubernetes.core.k8s} is {@code k8s}. */
    static String bareName(String name) {
        return name.replaceFirst("^(ansible\\.(builtin|legacy)|kubernetes\\.core|community\\.general)\\.", "");
    }

    /** Set while a {@code with_<lookup>} loop's items are made: a Python plugin's failure then reads as Ansible's loop's. */
    static final ThreadLocal<Boolean> LOOP = ThreadLocal.withInitial(() -> false);

    /** The error of a lookup ({@code shown}: its name as the error names it) neither the engine nor the run's Python plugins have. */
    static ExpressionFailure unknown(Jinja jinja, String shown) {
        Set<String> all = new TreeSet<>(NAMES);
        all.addAll(PythonLookups.names(jinja));
        return new ExpressionFailure("unknown lookup '" + shown + "'", Spelling.didYouMean(bareName(shown), all));
    }

    /** Set while a template renders with lookups disabled, as Ansible's Templar's disable_lookups. */
    static final ThreadLocal<Boolean> DISABLED = ThreadLocal.withInitial(() -> false);

    @SuppressWarnings("unchecked")
    static Object lookup(List<Object> args, Map<String, Object> kwargs, Frame frame, boolean query) {
        if (args.isEmpty()) {
            throw new ExpressionFailure((query ? "query" : "lookup") + "() needs the name of a lookup, e.g. lookup('env', 'HOME')");
        }
        String written = Secrets.plain(args.get(0));
        String name = bareName(written);
        if (DISABLED.get()) {
            throw new ExpressionFailure("The lookup `" + written + "` was found, however lookups were "
                    + "disabled from templating");
        }
        boolean python = PythonLookups.isPlugin(frame.jinja, written);
        if (!python && !NAMES.contains(name)) {
            throw unknown(frame.jinja, name);
        }
        Map<String, Object> options = new LinkedHashMap<>(kwargs);
        boolean wantList = query || PyValues.truthy(options.remove("wantlist"));
        String errors = options.containsKey("errors") ? Secrets.plain(options.remove("errors")) : "strict";
        List<Object> terms = new ArrayList<>(args.size());
        for (Object t : args.subList(1, args.size())) {
            if (t instanceof Undefined u) {
                throw u.failure();
            }
            terms.add(templatedAgain(t, frame));
        }
        List<Object> found;
        try {
            Object ran;
            try {
                ran = python ? PythonLookups.run(written, terms, options, errors, LOOP.get(), frame)
                        : LookupPlugins.run(name, terms, options, frame);
            } catch (LookupPlugin.InAnsible inAnsible) {
                python = true;  // ansible-core's own lookup answers, in its words
                ran = PythonLookups.inAnsible(name, terms, options, errors, LOOP.get(), frame);
            }
            if (ran == null) {
                return wantList ? new ArrayList<>() : "";  // the plugin's failure let pass (errors=ignore or warn)
            }
            if (ran instanceof Map<?, ?> mapping) {
                return mapping(mapping, wantList, frame);
            }
            found = (List<Object>) ran;
        } catch (ExpressionFailure failure) {
            if (python) {
                throw failure;  // Ansible's own words already
            }
            if (errors.equals("ignore") || errors.equals("warn")) {
                if (errors.equals("warn")) {
                    FilterWarnings.warn(LookupFailure.warning(name, failure));  // where a Python lookup's warning goes
                }
                // Ansible's lookup gives None, which ansible-playbook (jinja2_native off) writes as ''
                return wantList ? new ArrayList<>() : "";
            } else {
                throw failure.withDetail(" (in lookup '" + name + "')");
            }
        }
        if (!found.isEmpty()) {
            frame.markedUnsafe();  // as Ansible's Templar._lookup: what a lookup gave makes the template's result unsafe
        }
        if (wantList) {
            // query's items are unsafe too, its text AnsibleUnsafeText (as Ansible's wrap_var of the list)
            List<Object> items = new ArrayList<>(found.size());
            found.forEach(item -> items.add(Templar.unsafeRead(item)));
            return Templar.unsafe(items);
        }
        return Templar.unsafeRead(joined(found));
    }

    /**
     * A term templated once more, as Ansible's {@code listify_lookup_plugin_terms} does: {@code lookup('items', x)}
     * where x's value is {@code "{{ y }}"} gives y's value. Unsafe data (a registered result, a lookup's result, an
     * {@code !unsafe} value) stays as it is; the template's own variables ({@code {% set %}}, loop variables) are not
     * seen, only the run's.
     */
    private static Object templatedAgain(Object term, Frame frame) {
        Object value = LazyData.materialize(term);
        return Templar.isTemplate(value) ? frame.jinja.render(value, frame.vars(), frame.baseDir) : value;
    }

    /** A plugin's mapping (Ansible's lookups may give one): kept with wantlist, else its keys joined with commas. */
    private static Object mapping(Map<?, ?> mapping, boolean wantList, Frame frame) {
        if (!mapping.isEmpty()) {
            frame.markedUnsafe();
        }
        if (wantList) {
            return Templar.unsafe(mapping);
        }
        List<String> keys = new ArrayList<>();
        mapping.keySet().forEach(k -> keys.add(Secrets.plain(k)));
        return Templar.unsafeRead(String.join(",", keys));
    }

    private static Object joined(List<Object> found) {
        if (found.isEmpty()) {
            return found;
        }
        if (found.stream().allMatch(v -> v instanceof CharSequence)) {
            if (NativeText.is(found.get(0))) {
                // as Ansible's Templar._lookup: the first item's NativeJinjaText makes the joined text one (and unsafe)
                return NativeText.of(String.join(",", found.stream().map(String::valueOf).toList()), true);
            }
            StringBuilder out = new StringBuilder();
            for (Object v : found) {
                out.append(out.isEmpty() && v == found.get(0) ? "" : ",").append(v);
            }
            return Secrets.derive(out.toString(), found);
        }
        return found.size() == 1 ? found.get(0) : found;
    }

    /**
     * A file named in a lookup: absolute, or the first found along the task's {@code ansible_search_path} (its role,
     * the roles that led to it, its file's folder, the play's folder; each first in {@code subdir}), as Ansible's
     * {@code find_file_in_search_path} looks ({@link SearchPath}); the last place looked at when none has it.
     */
    static Path file(Frame frame, String name, String subdir) {
        return search(frame, name, subdir).foundOrLast();
    }

    /**
     * {@link #file}, with the warning of Ansible's {@code find_file_in_search_path} when no place has it (the lookups
     * that look a file up so: file, template, unvault, csvfile, ini, fileglob's folder; not first_found).
     */
    static Path fileOrWarn(Frame frame, String name, String subdir) {
        return warnIfMissing(search(frame, name, subdir)).foundOrLast();
    }

    /** {@code search}, after Ansible's warning when it found nothing (shown before the lookup fails or lets it pass). */
    static SearchPath warnIfMissing(SearchPath search) {
        if (search.found() == null) {
            FilterWarnings.warn("Unable to find '" + search.name() + "' in expected paths (use -vvvvv to see paths)");
        }
        return search;
    }

    /** {@link #file}'s search, with the places it looked at. */
    static SearchPath search(Frame frame, String name, String subdir) {
        return SearchPath.find(SearchPath.folders(frame.lookup("ansible_search_path"), frame.baseDir), null, subdir, name,
                HomeDir.of(frame.jinja.environment()));
    }

    /** A file's text as read, decrypted when it is a vault file (as Ansible's loader reads lookup and template files). */
    static String decrypted(Path file, String text) {
        return io.runbook.engine.vault.VaultCipher.isVaulted(text)
                ? io.runbook.engine.vault.Vault.active().decryptFile(text, io.runbook.engine.error.SourcePosition.of(file.toString())) : text;
    }

    /** A file's text, at most {@link Jinja#MAX_TEXT} bytes (a device or a huge file is refused, not read whole). */
    static String read(Path file) {
        try (java.io.InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes(Jinja.MAX_TEXT + 1);
            if (bytes.length > Jinja.MAX_TEXT) {
                throw new ExpressionFailure("file '" + file + "' is larger than " + Jinja.MAX_TEXT + " bytes");
            }
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ExpressionFailure("could not read file '" + file + "'" + (e.getMessage() == null ? "" : ": "
                    + e.getClass().getSimpleName()));
        }
    }
}
