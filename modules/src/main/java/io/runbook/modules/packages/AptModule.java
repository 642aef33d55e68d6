package io.runbook.modules.packages;

import io.runbook.engine.error.UserError;
import io.runbook.engine.module.Arg;
import io.runbook.engine.module.ArgSpec;
import io.runbook.engine.module.ArgType;
import io.runbook.engine.module.ArgValidator;
import io.runbook.engine.module.Module;
import io.runbook.engine.module.ModuleContext;
import io.runbook.engine.module.ModuleException;
import io.runbook.engine.module.Result;
import io.runbook.engine.module.WrittenArgs;
import io.runbook.engine.error.SourcePosition;
import java.util.List;

/**
 * {@code apt}: Debian packages installed, upgraded or removed on the host through its connection, as ansible-core
 * 2.14's apt module does, with apt-get, apt-cache, apt-mark and dpkg where Ansible's uses python-apt: the same
 * command lines, results and messages, check mode through {@code apt-get --simulate}, and the prepared diff.
 */
public final class AptModule implements Module {
    static final List<String> UPGRADES = List.of("dist", "full", "no", "safe", "yes");
    static final ArgSpec SPEC = specWith(ArgSpec.builder()).build();

    /** apt's arguments in {@code builder} (package's are the same and {@code use}). */
    static ArgSpec.Builder specWith(ArgSpec.Builder b) {
        return b
                .arg(Arg.list("name").elements(ArgType.STR).aliases("package", "pkg")
                        .description("packages (a list, or comma-separated): `foo`, `foo=1.0`, `foo=1.0*`, `foo>=1.0`, name patterns `foo*`"))
                .arg(Arg.str("state").choices("absent", "build-dep", "fixed", "latest", "present").defaultValue("present")
                        .description("present (installed), latest (at the candidate version), absent (removed), build-dep (build dependencies"
                                + " installed), fixed (broken dependencies corrected)"))
                .arg(Arg.bool("update_cache").aliases("update-cache").description("apt-get update before the operation"))
                .arg(Arg.integer("update_cache_retries").defaultValue(5).description("tries of the cache update"))
                .arg(Arg.integer("update_cache_retry_max_delay").defaultValue(12).description("the longest wait between tries, in seconds"))
                .arg(Arg.integer("cache_valid_time").defaultValue(0)
                        .description("update the cache when it is older than this many seconds (sets update_cache)"))
                .arg(Arg.bool("purge").defaultValue(false).description("with state absent: remove the configuration files too (--purge)"))
                .arg(Arg.str("deb").description("a .deb file on the host to install (dpkg -i), its missing dependencies through apt;"
                        + " several comma-separated"))
                .arg(Arg.str("default_release").aliases("default-release").description("the release to prefer (-t), as apt-get -t"))
                .arg(Arg.bool("install_recommends").aliases("install-recommends")
                        .description("install recommended packages (unset: the host's apt configuration decides)"))
                .arg(Arg.bool("force").defaultValue(false).description("--force-yes (implies allow_unauthenticated and allow_downgrade);"
                        + " destructive"))
                .arg(Arg.raw("upgrade").defaultValue("no")
                        .description("upgrade installed packages: no, yes or safe (apt-get upgrade --with-new-pkgs, aptitude safe-upgrade"
                                + " where the host has aptitude), full, dist (apt-get dist-upgrade)"))
                .arg(Arg.str("dpkg_options").defaultValue("force-confdef,force-confold").description("dpkg options, comma-separated"))
                .arg(Arg.bool("autoremove").defaultValue(false).description("remove dependencies no longer needed (--auto-remove; alone:"
                        + " apt-get autoremove)"))
                .arg(Arg.bool("autoclean").defaultValue(false).description("alone: apt-get autoclean (package files that can no longer be"
                        + " downloaded)"))
                .arg(Arg.bool("fail_on_autoremove").defaultValue(false).description("fail rather than remove a package (--no-remove)"))
                .arg(Arg.integer("policy_rc_d").description("not supported: refused before the run"))
                .arg(Arg.bool("only_upgrade").defaultValue(false).description("upgrade only packages that are installed (--only-upgrade)"))
                .arg(Arg.bool("force_apt_get").defaultValue(false).description("use apt-get where the host also has aptitude"))
                .arg(Arg.bool("clean").defaultValue(false).description("apt-get clean first"))
                .arg(Arg.bool("allow_unauthenticated").defaultValue(false).aliases("allow-unauthenticated")
                        .description("install packages that cannot be authenticated (--allow-unauthenticated)"))
                .arg(Arg.bool("allow_downgrade").defaultValue(false).aliases("allow-downgrade", "allow_downgrades", "allow-downgrades")
                        .description("allow a version lower than the installed one (--allow-downgrades)"))
                .arg(Arg.bool("allow_change_held_packages").defaultValue(false)
                        .description("allow changing a held package (--allow-change-held-packages)"))
                .arg(Arg.integer("lock_timeout").defaultValue(60)
                        .description("seconds to wait for apt's or dpkg's lock another program holds"))
                .mutuallyExclusive("deb", "name", "upgrade");
    }

    @Override
    public String name() {
        return "apt";
    }

    @Override
    public ArgSpec spec() {
        return SPEC;
    }

    @Override
    public String description() {
        return "Install, upgrade or remove Debian packages (apt-get, dpkg) on the host";
    }

    @Override
    public void checkWritten(WrittenArgs args) {
        check(args.literal("policy_rc_d").orElse(null), args.literal("upgrade").orElse(null), args.literal("deb").orElse(null),
                args::position);
    }

    @Override
    public Result run(ModuleContext ctx) throws ModuleException, InterruptedException {
        check(ctx.args().raw("policy_rc_d"), ctx.args().raw("upgrade"), ctx.args().raw("deb"), ctx.args()::position);
        return new AptRun(ctx).run();
    }

    /** The upgrade mode as Ansible reads it: a YAML boolean is {@code yes} or {@code no}. */
    static String upgradeMode(Object value) {
        if (value == null) {
            return "no";
        }
        Boolean b = value instanceof String s && UPGRADES.contains(s) ? null : ArgValidator.parseBool(value);
        return b == null ? String.valueOf(value) : b ? "yes" : "no";
    }

    private static void check(Object policyRcD, Object upgrade, Object deb, java.util.function.Function<String, SourcePosition> at) {
        if (policyRcD != null) {
            throw new UserError(at.apply("policy_rc_d"), "argument 'policy_rc_d': not supported: write /usr/sbin/policy-rc.d with copy"
                    + " before the task and remove it after");
        }
        if (upgrade != null && !UPGRADES.contains(upgradeMode(upgrade))) {
            throw new UserError(at.apply("upgrade"), "value of upgrade must be one of: " + String.join(", ", UPGRADES) + ", got: " + upgrade);
        }
        if (deb != null) {
            checkDeb(String.valueOf(deb), at.apply("deb"));
        }
    }

    /** A {@code deb} that is a URL is refused: the engine installs files the host has. */
    static void checkDeb(String deb, SourcePosition at) {
        if (deb.contains("://")) {
            throw new UserError(at, "argument 'deb': a URL is not supported: download the file to the host with get_url first, then"
                    + " give its path");
        }
    }
}
