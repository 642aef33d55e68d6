package io.runbook.engine.facts;

import io.runbook.engine.config.SettingTable;
import io.runbook.engine.config.SettingValues;
import io.runbook.engine.module.ModuleContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Ansible 2.14's Python interpreter discovery ({@code ansible_python_interpreter} or {@code interpreter_python}
 * {@code auto}, {@code auto_legacy}, {@code auto_silent}, {@code auto_legacy_silent}): which of the
 * {@code INTERPRETER_PYTHON_FALLBACK} interpreters a host has ({@code command -v} each), its platform
 * ({@code uname}) and distribution (os-release's {@code ID} and {@code VERSION_ID}) give the interpreter, as the
 * distribution map of Ansible's configuration says, with Ansible's warnings. The result is the host's fact
 * {@code discovered_interpreter_python}.
 */
public final class InterpreterDiscovery {
    /** The fact discovery sets (under {@code ansible_facts}). */
    public static final String FACT = "discovered_interpreter_python";
    private static final Set<String> MODES = Set.of("auto", "auto_legacy", "auto_silent", "auto_legacy_silent");
    /** Ansible's foundre: the platform, then the interpreters found. */
    private static final java.util.regex.Pattern BOOTSTRAP = java.util.regex.Pattern.compile("(?s)PLATFORM[\\r\\n]+(.*)FOUND(.*)ENDFOUND");
    private static final String LINK = "https://docs.ansible.com/ansible-core/2.14/reference_appendices/interpreter_discovery.html";
    /** Ansible's _INTERPRETER_PYTHON_DISTRO_MAP. */
    private static final Map<String, Map<String, String>> DISTROS = Map.of(
            "redhat", Map.of("6", "/usr/bin/python", "8", "/usr/libexec/platform-python", "9", "/usr/bin/python3"),
            "debian", Map.of("8", "/usr/bin/python", "10", "/usr/bin/python3"),
            "fedora", Map.of("23", "/usr/bin/python3"),
            "ubuntu", Map.of("14", "/usr/bin/python", "16", "/usr/bin/python3"));
    /** The distributions of the families the map knows (Ansible's OS_FAMILY, lower case). */
    private static final Map<String, String> FAMILIES = families(Map.of(
            "redhat", List.of("redhat", "rhel", "fedora", "centos", "scientific", "slc", "ascendos", "cloudlinux", "psbm",
                    "oraclelinux", "ovs", "oel", "amazon", "virtuozzo", "xenserver", "alibaba", "euleros", "openeuler",
                    "almalinux", "rocky", "tencentos", "eurolinux", "kylin linux advanced server"),
            "debian", List.of("debian", "ubuntu", "raspbian", "neon", "kde neon", "linux mint", "steamos", "devuan", "kali",
                    "cumulus linux", "pop!_os", "parrot", "pardus gnu/linux", "uos", "deepin", "osmc")));

    /** What a host answered: {@code uname}'s platform (lower case), the interpreters found, its os-release text. */
    public record Probe(String platform, List<String> found, String osRelease) {
    }

    /** The interpreter discovery gives, the warnings it adds to the module's result, its {@code -vvv} line (or null). */
    public record Found(String interpreter, List<String> warnings, String verbose) {
    }

    private InterpreterDiscovery() {
    }

    /** The discovery mode an interpreter setting asks for (empty: {@code auto}); null: an interpreter it names. */
    public static String mode(Object setting) {
        String given = setting == null ? "auto" : String.valueOf(setting).strip();
        return given.isEmpty() ? "auto" : MODES.contains(given) ? given : null;
    }

    /**
     * Ansible's INTERPRETER_PYTHON for a host: its {@code ansible_python_interpreter} when set, else the run's setting
     * ({@code ANSIBLE_PYTHON_INTERPRETER}, ansible.cfg's {@code interpreter_python}, else {@code auto}), as Ansible's
     * configuration reads a setting with variables.
     */
    public static Object setting(Map<String, Object> vars, SettingValues values) {
        return configured(vars.get("ansible_python_interpreter"), values, "INTERPRETER_PYTHON");
    }

    /**
     * As {@link #setting(Map, SettingValues)}, for a module's host and run, rendered with the host's variables as
     * ansible-core 2.14's {@code _get_shebang} renders it ({@code interpreter_python = {{ ansible_playbook_python }}}).
     */
    public static Object setting(ModuleContext ctx) {
        return rendered(ctx, setting(ctx.vars(), ctx.service(SettingValues.class).orElse(SettingValues.NONE)));
    }

    /** A setting rendered with the task's variables (as it is where nothing renders). */
    public static Object rendered(ModuleContext ctx, Object setting) {
        return ctx instanceof io.runbook.engine.module.Expressions e
                ? e.template(setting, io.runbook.engine.error.SourcePosition.of("interpreter_python")) : setting;
    }

    /**
     * The interpreter a Python module runs with: the one the host's interpreter setting names, else the host's
     * discovered one (its fact), else empty (the caller's own choice).
     */
    public static String chosen(ModuleContext ctx) {
        Object set = setting(ctx);
        if (mode(set) == null) {
            return String.valueOf(set).strip();
        }
        return ctx.vars().get("ansible_facts") instanceof Map<?, ?> facts && facts.get(FACT) != null
                ? String.valueOf(facts.get(FACT)) : "";
    }

    /**
     * Ansible's INTERPRETER_PYTHON_FALLBACK for a host: its {@code ansible_interpreter_python_fallback} when set (a list
     * or a comma-separated text), else the run's (the table's default: ansible-core 2.14 has no other source for it).
     */
    public static List<String> fallback(Map<String, Object> vars, SettingValues values) {
        Object setting = configured(vars.get("ansible_interpreter_python_fallback"), values, "INTERPRETER_PYTHON_FALLBACK");
        if (setting instanceof List<?> l) {
            return l.stream().map(String::valueOf).toList();
        }
        return List.of(String.valueOf(setting).split("\\s*,\\s*"));
    }

    /** A host's variable when set, else the run's value of the setting {@code name}, else the table's default. */
    private static Object configured(Object variable, SettingValues values, String name) {
        if (variable != null) {
            return variable;
        }
        Object value = values.base().get(name);
        return value != null ? value : SettingTable.def(name).fallback();
    }

    /** Asks the controller itself, as a local connection's shell and Python would answer ({@code path}: its PATH). */
    public static Probe local(List<String> fallback, String path) {
        List<String> found = new ArrayList<>();
        for (String py : fallback) {
            String at = py.contains("/") ? (Files.isExecutable(Path.of(py)) ? py : null) : PythonFacts.onPath(py, path);
            if (at != null && at.startsWith("/")) {
                found.add(at);
            }
        }
        String osRelease = read("/etc/os-release");
        return new Probe(System.getProperty("os.name", "").toLowerCase(), found,
                osRelease.isEmpty() ? read("/usr/lib/os-release") : osRelease);
    }

    /**
     * The one shell command that asks a remote host what Ansible's discovery asks it in two: its bootstrap (which of
     * {@code fallback} {@code command -v} finds, and {@code uname}), then the os-release that Ansible's
     * python_target.py reads (/etc/os-release when readable and not empty, else /usr/lib/os-release).
     */
    public static String script(List<String> fallback) {
        String found = fallback.stream().map(py -> "command -v '" + py.replace("'", "'\\''") + "'")
                .collect(Collectors.joining("; "));
        return "echo PLATFORM; uname; echo FOUND; " + found + "; echo ENDFOUND; "
                + "if [ -r /etc/os-release ] && [ -s /etc/os-release ]; then cat /etc/os-release; "
                + "else cat /usr/lib/os-release 2>/dev/null; fi";
    }

    /** What {@link #script}'s output says, read as Ansible reads its bootstrap's; null: output Ansible would not accept. */
    public static Probe remote(String stdout) {
        int end = stdout.indexOf("ENDFOUND");
        java.util.regex.Matcher m = BOOTSTRAP.matcher(end < 0 ? stdout : stdout.substring(0, end + "ENDFOUND".length()));
        if (end < 0 || !m.lookingAt()) {
            return null;
        }
        List<String> found = m.group(2).lines().filter(l -> l.startsWith("/")).map(String::strip).toList();
        String rest = stdout.substring(end + "ENDFOUND".length());
        return new Probe(m.group(1).toLowerCase().strip(), found, rest.startsWith("\n") ? rest.substring(1) : rest);
    }

    /** Ansible's discover_interpreter for a host's answers, in {@code mode}. */
    public static Found decide(String host, String mode, Probe probe, List<String> fallback) {
        boolean legacy = mode.startsWith("auto_legacy");
        boolean silent = mode.endsWith("_silent");
        List<String> warnings = new ArrayList<>();
        if (probe.found().isEmpty()) {
            if (!silent) {
                warnings.add("No python interpreters found for host " + host + " (tried "
                        + fallback.stream().map(p -> "'" + p + "'").collect(Collectors.joining(", ", "[", "]")) + ")");
            }
            return new Found("/usr/bin/python", warnings, null);
        }
        String first = probe.found().get(0);
        String why;
        Map<String, String> release = osRelease(probe.osRelease());
        String distro = release.getOrDefault("id", "");
        String version = release.getOrDefault("version_id", "");
        Map<String, String> versions = DISTROS.get(distro.strip().toLowerCase());
        if (versions == null) {
            versions = DISTROS.get(FAMILIES.getOrDefault(distro.strip().toLowerCase(), ""));
        }
        if (!probe.platform().equals("linux")) {
            why = "unsupported platform for extended discovery: " + probe.platform();
        } else if (distro.isEmpty() || version.isEmpty()) {
            why = "unable to get Linux distribution/version info";
        } else if (versions == null) {
            why = "unsupported Linux distribution: " + distro;
        } else {
            String platform = fuzzy(version, versions);
            if (legacy && !platform.equals("/usr/bin/python") && probe.found().contains("/usr/bin/python")) {
                if (!silent) {
                    warnings.add("Distribution " + distro + " " + version + " on host " + host + " should use " + platform
                            + ", but is using /usr/bin/python for backward compatibility with prior Ansible releases. See "
                            + LINK + " for more information");
                }
                return new Found("/usr/bin/python", warnings, null);
            }
            if (probe.found().contains(platform)) {
                return new Found(platform, warnings, null);
            }
            if (!silent) {
                if (!fallback.contains(platform)) {
                    warnings.add("Platform interpreter " + platform + " on host " + host + " is missing from bootstrap list");
                }
                warnings.add("Distribution " + distro + " " + version + " on host " + host + " should use " + platform
                        + ", but is using " + first + ", since the discovered platform python interpreter was not present. See "
                        + LINK + " for more information.");
            }
            return new Found(first, warnings, null);
        }
        if (!silent) {
            warnings.add("Platform " + probe.platform() + " on host " + host + " is using the discovered Python interpreter at "
                    + first + ", but future installation of another Python interpreter could change the meaning of that path. See "
                    + LINK + " for more information.");
        }
        return new Found(first, warnings, "Python interpreter discovery fallback (" + why + ")");
    }

    /** os-release's keys (lower case) and values (unquoted), as Ansible's distro module parses them. */
    static Map<String, String> osRelease(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : (text == null ? "" : text).split("\\R")) {
            int eq = line.indexOf('=');
            if (eq > 0 && !line.startsWith("#")) {
                String value = line.substring(eq + 1).strip();
                if (value.length() > 1 && (value.startsWith("\"") || value.startsWith("'")) && value.endsWith(value.substring(0, 1))) {
                    value = value.substring(1, value.length() - 1);
                }
                out.put(line.substring(0, eq).strip().toLowerCase(), value);
            }
        }
        return out;
    }

    /** The map's entry for {@code version}, else for the nearest older version it has, else its oldest (LooseVersion). */
    static String fuzzy(String version, Map<String, String> versions) {
        if (versions.containsKey(version)) {
            return versions.get(version);
        }
        List<String> sorted = versions.keySet().stream().sorted(InterpreterDiscovery::compareLoose).toList();
        String best = sorted.get(0);
        for (String v : sorted) {
            if (compareLoose(v, version) <= 0) {
                best = v;
            }
        }
        return versions.get(best);
    }

    private static int compareLoose(String a, String b) {
        List<String> x = loose(a);
        List<String> y = loose(b);
        for (int i = 0; i < Math.min(x.size(), y.size()); i++) {
            String p = x.get(i);
            String q = y.get(i);
            int c = p.matches("\\d+") && q.matches("\\d+") ? new java.math.BigInteger(p).compareTo(new java.math.BigInteger(q))
                    : p.compareTo(q);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(x.size(), y.size());
    }

    private static List<String> loose(String version) {
        List<String> parts = new ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\d+|[a-z]+", java.util.regex.Pattern.CASE_INSENSITIVE)
                .matcher(version);
        while (m.find()) {
            parts.add(m.group());
        }
        return parts;
    }

    private static Map<String, String> families(Map<String, List<String>> byFamily) {
        Map<String, String> out = new LinkedHashMap<>();
        byFamily.forEach((family, names) -> names.forEach(n -> out.put(n, family)));
        return out;
    }

    private static String read(String path) {
        try {
            return Files.isReadable(Path.of(path)) ? Files.readString(Path.of(path)) : "";
        } catch (IOException | RuntimeException e) {
            return "";  // unreadable: as a host without the file
        }
    }
}
