package io.runbook.modules.packages;

import io.runbook.engine.module.Args;

/**
 * The apt task's arguments that shape its apt-get command lines, read once: the words Ansible's module puts on
 * them ({@code --force-yes}, {@code --auto-remove}, {@code --simulate}, the dpkg options), so that the commands, and
 * the messages that quote them, are Ansible's.
 */
record AptOptions(String dpkgOptions, String rawDpkgOptions, boolean force, boolean purge, boolean autoremove,
                  boolean failOnAutoremove, boolean onlyUpgrade, Boolean installRecommends, boolean allowUnauthenticated,
                  boolean allowDowngrade, boolean allowChangeHeld, String defaultRelease, boolean check) {

    static AptOptions of(Args args, boolean check) {
        String raw = args.string("dpkg_options");
        return new AptOptions(expand(raw), raw, args.bool("force"), args.bool("purge"), args.bool("autoremove"),
                args.bool("fail_on_autoremove"), args.bool("only_upgrade"),
                args.has("install_recommends") ? args.bool("install_recommends") : null,
                args.bool("allow_unauthenticated"), args.bool("allow_downgrade"), args.bool("allow_change_held_packages"),
                args.has("default_release") ? args.string("default_release") : null, check);
    }

    /** {@code force-confdef,force-confold} → {@code -o "Dpkg::Options::=--force-confdef" -o "Dpkg::Options::=--force-confold"}. */
    static String expand(String compressed) {
        StringBuilder out = new StringBuilder();
        for (String option : compressed.split(",", -1)) {
            out.append(" -o \"Dpkg::Options::=--").append(option).append('"');
        }
        return out.toString().strip();
    }

    String forceYes() {
        return force ? "--force-yes" : "";
    }

    String simulate() {
        return check ? "--simulate" : "";
    }

    String autoRemove() {
        return autoremove ? "--auto-remove" : "";
    }

    String noRemove() {
        return failOnAutoremove ? "--no-remove" : "";
    }

    String purgeWord() {
        return purge ? "--purge" : "";
    }

    /** What Ansible appends to an install command line: the release, recommends, and the allow options. */
    String installSuffix() {
        StringBuilder s = new StringBuilder();
        if (defaultRelease != null) {
            s.append(" -t '").append(defaultRelease).append('\'');
        }
        if (Boolean.FALSE.equals(installRecommends)) {
            s.append(" -o APT::Install-Recommends=no");
        } else if (Boolean.TRUE.equals(installRecommends)) {
            s.append(" -o APT::Install-Recommends=yes");
        }
        if (allowUnauthenticated) {
            s.append(" --allow-unauthenticated");
        }
        if (allowDowngrade) {
            s.append(" --allow-downgrades");
        }
        if (allowChangeHeld) {
            s.append(" --allow-change-held-packages");
        }
        return s.toString();
    }
}
