package io.runbook.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/**
 * What ansible-playbook prints before its first banner when asked for more: from {@code -vv} its version block
 * (here the engine's own facts: its version, the Ansible release whose behaviour it follows, its config files, roles
 * path, jar and Java), from {@code -v} which config file it read. The engine also names its project config
 * ({@code runbook.yml}), which Ansible has not.
 */
final class VerboseHeader {
    private VerboseHeader() {
    }

    static void print(PrintWriter out, int verbosity, Settings settings, ProjectConfig project) {
        if (verbosity >= 2) {
            String[] version = new Version().getVersion();
            out.println(version[0] + " (runs playbooks as ansible-core 2.14 does)");
            out.println("  config file = " + (settings.configFile() == null ? "None" : absolute(settings.configFile())));
            out.println("  project config = " + (project.file() == null ? "None" : absolute(project.file())));
            out.println("  roles path = " + list(settings.rolesPath()));
            out.println("  modules = built in (engine.jar modules lists them)");
            out.println("  executable location = " + location());
            out.println("  java version = " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.vendor")
                    + " " + System.getProperty("java.vm.name") + ") (" + Path.of(System.getProperty("java.home"), "bin", "java") + ")");
        }
        if (verbosity >= 1) {
            out.println(configFileLine(settings.configFile()));
            if (project.file() != null) {
                out.println("Using " + absolute(project.file()) + " as project config");
            }
        }
        out.flush();
    }

    /** Which config file was found, as every Ansible command says it from {@code -v}. */
    static String configFileLine(Path configFile) {
        return configFile == null ? "No config file found; using defaults" : "Using " + absolute(configFile) + " as config file";
    }

    private static String list(List<Path> paths) {
        return "[" + String.join(", ", paths.stream().map(p -> "'" + p + "'").toList()) + "]";
    }

    private static Path absolute(Path file) {
        return file.toAbsolutePath().normalize();
    }

    /** The jar (or classes folder) the engine runs from. */
    private static String location() {
        try {
            return Path.of(VerboseHeader.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (java.net.URISyntaxException | RuntimeException e) {
            return "unknown";
        }
    }
}
