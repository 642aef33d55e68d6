package io.runbook.modules.helm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * What {@code helm template} prints or writes (Helm 3.21's cmd/helm/template.go), made from helm-java's rendering of
 * a {@link TemplateChart}: the {@code crds/} files first with {@code include_crds}, then the manifests in Helm's
 * install order, then the hooks unless {@code disable_hook} (hooks of an event Helm does not know are left out, as
 * Helm does); {@code show_only} keeps the documents of the templates it names; {@code output_dir} writes each
 * document to its template's file there and prints {@code wrote FILE} lines instead.
 */
final class TemplateOutput {
    /** The hook events Helm knows (release.HookEvent, and Helm 2's test-success). */
    private static final Set<String> EVENTS = Set.of("pre-install", "post-install", "pre-delete", "post-delete", "pre-upgrade",
            "post-upgrade", "pre-rollback", "post-rollback", "test", "test-success");
    private static final Pattern DOCUMENT = Pattern.compile("(?:^|\n)---\n# Source: ");
    /** releaseutil.SplitManifests' separator, with Go's \s. */
    private static final Pattern SEPARATOR = Pattern.compile("(?:^|[\\t\\n\\f\\r ]*\n)---[\\t\\n\\f\\r ]*");
    private static final Pattern SOURCE = Pattern.compile("# Source: [^/]+/(.+)");

    /** One rendered document: the template it came from ({@code chart/templates/x.yaml}), its text, whether a hook. */
    record Doc(String source, String content, boolean hook) {
    }

    /** {@code show_only} named a template the output has not. */
    static final class NoSuchTemplate extends Exception {
        NoSuchTemplate(String pattern) {
            super("could not find template " + pattern + " in chart");
        }
    }

    private final List<TemplateChart.Crd> crds;
    private final List<Doc> docs;
    private final boolean hooks;

    /** helm-java's {@code rendered} text; the {@code crds} to print first (none without include_crds); with {@code hooks} or not. */
    TemplateOutput(String rendered, List<TemplateChart.Crd> crds, boolean hooks) {
        this.crds = crds;
        this.docs = docs(rendered);
        this.hooks = hooks;
    }

    /** The documents of helm-java's output ({@code ---\n# Source: NAME\nTEXT} each), hooks told apart by their key. */
    private static List<Doc> docs(String rendered) {
        List<Doc> out = new ArrayList<>();
        String text = rendered.strip();
        if (text.isEmpty()) {
            return out;
        }
        Matcher m = DOCUMENT.matcher(text);
        List<Integer> starts = new ArrayList<>();
        while (m.find()) {
            starts.add(m.start());
        }
        for (int i = 0; i < starts.size(); i++) {
            String piece = text.substring(starts.get(i), i + 1 < starts.size() ? starts.get(i + 1) : text.length());
            piece = piece.substring(piece.indexOf("# Source: ") + "# Source: ".length());
            int eol = piece.indexOf('\n');
            String source = eol < 0 ? piece : piece.substring(0, eol);
            String content = eol < 0 ? "" : piece.substring(eol + 1).strip();
            String hookEvents = hookEvents(content);
            if (hookEvents != null && !knownEvents(hookEvents)) {
                continue;  // Helm skips a hook of an unknown event ("info: skipping unknown hook")
            }
            out.add(new Doc(TemplateChart.restored(source), TemplateChart.restored(content), hookEvents != null));
        }
        return out;
    }

    /** The hook annotation's value of a document, or null when it is not a hook. */
    private static String hookEvents(String content) {
        if (!content.contains(TemplateChart.STAND_IN)) {
            return null;
        }
        Object doc;
        try {
            doc = new Load(LoadSettings.builder().build()).loadFromString(content);
        } catch (RuntimeException e) {
            return null;  // Helm parsed it (it rendered it); a document snakeyaml cannot read is left a manifest
        }
        if (doc instanceof Map<?, ?> object && object.get("metadata") instanceof Map<?, ?> meta
                && meta.get("annotations") instanceof Map<?, ?> annotations && annotations.containsKey(TemplateChart.STAND_IN)) {
            return String.valueOf(annotations.get(TemplateChart.STAND_IN));
        }
        return null;
    }

    private static boolean knownEvents(String events) {
        for (String event : events.split(",", -1)) {
            if (!EVENTS.contains(event.strip().toLowerCase(Locale.ROOT))) {
                return false;
            }
        }
        return true;
    }

    /** {@code helm template}'s standard output without {@code output_dir}. */
    String text() {
        StringBuilder manifests = new StringBuilder();
        crds.forEach(c -> document(manifests, c.source(), c.text()));
        docs.stream().filter(d -> !d.hook()).forEach(d -> document(manifests, d.source(), d.content()));
        StringBuilder out = new StringBuilder(manifests.toString().strip()).append('\n');
        if (hooks) {
            docs.stream().filter(Doc::hook).forEach(d -> document(out, d.source(), d.content()));
        }
        return out.toString();
    }

    /** The documents of {@code text} from templates matching {@code patterns} (Go's filepath.Match), as -s prints them. */
    static String showOnly(String text, List<String> patterns) throws NoSuchTemplate {
        List<String> pieces = new ArrayList<>();
        for (String piece : SEPARATOR.split(text.strip(), -1)) {
            if (!piece.isEmpty()) {
                pieces.add(piece.strip());
            }
        }
        StringBuilder out = new StringBuilder();
        for (String pattern : patterns) {
            boolean missing = true;
            for (String piece : pieces) {
                Matcher source = SOURCE.matcher(piece);
                if (source.find() && pathMatches(pattern, source.group(1))) {
                    out.append("---\n").append(piece).append('\n');
                    missing = false;
                }
            }
            if (missing) {
                throw new NoSuchTemplate(pattern);
            }
        }
        return out.toString();
    }

    /**
     * Writes every document to its template's file under {@code dir} ({@code shownDir} as the user wrote it, in the
     * lines), as Helm does: a file's first document replaces it and later ones are appended; a hook is appended to a
     * file that exists already, even from an earlier run. The standard output Helm prints meanwhile.
     */
    String write(Path dir, String shownDir) throws IOException {
        StringBuilder out = new StringBuilder();
        Set<String> written = new java.util.HashSet<>();
        for (TemplateChart.Crd crd : crds) {
            writeTo(dir, shownDir, crd.source(), crd.text(), !written.add(crd.source()), out);
        }
        for (Doc d : docs) {
            if (!d.hook()) {
                writeTo(dir, shownDir, d.source(), d.content(), !written.add(d.source()), out);
            }
        }
        if (hooks) {
            for (Doc d : docs) {
                if (d.hook()) {
                    writeTo(dir, shownDir, d.source(), d.content(), Files.exists(dir.resolve(d.source())), out);
                }
            }
        }
        return out.append('\n').toString();
    }

    private static void writeTo(Path dir, String shownDir, String name, String content, boolean append, StringBuilder out)
            throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        byte[] data = ("---\n# Source: " + name + "\n" + content + "\n").getBytes(StandardCharsets.UTF_8);
        if (append) {
            Files.write(file, data, StandardOpenOption.APPEND);
        } else {
            Files.write(file, data);
        }
        out.append("wrote ").append(shownDir).append('/').append(name).append('\n');
    }

    /**
     * Go's filepath.Match on Linux: {@code *} and {@code ?} within one path segment, {@code [...]} ranges ({@code ^}
     * negates), {@code \\} quotes; a malformed pattern matches nothing.
     */
    static boolean pathMatches(String pattern, String name) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '*') {
                regex.append("[^/]*");
            } else if (c == '?') {
                regex.append("[^/]");
            } else if (c == '\\' && i + 1 < pattern.length()) {
                regex.append(Pattern.quote(String.valueOf(pattern.charAt(++i))));
            } else if (c == '[') {
                int end = pattern.indexOf(']', i + 2);
                if (end < 0) {
                    return false;
                }
                String range = pattern.substring(i + 1, end);
                boolean negated = range.startsWith("^");
                regex.append(negated ? "[^" : "[").append(range.substring(negated ? 1 : 0).replace("\\", "\\\\").replace("[", "\\[")
                        .replace("&", "\\&")).append(']');
                i = end;
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        try {
            return Pattern.compile(regex.toString()).matcher(name).matches();
        } catch (java.util.regex.PatternSyntaxException e) {
            return false;
        }
    }

    private static void document(StringBuilder out, String source, String content) {
        out.append("---\n# Source: ").append(source).append('\n').append(content).append('\n');
    }
}
