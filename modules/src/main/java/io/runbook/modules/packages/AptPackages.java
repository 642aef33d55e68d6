package io.runbook.modules.packages;

import io.runbook.engine.module.ModuleException;
import io.runbook.modules.connection.Execution;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What apt and dpkg know of the packages a task names, read in one command ({@code apt-cache policy} and
 * {@code dpkg-query}), and Ansible's {@code package_status} over it: whether a package is installed, whether the
 * installed version is the one asked for, and which version apt would install.
 */
final class AptPackages {
    private static final String QUERY = "r=$1; shift\n"
            + "echo @@policy; if [ -n \"$r\" ]; then apt-cache -t \"$r\" policy \"$@\"; else apt-cache policy \"$@\"; fi 2>/dev/null\n"
            + "echo @@status; dpkg-query -W -f='${Package}|${db:Status-Status}|${Version}\\n' \"$@\" 2>/dev/null; exit 0\n";

    /** {@code installable}: the version apt would install, or {@link #APT_DECIDES} (a virtual package), or null. */
    record Status(boolean installed, boolean versionInstalled, String installable, boolean hasFiles) {
    }

    /** Ansible's {@code True} for {@code version_installable}: apt chooses what provides the name. */
    static final String APT_DECIDES = "\0apt";

    private record Dpkg(String status, String version) {
    }

    private final AptHost host;
    private final String release;
    private final Map<String, AptPolicy> policies = new HashMap<>();
    private final Map<String, Dpkg> dpkg = new HashMap<>();

    AptPackages(AptHost host, String release) {
        this.host = host;
        this.release = release;
    }

    /** Reads what apt and dpkg know of {@code names} (one command on the host). */
    void load(Collection<String> names) throws ModuleException, InterruptedException {
        Set<String> wanted = new LinkedHashSet<>(names);
        wanted.removeAll(policies.keySet());
        if (wanted.isEmpty()) {
            return;
        }
        List<String> argv = new ArrayList<>(List.of("sh", "-c", QUERY, "sh", release == null ? "" : release));
        argv.addAll(wanted);
        Execution e = host.run(argv);
        String out = e.stdout();
        int status = out.indexOf("@@status\n");
        String policyText = status < 0 ? out : out.substring(0, status);
        policies.putAll(AptPolicy.parse(policyText.replaceFirst("^@@policy\n", "")));
        for (String name : wanted) {
            policies.putIfAbsent(name, new AptPolicy(null, List.of()));
        }
        if (status >= 0) {
            for (String line : out.substring(status + 9).split("\n")) {
                String[] f = line.split("\\|", 3);
                if (f.length == 3) {
                    dpkg.put(f[0], new Dpkg(f[1], f[2]));
                }
            }
        }
    }

    /** Every package name apt has a version of (for name patterns), as {@code apt-cache pkgnames} lists them. */
    List<String> allNames() throws ModuleException, InterruptedException {
        return host.run(List.of("apt-cache", "pkgnames")).stdout().lines().sorted().toList();
    }

    /** Ansible's {@code package_status}; {@code install}: the task installs (an unknown name then fails). */
    Status status(PackageSpec spec, boolean install) throws ModuleException, InterruptedException {
        load(List.of(spec.name()));
        AptPolicy policy = policies.get(spec.name());
        if (!policy.known()) {
            if (!install) {
                return new Status(false, false, null, false);
            }
            List<String> providers = providers(spec.name());
            if (providers.isEmpty()) {
                throw new ModuleException("No package matching '" + spec.name() + "' is available");
            }
            if (providers.size() == 1) {
                Status provider = status(new PackageSpec(providers.get(0), spec.comparison(), spec.version()), true);
                if (provider.installed()) {
                    return provider;
                }
            }
            return new Status(false, false, APT_DECIDES, false);
        }
        Dpkg d = dpkg.get(spec.name());
        boolean installed = d != null && "installed".equals(d.status());
        boolean hasFiles = d != null && !"not-installed".equals(d.status());
        String best = "=".equals(spec.comparison()) ? policy.bestMatching(spec.version()) : policy.candidate();
        if (!installed) {
            return new Status(false, false, best, hasFiles);
        }
        String current = d.version();
        boolean versionInstalled;
        String installable = null;
        if ("=".equals(spec.comparison())) {
            versionInstalled = PackageSpec.fnmatch(current, spec.version());
            if (best != null && !current.equals(best) && PackageSpec.fnmatch(best, spec.version())) {
                installable = best;
            }
        } else if (">=".equals(spec.comparison())) {
            versionInstalled = DebianVersion.compare(current, spec.version()) >= 0;
            if (best != null && !current.equals(best) && DebianVersion.compare(best, spec.version()) >= 0) {
                installable = best;
            }
        } else {
            versionInstalled = true;
            if (best != null && !current.equals(best)) {
                installable = best;
            }
        }
        return new Status(true, versionInstalled, installable, hasFiles);
    }

    /** The installed version of a package, or null. */
    String installedVersion(String name) throws ModuleException, InterruptedException {
        load(List.of(name));
        Dpkg d = dpkg.get(name);
        return d != null && "installed".equals(d.status()) ? d.version() : null;
    }

    private List<String> providers(String name) throws ModuleException, InterruptedException {
        String out = host.run(List.of("apt-cache", "showpkg", name)).stdout();
        int at = out.indexOf("Reverse Provides:");
        List<String> names = new ArrayList<>();
        if (at >= 0) {
            for (String line : out.substring(at).split("\n")) {
                String[] words = line.trim().split(" ");
                if (!line.startsWith("Reverse Provides:") && words.length > 1 && !names.contains(words[0])) {
                    names.add(words[0]);
                }
            }
        }
        return names;
    }
}
