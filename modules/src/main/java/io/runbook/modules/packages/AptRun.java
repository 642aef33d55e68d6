package io.runbook.modules.packages;

import io.runbook.engine.module.Args;
import io.runbook.engine.module.ModuleContext;
import io.runbook.engine.module.ModuleException;
import io.runbook.engine.module.Result;
import io.runbook.modules.connection.Execution;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One run of the apt module, in the order of Ansible's {@code main}: clean, the cache update (when asked, or older
 * than {@code cache_valid_time}), then upgrade, a {@code deb}, the packages' state, autoclean/autoremove.
 */
final class AptRun {
    private final ModuleContext ctx;
    private final Args args;
    private final AptHost host;
    private final AptPackages packages;
    private final AptActions actions;
    private final AptOptions options;

    AptRun(ModuleContext ctx) throws ModuleException {
        this.ctx = ctx;
        this.args = ctx.args();
        this.options = AptOptions.of(args, ctx.checkMode());
        this.host = new AptHost(ctx, args.integer("lock_timeout"));
        this.packages = new AptPackages(host, options.defaultRelease());
        this.actions = new AptActions(host, packages, options, ctx.diffMode(), ctx::warn);
    }

    Result run() throws ModuleException, InterruptedException {
        host.probe();
        List<String> names = args.has("name") ? args.strings("name") : List.of();
        boolean nothingElse = names.isEmpty() && "no".equals(upgradeMode()) && !args.has("deb");
        if (args.bool("clean")) {
            // Ansible's module returns after a clean only when upgrade is unset, which its default 'no' never is
            actions.clean();
        }
        long cacheTime = host.probedCacheTime();
        boolean cacheUpdated = false;
        int validTime = args.integer("cache_valid_time");
        if (args.bool("update_cache") || validTime != 0) {
            if (cacheTime + validTime < System.currentTimeMillis() / 1000) {
                updateCache();
                long after = host.cacheTime();
                cacheUpdated = ctx.checkMode() || after != cacheTime;
                cacheTime = after;
            }
            if (nothingElse) {
                return Result.changed(cacheUpdated).with("cache_updated", cacheUpdated).with("cache_update_time", cacheTime);
            }
        }
        if (!"no".equals(upgradeMode())) {
            return actions.upgrade(upgradeMode(), args.bool("force_apt_get"));
        }
        String state = args.string("state");
        if (args.has("deb")) {
            if (!"present".equals(state)) {
                throw new ModuleException("deb only supports state=present");
            }
            List<String> debs = new ArrayList<>();
            for (String deb : args.string("deb").split(",")) {
                AptModule.checkDeb(deb, null);
                debs.add(host.resolve(deb, ctx.workDir()));
            }
            return new AptDeb(host, packages, actions, options, ctx.diffMode()).install(debs);
        }
        List<String> specs = names.stream().filter(n -> !"*".equals(n)).map(String::strip).toList();
        if ("latest".equals(state) && names.contains("*")) {
            if (!specs.isEmpty()) {
                throw new ModuleException("unable to install additional packages when upgrading all installed packages");
            }
            return actions.upgrade("yes", args.bool("force_apt_get"));
        }
        for (String spec : specs) {
            if (spec.chars().filter(c -> c == '=').count() > 1) {
                throw new ModuleException("invalid package spec: " + spec);
            }
        }
        if (specs.isEmpty()) {
            if (args.bool("autoclean")) {
                return actions.cleanup("autoclean");
            }
            if (args.bool("autoremove")) {
                return actions.cleanup("autoremove");
            }
        }
        if ("absent".equals(state)) {
            return actions.remove(specs);
        }
        Result r = actions.install(specs, "latest".equals(state), "build-dep".equals(state), "fixed".equals(state));
        return r.with("cache_updated", cacheUpdated).with("cache_update_time", cacheTime);
    }

    private String upgradeMode() {
        return AptModule.upgradeMode(args.raw("upgrade"));
    }

    /**
     * {@code apt-get update} (not in check mode), tried {@code update_cache_retries} times with Ansible's backoff
     * between tries ({@code 2^n} seconds and a random fraction, at most {@code update_cache_retry_max_delay}).
     */
    private void updateCache() throws ModuleException, InterruptedException {
        if (ctx.checkMode()) {
            return;
        }
        int retries = args.integer("update_cache_retries");
        int maxDelay = args.integer("update_cache_retry_max_delay");
        double random = ThreadLocalRandom.current().nextInt(1001) / 1000.0;
        String error = "";
        for (int retry = 0; retry < retries; retry++) {
            Execution e = host.run(List.of(host.required("apt-get"), "update", "-q"));
            if (e.rc() == 0 && e.stderr().lines().noneMatch(l -> l.startsWith("E: "))) {
                return;
            }
            error = fetchErrors(e.stderr());
            double delay = Math.pow(2, retry) + random;
            if (delay > maxDelay) {
                delay = maxDelay + random;
            }
            Thread.sleep((long) (delay * 1000));
        }
        throw new ModuleException("Failed to update apt cache: " + (error.isEmpty() ? "unknown reason" : error));
    }

    /** apt-get's error lines as python-apt's FetchFailedException words them ({@code E:…, W:…}). */
    private static String fetchErrors(String stderr) {
        return String.join(", ", stderr.lines().filter(l -> l.startsWith("E: ") || l.startsWith("W: "))
                .map(l -> l.substring(0, 2) + l.substring(3)).toList());
    }
}
