package io.runbook.modules.packages;

import io.runbook.engine.module.Diff;
import io.runbook.engine.module.ModuleException;
import io.runbook.engine.module.Result;
import io.runbook.modules.connection.Execution;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Ansible's {@code install_deb}: {@code .deb} files on the host installed with {@code dpkg -i}, after the packages
 * their {@code Depends} need and the host lacks are installed through apt. A file whose package is installed at its
 * version is left alone; one older than the installed version fails (unless {@code allow_downgrade} or {@code force}).
 */
final class AptDeb {
    private final AptHost host;
    private final AptPackages packages;
    private final AptActions actions;
    private final AptOptions o;
    private final boolean diffMode;

    AptDeb(AptHost host, AptPackages packages, AptActions actions, AptOptions options, boolean diffMode) {
        this.diffMode = diffMode;
        this.host = host;
        this.packages = packages;
        this.actions = actions;
        this.o = options;
    }

    Result install(List<String> debs) throws ModuleException, InterruptedException {
        List<String> missing = new ArrayList<>();
        List<String> toInstall = new ArrayList<>();
        for (String deb : debs) {
            Map<String, String> fields = fields(deb);
            String name = fields.getOrDefault("Package", "");
            String version = fields.getOrDefault("Version", "");
            String installed = packages.installedVersion(name);
            if (installed != null && DebianVersion.compare(version, installed) == 0) {
                continue;
            }
            if (installed != null && DebianVersion.compare(version, installed) < 0 && !o.force() && !o.allowDowngrade()) {
                throw new ModuleException("A later version is already installed");
            }
            missing.addAll(missingDependencies(fields.getOrDefault("Depends", "")));
            toInstall.add(deb);
        }
        Result deps = null;
        if (!missing.isEmpty()) {
            deps = actions.install(missing, false, false, false);
            if (deps.isFailed()) {
                return deps;
            }
        }
        String depsOut = deps == null ? "" : String.valueOf(deps.data().getOrDefault("stdout", ""));
        String depsErr = deps == null ? "" : String.valueOf(deps.data().getOrDefault("stderr", ""));
        if (toInstall.isEmpty()) {
            // as Ansible's: the dependencies' diff, or an empty text when there were none
            Result r = Result.changed(deps != null && deps.isChanged()).with("diff", deps == null ? "" : deps.data().getOrDefault("diff", ""));
            if (deps != null && !deps.diffs().isEmpty()) {
                r = r.withDiff(deps.diffs().get(0));
            }
            return AptOutput.withOutput(r, depsOut, depsErr);
        }
        StringBuilder options = new StringBuilder();
        for (String option : o.rawDpkgOptions().split(",", -1)) {
            options.append(options.length() == 0 ? "" : " ").append("--").append(option);
        }
        if (o.check()) {
            options.append(" --simulate");
        }
        if (o.force()) {
            options.append(" --force-all");
        }
        String cmd = "dpkg " + options + " -i " + String.join(" ", toInstall);
        Execution e = host.line(cmd);
        String stdout = depsOut + e.stdout();
        String stderr = depsErr + e.stderr();
        if (e.rc() != 0) {
            return AptOutput.withOutput(Result.failed(cmd + " failed"), stdout, stderr);
        }
        // as Ansible's: dpkg's output after the dependencies' prepared diff, or dpkg's output parsed; kept without --diff too
        String prepared = deps != null && deps.data().get("diff") instanceof Map<?, ?> d && d.get("prepared") != null
                ? d.get("prepared") + "\n\n" + e.stdout() : AptOutput.diff(e.stdout()).prepared();
        Result r = AptOutput.withOutput(Result.changed(), stdout, stderr).with("diff", Map.of("prepared", prepared));
        return diffMode ? r.withDiff(Diff.prepared(prepared)) : r;
    }

    /** The control fields Ansible's module reads with {@code dpkg --field}, in one command; its failure as Ansible's first. */
    private Map<String, String> fields(String deb) throws ModuleException, InterruptedException {
        String dpkg = host.required("dpkg");
        Execution e = host.line(dpkg + " --field " + deb + " Package Version Depends");
        if (e.rc() != 0) {
            throw new ModuleException(dpkg + " --field " + deb + " Package failed");
        }
        Map<String, String> fields = new java.util.HashMap<>();
        for (String line : e.stdout().split("\n")) {
            int colon = line.indexOf(": ");
            if (colon > 0) {
                fields.put(line.substring(0, colon), line.substring(colon + 2).strip());
            }
        }
        return fields;
    }

    /** The first alternative of each {@code Depends} group no installed package satisfies. */
    private List<String> missingDependencies(String depends) throws ModuleException, InterruptedException {
        List<String> missing = new ArrayList<>();
        if (depends.isBlank()) {
            return missing;
        }
        for (String group : depends.split(",")) {
            boolean satisfied = false;
            String first = null;
            for (String alternative : group.split("\\|")) {
                Dependency d = Dependency.parse(alternative.trim());
                first = first == null ? d.name() : first;
                String installed = packages.installedVersion(d.name());
                if (installed != null && d.satisfiedBy(installed)) {
                    satisfied = true;
                    break;
                }
            }
            if (!satisfied && first != null && !missing.contains(first)) {
                missing.add(first);
            }
        }
        return missing;
    }

    /** One alternative of a {@code Depends} field: {@code name}, {@code name:any} or {@code name (>= 1.0)}. */
    private record Dependency(String name, String op, String version) {
        static Dependency parse(String text) {
            int paren = text.indexOf('(');
            String name = (paren < 0 ? text : text.substring(0, paren)).trim();
            int colon = name.indexOf(':');
            name = colon < 0 ? name : name.substring(0, colon);
            if (paren < 0) {
                return new Dependency(name, null, null);
            }
            String inside = text.substring(paren + 1, text.indexOf(')', paren)).trim();
            int split = 0;
            while (split < inside.length() && "<>=".indexOf(inside.charAt(split)) >= 0) {
                split++;
            }
            return new Dependency(name, inside.substring(0, split), inside.substring(split).trim());
        }

        boolean satisfiedBy(String installed) {
            if (op == null) {
                return true;
            }
            int c = DebianVersion.compare(installed, version);
            return switch (op) {
                case "<<", "<" -> c < 0;
                case "<=" -> c <= 0;
                case "=" -> c == 0;
                case ">=" -> c >= 0;
                case ">>", ">" -> c > 0;
                default -> true;
            };
        }
    }
}
