package io.runbook.modules.packages;

import io.runbook.engine.module.ModuleException;
import io.runbook.engine.module.Result;
import io.runbook.modules.connection.Execution;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The apt-get runs of Ansible's apt module: install (present, latest, build-dep, fixed), remove, autoremove and
 * autoclean, upgrade, clean. Each builds the command line Ansible's builds (its messages quote it), runs it with
 * {@code --simulate} in check mode, and returns Ansible's result.
 */
final class AptActions {
    private static final String APT_GET_ZERO = "\n0 upgraded, 0 newly installed";
    private static final String APTITUDE_ZERO = "\n0 packages upgraded, 0 newly installed";

    private final AptHost host;
    private final AptPackages packages;
    private final AptOptions o;
    private final boolean diffMode;
    private final Consumer<String> warn;

    AptActions(AptHost host, AptPackages packages, AptOptions options, boolean diffMode, Consumer<String> warn) {
        this.host = host;
        this.packages = packages;
        this.o = options;
        this.diffMode = diffMode;
        this.warn = warn;
    }

    /** Package names with name patterns expanded against what apt knows, as Ansible's {@code expand_pkgspec_from_fnmatches}. */
    List<String> expand(List<String> specs) throws ModuleException, InterruptedException {
        List<String> out = new ArrayList<>();
        List<String> names = null;
        for (String spec : specs) {
            PackageSpec p = PackageSpec.parse(spec);
            if (!p.hasNamePattern()) {
                out.add(spec);
                continue;
            }
            if (names == null) {
                names = packages.allNames();
            }
            String regex = PackageSpec.globRegex(p.name());
            boolean multiarch = p.name().contains(":");
            List<String> matches = names.stream().filter(n -> (multiarch || !n.contains(":")) && n.matches(regex)).toList();
            if (matches.isEmpty()) {
                throw new ModuleException("No package(s) matching '" + p.name() + "' available");
            }
            out.addAll(matches);
        }
        return out;
    }

    /** Ansible's {@code install}: a result that is failed when apt-get failed or nothing can be installed. */
    Result install(List<String> specs, boolean upgrade, boolean buildDep, boolean fixed) throws ModuleException, InterruptedException {
        List<String> expanded = expand(specs);
        packages.load(expanded.stream().map(s -> PackageSpec.parse(s).name()).toList());
        List<String> words = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (String spec : expanded) {
            if (buildDep) {
                words.add("'" + spec + "'");
                continue;
            }
            PackageSpec p = PackageSpec.parse(spec);
            names.add(p.name());
            AptPackages.Status s = packages.status(p, true);
            if (!s.installed() && o.onlyUpgrade()) {
                continue;
            }
            if (!s.versionInstalled() && s.installable() == null) {
                return Result.failed("no available installation candidate for " + spec);
            }
            if (s.installable() != null && ((!s.installed() && !o.onlyUpgrade()) || upgrade || !s.versionInstalled())) {
                if (s.installable() != AptPackages.APT_DECIDES) {
                    words.add("'" + p.name() + "=" + s.installable() + "'");
                } else if (p.version() != null) {
                    words.add("'" + p.name() + "=" + p.version() + "'");
                } else {
                    words.add("'" + p.name() + "'");
                }
            } else if (s.versionInstalled() && s.installable() != null && "=".equals(p.comparison())) {
                words.add("'" + p.name() + "=" + p.version() + "'");
            }
        }
        Result result = Result.ok();
        if (!words.isEmpty()) {
            String aptGet = host.required("apt-get");
            String cmd = buildDep
                    ? String.join(" ", aptGet, "-y", o.dpkgOptions(), o.onlyUpgrade() ? "--only-upgrade" : "", fixed ? "--fix-broken" : "",
                    o.forceYes(), o.noRemove(), o.simulate(), "build-dep", String.join(" ", words))
                    : String.join(" ", aptGet, "-y", o.dpkgOptions(), o.onlyUpgrade() ? "--only-upgrade" : "", fixed ? "--fix-broken" : "",
                    o.forceYes(), o.autoRemove(), o.noRemove(), o.simulate(), "install", String.join(" ", words));
            cmd += o.installSuffix();
            Execution e = host.line(cmd);
            if (e.rc() != 0) {
                return AptOutput.withOutput(Result.failed("'" + cmd + "' failed: " + e.stderr()), e).with("rc", e.rc());
            }
            boolean changed = !buildDep || !e.stdout().contains(APT_GET_ZERO);
            result = AptOutput.withDiff(AptOutput.withOutput(Result.changed(changed), e), diffMode, e.stdout());
        }
        if (!buildDep && !o.check()) {
            markManual(names);
        }
        return result;
    }

