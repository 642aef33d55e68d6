package io.runbook.engine.vars;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Ansible's path filters, as Python's os.path and ntpath compute them. */
final class PathFilters {
    private static final Pattern ENV = Pattern.compile("\\$(\\w+)|\\$\\{([^}]*)\\}");

    private PathFilters() {
    }

    static void register(CollectionFilters.Registry r) {
        r.add("basename", 0, List.of(), (v, a) -> basename(path(v)));
        r.add("dirname", 0, List.of(), (v, a) -> dirname(path(v)));
        r.add("expanduser", 0, List.of(), (Filter.Framed) (v, a, j) -> expanduser(path(v), j.environment()));
        r.add("expandvars", 0, List.of(), (Filter.Framed) (v, a, j) -> expandvars(path(v), j.environment()));
        r.add("realpath", 0, List.of(), (v, a) -> realpath(path(v)));
        r.add("relpath", 1, List.of("start"), (v, a) -> relpath(path(v), a.get(0, "start", null)));
        r.add("splitext", 0, List.of(), (v, a) -> splitext(path(v)));
        r.add("path_join", 0, List.of(), (v, a) -> join(v));
        r.add("win_basename", 0, List.of(), (v, a) -> windows(path(v))[1]);
        r.add("win_dirname", 0, List.of(), (v, a) -> windows(path(v))[0]);
        r.add("win_splitdrive", 0, List.of(), (v, a) -> new PyTuple(Arrays.asList((Object[]) splitdrive(path(v)))));
        r.add("fileglob", 0, List.of(), (v, a) -> fileglob(text(v)));
    }

    private static String text(Object v) {
        return ValueText.of(v);
    }

    /** A path as os.path takes it: text (a number or None fails with Python's os.fspath words). */
    private static String path(Object v) {
        return ValueText.only(v, type -> "expected str, bytes or os.PathLike object, not " + type);
    }

    static String basename(String p) {
        return p.substring(p.lastIndexOf('/') + 1);
    }

    /** os.path.dirname: everything before the last slash, trailing slashes dropped unless it is all slashes. */
    static String dirname(String p) {
        int i = p.lastIndexOf('/') + 1;
        String head = p.substring(0, i);
        return !head.isEmpty() && !head.chars().allMatch(c -> c == '/') ? head.replaceFirst("/+$", "") : head;
    }

    private static String expanduser(String p, io.runbook.engine.env.RunEnvironment env) {
        if (!p.startsWith("~")) {
            return p;
        }
        int slash = p.indexOf('/');
        String user = p.substring(1, slash < 0 ? p.length() : slash);
        if (user.isEmpty()) {
            return HomeDir.join(HomeDir.of(env), slash < 0 ? "" : p.substring(slash));
        }
        String home = Path.of(System.getProperty("user.home")).resolveSibling(user).toString();
        return home + (slash < 0 ? "" : p.substring(slash));
    }

    /** os.path.expandvars: $NAME and ${NAME} from the environment; unknown ones stay as written. */
    private static String expandvars(String p, io.runbook.engine.env.RunEnvironment env) {
        Matcher m = ENV.matcher(p);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1) != null ? m.group(1) : m.group(2);
            String value = env.get(name);
            m.appendReplacement(out, Matcher.quoteReplacement(value == null ? m.group() : value));
        }
        return m.appendTail(out).toString();
    }

    private static String realpath(String p) {
        Path path = Path.of(p).toAbsolutePath().normalize();
        try {
            return path.toRealPath().toString();
        } catch (IOException e) {
            return path.toString();
        }
    }

    private static String relpath(String p, Object start) {
        Path from = Path.of(start == null ? "." : text(start)).toAbsolutePath().normalize();
        String out = from.relativize(Path.of(p).toAbsolutePath().normalize()).toString();
        return out.isEmpty() ? "." : out;
    }

    /** os.path.splitext: (root, extension); a leading dot does not start an extension. */
    static PyTuple splitext(String p) {
        int slash = p.lastIndexOf('/');
        int dot = p.lastIndexOf('.');
        if (dot > slash) {
            int first = slash + 1;
            while (first < dot && p.charAt(first) == '.') {
                first++;
            }
            if (first < dot) {
                return new PyTuple(Arrays.asList(p.substring(0, dot), p.substring(dot)));
            }
        }
        return new PyTuple(Arrays.asList(p, ""));
    }

    /** os.path.join of a list (or one path): an absolute part starts over. */
    private static String join(Object value) {
        if (!(value instanceof CharSequence || value instanceof List<?> || value instanceof java.util.Set<?>)) {
            throw new ExpressionFailure("|path_join expects string or sequence, got <class '" + PyValues.typeName(value)
                    + "'> instead.");  // Ansible's words
        }
        List<Object> parts = value instanceof CharSequence ? List.of(value) : Renderer.iterate(value);
        StringBuilder out = new StringBuilder();
        for (Object part : parts) {
            String s = text(part);
            if (s.startsWith("/")) {
                out.setLength(0);
                out.append(s);
            } else if (out.isEmpty() || out.charAt(out.length() - 1) == '/') {
                out.append(s);
            } else {
                out.append('/').append(s);
            }
        }
        return out.toString();
    }

    /** ntpath.splitdrive: a drive letter or UNC share, and the rest. */
    static String[] splitdrive(String p) {
        String norm = p.replace('/', '\\');
        if (norm.startsWith("\\\\") && !norm.startsWith("\\\\\\")) {
            int share = norm.indexOf('\\', 2);
            int end = share < 0 ? -1 : norm.indexOf('\\', share + 1);
            if (share > 2 && end != share + 1) {
                int cut = end < 0 ? p.length() : end;
                return new String[] {p.substring(0, cut), p.substring(cut)};
            }
            return new String[] {"", p};
        }
        if (p.length() >= 2 && p.charAt(1) == ':') {
            return new String[] {p.substring(0, 2), p.substring(2)};
        }
        return new String[] {"", p};
    }

    /** ntpath's dirname and basename of a Windows path. */
    private static String[] windows(String p) {
        String[] drive = splitdrive(p);
        String rest = drive[1];
        int i = rest.length();
        while (i > 0 && "\\/".indexOf(rest.charAt(i - 1)) < 0) {
            i--;
        }
        String head = rest.substring(0, i);
        String tail = rest.substring(i);
        String trimmed = head.replaceFirst("[\\\\/]+$", "");
        return new String[] {drive[0] + (trimmed.isEmpty() ? head : trimmed), tail};
    }

    /** Ansible's fileglob filter: regular files matching the pattern, sorted as glob lists them. */
    private static List<Object> fileglob(String pattern) {
        Path full = Path.of(pattern);
        Path dir = full.getParent() == null ? Path.of(".") : full.getParent();
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + full.getFileName());
        List<Object> out = new ArrayList<>();
        try (Stream<Path> listing = Files.list(dir)) {
            listing.filter(f -> Files.isRegularFile(f) && matcher.matches(f.getFileName()))
                    .map(f -> full.getParent() == null ? f.getFileName().toString() : f.toString()).sorted().forEach(out::add);
        } catch (IOException e) {
            // no such folder: nothing matches
        }
        return out;
    }
}
