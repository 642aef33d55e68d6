package io.runbook.modules.helm;

import io.runbook.engine.module.Args;
import java.util.Map;

/**
 * The helm command line kubernetes.core.helm 2.4.0 would have built for the task, which it registers as
 * {@code command}: {@code helm upgrade -i --reset-values …} (or {@code helm install … --replace}) for an install or
 * upgrade, {@code helm uninstall …} for a removal, and the bare binary (with {@code --version}/{@code --repo} when
 * present) when nothing changes. Nothing runs it: the engine runs Helm in process. The values file kubernetes.core
 * writes for {@code release_values} is shown as {@code -f=<release_values>}.
 */
final class CoreHelmCommand {
    private CoreHelmCommand() {
    }

    static String of(Args args, boolean present, boolean changes) {
        String helm = args.raw("binary_path") == null ? "helm" : String.valueOf(args.raw("binary_path"));
        if (!present) {
            return changes ? uninstall(args, helm) : helm;
        }
        StringBuilder cmd = new StringBuilder(helm);
        option(cmd, " --version=", args.string("chart_version"));
        option(cmd, " --repo=", args.string("chart_repo_url"));
        return changes ? deploy(args, cmd) : cmd.toString();
    }

    private static String deploy(Args args, StringBuilder cmd) {
        boolean replace = args.bool("replace");
        cmd.append(replace ? " install" + (args.bool("dependency_update") ? " --dependency-update" : "") : " upgrade -i --reset-values");
        if (args.bool("wait")) {
            cmd.append(" --wait");
            option(cmd, " --timeout ", args.raw("wait_timeout"));
        }
        flag(cmd, " --atomic", args.bool("atomic"));
        option(cmd, " --timeout ", args.raw("timeout"));
        flag(cmd, " --force", args.bool("force"));
        flag(cmd, " --replace", replace);
        flag(cmd, " --no-hooks", args.bool("disable_hook"));
        flag(cmd, " --create-namespace", args.bool("create_namespace"));
        for (Object file : args.list("values_files")) {
            cmd.append(" --values=").append(file);
        }
        Map<String, Object> values = args.map("release_values");
        flag(cmd, " -f=<release_values>", values != null && !values.isEmpty());
        flag(cmd, " --skip-crds", args.bool("skip_crds"));
        option(cmd, " --history-max=", args.raw("history_max"));
        setValues(cmd, args);
        return cmd.append(' ').append(args.string("release_name")).append(' ').append(args.raw("chart_ref")).toString();
    }

    /**
     * kubernetes.core.helm_template's command: {@code helm template [NAME] CHART} and its options in that module's
     * order, {@code chart_ref} and {@code output_dir} with {@code ~} expanded to {@code home} (they are path arguments).
     */
    static String template(Args args, String home) {
        StringBuilder cmd = new StringBuilder(binary(args, home)).append(" template ");
        option(cmd, "", args.string("release_name") == null ? null : args.string("release_name") + " ");
        cmd.append(io.runbook.engine.vars.HomeDir.expand(args.string("chart_ref"), home));
        flag(cmd, " --dependency-update", args.bool("dependency_update"));
        option(cmd, " --repo=", args.string("chart_repo_url"));
        option(cmd, " --version=", args.string("chart_version"));
        flag(cmd, " --no-hooks", args.bool("disable_hook"));
        option(cmd, " --output-dir=", args.string("output_dir") == null ? null : io.runbook.engine.vars.HomeDir.expand(args.string("output_dir"), home));
        for (Object template : args.list("show_only")) {
            cmd.append(" -s ").append(template);
        }
        for (Object file : args.list("values_files")) {
            cmd.append(" -f=").append(file);
        }
        option(cmd, " -n ", args.string("release_namespace"));
        Map<String, Object> values = args.map("release_values");
        flag(cmd, " -f=<release_values>", values != null && !values.isEmpty());
        flag(cmd, " --include-crds", args.bool("include_crds"));
        setValues(cmd, args);
        return cmd.toString();
    }