    private void markManual(List<String> names) throws ModuleException, InterruptedException {
        if (names.isEmpty()) {
            return;
        }
        String aptMark = host.program("apt-mark");
        if (aptMark == null) {
            warn.accept("Could not find apt-mark binary, not marking package(s) as manually installed.");
            return;
        }
        String cmd = aptMark + " manual " + String.join(" ", names);
        Execution e = host.line(cmd);
        if (e.stderr().contains("Invalid operation")) {
            cmd = aptMark + " unmarkauto " + String.join(" ", names);
            e = host.line(cmd);
        }
        if (e.rc() != 0) {
            throw new ModuleException("'" + cmd + "' failed: " + e.stderr());
        }
    }

    /** Ansible's {@code remove}: apt-get remove (with --purge) of the installed ones; ok when none is. */
    Result remove(List<String> specs) throws ModuleException, InterruptedException {
        List<String> expanded = expand(specs);
        packages.load(expanded.stream().map(s -> PackageSpec.parse(s).name()).toList());
        List<String> words = new ArrayList<>();
        for (String spec : expanded) {
            PackageSpec p = PackageSpec.parse(spec);
            AptPackages.Status s = packages.status(p, false);
            if (s.versionInstalled() || s.hasFiles() && o.purge()) {
                words.add("'" + spec + "'");
            }
        }
        if (words.isEmpty()) {
            return Result.ok();
        }
        String list = String.join(" ", words);
        String cmd = String.join(" ", host.required("apt-get"), "-q", "-y", o.dpkgOptions(), o.purgeWord(), o.forceYes(),
                o.autoRemove(), o.simulate(), "remove", list);
        Execution e = host.line(cmd);
        if (e.rc() != 0) {
            return AptOutput.withOutput(Result.failed("'apt-get remove " + list + "' failed: " + e.stderr()), e).with("rc", e.rc());
        }
        return AptOutput.withDiff(AptOutput.withOutput(Result.changed(), e), diffMode, e.stdout());
    }

    /** Ansible's {@code cleanup}: apt-get autoremove or autoclean, changed when it removed or deleted something. */
    Result cleanup(String operation) throws ModuleException, InterruptedException {
        String cmd = String.join(" ", host.required("apt-get"), "-y", o.dpkgOptions(), o.purgeWord(), o.forceYes(), operation, o.simulate());
        Execution e = host.line(cmd);
        if (e.rc() != 0) {
            return AptOutput.withOutput(Result.failed("'apt-get " + operation + "' failed: " + e.stderr()), e).with("rc", e.rc());
        }
        boolean changed = e.stdout().contains("autoremove".equals(operation) ? "The following packages will be REMOVED" : "Del ");
        return AptOutput.withDiff(AptOutput.withOutput(Result.changed(changed), e), diffMode, e.stdout());
    }

    /** Ansible's {@code aptclean}: apt-get clean, failed when it says anything on stderr. */
    Execution clean() throws ModuleException, InterruptedException {
        Execution e = host.run(List.of(host.required("apt-get"), "clean"));
        if (e.rc() != 0) {
            throw new ModuleException("apt-get clean failed");
        }
        if (!e.stderr().isEmpty()) {
            throw new ModuleException("apt-get clean failed: " + e.stderr());
        }
        return e;
    }

    /** Ansible's {@code upgrade}: aptitude safe-upgrade/full-upgrade where the host has aptitude, else apt-get's. */
    Result upgrade(String mode, boolean forceAptGet) throws ModuleException, InterruptedException {
        String aptitude = forceAptGet ? null : host.program("aptitude");
        boolean useAptGet = aptitude == null;
        String apt;
        String command;
        if ("dist".equals(mode) || "full".equals(mode) && useAptGet) {
            apt = host.required("apt-get");
            command = "dist-upgrade " + o.autoRemove();
        } else if ("full".equals(mode)) {
            apt = aptitude;
            command = "full-upgrade";
        } else if (useAptGet) {
            apt = host.required("apt-get");
            command = "upgrade --with-new-pkgs " + o.autoRemove();
        } else {
            apt = aptitude;
            command = "safe-upgrade";
        }
        String forceYes = !o.force() ? "" : apt.equals(aptitude) ? "--assume-yes --allow-untrusted" : "--force-yes";
        String cmd = String.join(" ", apt, "-y", o.dpkgOptions(), forceYes, o.noRemove(),
                o.allowUnauthenticated() ? "--allow-unauthenticated" : "", o.allowDowngrade() ? "--allow-downgrades" : "",
                o.simulate(), command);
        if (o.defaultRelease() != null) {
            cmd += " -t '" + o.defaultRelease() + "'";
        }
        Execution e = host.line(cmd);
        if (e.rc() != 0) {
            return Result.failed("'" + apt + " " + command + "' failed: " + e.stderr()).with("stdout", e.stdout())
                    .with("stdout_lines", AptOutput.lines(e.stdout())).with("rc", e.rc());
        }
        String zero = apt.equals(aptitude) ? APTITUDE_ZERO : APT_GET_ZERO;
        Result r = AptOutput.withOutput(Result.changed(!e.stdout().contains(zero)).withMsg(e.stdout()), e);
        return e.stdout().contains(zero) ? r : AptOutput.withDiff(r, diffMode, e.stdout());
    }
}