    /**
     * kubernetes.core.helm_pull's command: {@code helm pull CHART} and its options in that module's order (a value only
     * when it is not empty), path arguments with {@code ~} expanded to {@code home}, the password as Ansible shows a
     * no_log value ({@code ********}).
     */
    static String pull(Args args, String home) {
        StringBuilder cmd = new StringBuilder(binary(args, home)).append(" pull ").append(args.string("chart_ref")).append(' ');
        java.util.List<String> opts = new java.util.ArrayList<>();
        String[][] values = {{"chart_version", "version"}, {"verify_chart_keyring", "keyring"}, {"repo_url", "repo"},
                {"repo_username", "username"}, {"repo_password", "password"}, {"destination", "destination"},
                {"chart_ca_cert", "ca-file"}, {"chart_ssl_cert_file", "cert-file"}, {"chart_ssl_key_file", "key-file"}};
        java.util.Set<String> paths = java.util.Set.of("verify_chart_keyring", "destination", "chart_ca_cert", "chart_ssl_cert_file", "chart_ssl_key_file");
        for (String[] v : values) {
            String value = args.string(v[0]);
            if (value != null && !value.isEmpty()) {
                String shown = v[0].equals("repo_password") ? "********" : paths.contains(v[0]) ? io.runbook.engine.vars.HomeDir.expand(value, home) : value;
                opts.add("--" + v[1] + " " + shown);
            }
        }
        String[][] flags = {{"verify_chart", "verify"}, {"provenance", "prov"}, {"pass_credentials", "pass-credentials"},
                {"skip_tls_certs_check", "insecure-skip-tls-verify"}, {"chart_devel", "devel"}, {"untar_chart", "untar"}};
        for (String[] f : flags) {
            if (args.raw(f[0]) != null && args.bool(f[0])) {
                opts.add("--" + f[1]);
            }
        }
        return cmd.append(String.join(" ", opts)).toString();
    }

    private static String binary(Args args, String home) {
        return args.raw("binary_path") == null ? "helm" : io.runbook.engine.vars.HomeDir.expand(String.valueOf(args.raw("binary_path")), home);
    }

    /** The registered result of a kubernetes.core module that runs helm: its keys, with Ansible's *_lines beside stdout and stderr. */
    static io.runbook.engine.module.Result registered(io.runbook.engine.module.Result base, String command, String stdout, String stderr, int rc) {
        return base.with("command", command).with("stdout", stdout).with("stdout_lines", stdout.lines().toList())
                .with("stderr", stderr).with("stderr_lines", stderr.lines().toList()).with("rc", rc);
    }

    /** {@code set_values} as kubernetes.core writes them: {@code --set a=1}, {@code --set-string 'b=x'}, … */
    private static void setValues(StringBuilder cmd, Args args) {
        for (Object entry : args.list("set_values")) {
            Map<?, ?> set = (Map<?, ?>) entry;
            Object type = set.get("value_type") == null ? "raw" : set.get("value_type");
            cmd.append("raw".equals(type) ? " --set " + set.get("value") : " --set-" + type + " '" + set.get("value") + "'");
        }
    }

    private static String uninstall(Args args, String helm) {
        StringBuilder cmd = new StringBuilder(helm).append(" uninstall ");
        flag(cmd, " --keep-history", !args.bool("purge"));
        flag(cmd, " --no-hooks", args.bool("disable_hook"));
        flag(cmd, " --wait", args.bool("wait"));
        option(cmd, " --timeout ", args.raw("wait_timeout"));
        return cmd.append(' ').append(args.string("release_name")).toString();
    }

    private static void flag(StringBuilder cmd, String text, boolean on) {
        if (on) {
            cmd.append(text);
        }
    }

    private static void option(StringBuilder cmd, String text, Object value) {
        if (value != null) {
            cmd.append(text).append(value);
        }
    }
}
