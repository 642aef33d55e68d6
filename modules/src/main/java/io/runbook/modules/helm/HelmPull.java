package io.runbook.modules.helm;

import io.runbook.engine.error.SourcePosition;
import io.runbook.engine.error.UserError;
import io.runbook.engine.module.Arg;
import io.runbook.engine.module.ArgSpec;
import io.runbook.engine.module.ArgValidator;
import io.runbook.engine.module.Args;
import io.runbook.engine.module.Module;
import io.runbook.engine.module.ModuleContext;
import io.runbook.engine.module.ModuleException;
import io.runbook.engine.module.Result;
import io.runbook.engine.module.WrittenArgs;
import io.runbook.engine.vars.HomeDir;
import java.nio.file.Path;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * {@code helm_pull} ({@code kubernetes.core.helm_pull}): downloads a chart from a chart repository and, with
 * {@code untar_chart}, unpacks it, with kubernetes.core 2.4.0's arguments and registered result ({@code command},
 * {@code stdout}, {@code stderr}, {@code rc}; always {@code changed}, as there; in check mode nothing is fetched or
 * written). helm-java has no pull, so {@link ChartPull} does what {@code helm pull} does; what needs more than HTTP
 * (signature checks, OCI registries) is refused before the run.
 */
public final class HelmPull implements Module {
    private static final ArgSpec SPEC = ArgSpec.builder()
            .arg(Arg.str("chart_ref").required().description("a chart name in repo_url, repo/chart of a repository the user added, or the chart archive's absolute URL"))
            .arg(Arg.str("destination").required().description("the folder to write the chart to (relative to the playbook's folder)"))
            .arg(Arg.str("chart_version").description("a version or constraint (1.2.3, ^1.2, >=1.0 <2.0, 1.2.x); default the newest stable"))
            .arg(Arg.bool("chart_devel").description("take pre-release versions too (version >0.0.0-0); not with chart_version"))
            .arg(Arg.str("repo_url").aliases("url", "chart_repo_url").description("the chart repository to look chart_ref up in (helm pull --repo)"))
            .arg(Arg.str("repo_username").aliases("username", "chart_repo_username").description("basic auth, with repo_password"))
            .arg(Arg.str("repo_password").aliases("password", "chart_repo_password").secret().description("basic auth, with repo_username; never shown"))
            .arg(Arg.bool("pass_credentials").defaultValue(false).description("send the credentials to other hosts too (the chart's URL, redirects)"))
            .arg(Arg.bool("skip_tls_certs_check").defaultValue(false).description("no TLS certificate checks"))
            .arg(Arg.str("chart_ca_cert").description("a PEM bundle of the CAs to trust instead of the JDK's"))
            .arg(Arg.str("chart_ssl_cert_file").description("the client certificate (PEM), with chart_ssl_key_file"))
            .arg(Arg.str("chart_ssl_key_file").description("the client key (PEM), with chart_ssl_cert_file"))
            .arg(Arg.bool("untar_chart").defaultValue(false).description("unpack the chart into DESTINATION/NAME instead of keeping the .tgz"))
            .arg(Arg.bool("provenance").defaultValue(false).description("fetch the chart's .prov file too, without verifying it"))
            .arg(Arg.bool("verify_chart").defaultValue(false).description("true is refused: the engine does not check provenance signatures"))
            .arg(Arg.str("verify_chart_keyring").description("accepted for verify_chart, which is refused"))
            .arg(Arg.path("binary_path").description("ignored (with a warning): the engine pulls in process"))
            .mutuallyExclusive("chart_version", "chart_devel")
            .build();
    private static final ArgumentRefusal REFUSAL = HelmPull::refuse;

    @Override
    public String name() {
        return "helm_pull";
    }

    @Override
    public ArgSpec spec() {
        return SPEC;
    }

    @Override
    public String description() {
        return "kubernetes.core.helm_pull: download a chart from a chart repository and optionally unpack it (helm pull)";
    }

    @Override
    public boolean supportsCheckMode() {
        return true;
    }

    @Override
    public void checkWritten(WrittenArgs args) {
        REFUSAL.beforeRun(SPEC, args);
    }

    @Override
    public Result run(ModuleContext ctx) throws ModuleException, InterruptedException {
        Args args = ctx.args();
        REFUSAL.inRun(args, "chart_ref");
        KubernetesCoreHelm.ignoreBinaryPath(ctx, "the engine pulls charts in process");
        String home = HomeDir.of(ctx.processEnvironment());
        String command = CoreHelmCommand.pull(args, home);
        if (ctx.checkMode()) {
            return CoreHelmCommand.registered(Result.changed(), command, "", "", 0);
        }
        try {
            String stdout = ChartPull.run(request(ctx, args, home));
            return CoreHelmCommand.registered(Result.changed(), command, stdout, "", 0);
        } catch (ChartPull.Failure e) {
            return CoreHelmCommand.registered(Result.failed("Failure when executing Helm command: " + e.getMessage()), command, "",
                    "Error: " + e.getMessage() + "\n", 1);
        }
    }

    private static ChartPull.Request request(ModuleContext ctx, Args args, String home) {
        Boolean devel = args.raw("chart_devel") == null ? null : args.bool("chart_devel");
        String version = args.string("chart_version") != null && !args.string("chart_version").isEmpty() ? args.string("chart_version")
                : Boolean.TRUE.equals(devel) ? ">0.0.0-0" : null;
        return new ChartPull.Request(args.string("chart_ref"), version, blankToNull(args.string("repo_url")),
                args.string("repo_username"), args.string("repo_password"), args.bool("pass_credentials"),
                args.bool("skip_tls_certs_check"), path(ctx, args, "chart_ca_cert", home), path(ctx, args, "chart_ssl_cert_file", home),
                path(ctx, args, "chart_ssl_key_file", home), args.bool("untar_chart"), args.bool("provenance"),
                path(ctx, args, "destination", home), HelmHome.repositoryConfig(ctx), HelmHome.repositoryCache(ctx));
    }

    /** A path argument as kubernetes.core's (~ is the task's HOME), relative to the playbook's folder. */
    private static Path path(ModuleContext ctx, Args args, String name, String home) {
        String given = blankToNull(args.string(name));
        return given == null ? null : ctx.workDir().resolve(HomeDir.expand(given, home)).normalize();
    }

    private static String blankToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    /** kubernetes.core's required_by, and what the engine cannot do in process: before the run and in it. */
    private static void refuse(Function<String, Object> value, Predicate<String> given, Function<String, SourcePosition> at,
                               SourcePosition task) {
        for (String[] pair : new String[][] {{"repo_username", "repo_password"}, {"repo_password", "repo_username"}}) {
            if (given.test(pair[0]) && !given.test(pair[1])) {
                throw new UserError(task, "missing parameter(s) required by '" + pair[0] + "': " + pair[1]);
            }
        }
        if (Boolean.TRUE.equals(ArgValidator.parseBool(value.apply("verify_chart")))) {
            throw new UserError(at.apply("verify_chart"), "verify_chart is not supported: the engine pulls charts in process"
                    + " (helm-java has no pull) and does not check provenance signatures; use provenance: true to fetch the .prov"
                    + " file and verify it with gpg or helm verify");
        }
        Object ref = value.apply("chart_ref");
        if (ref instanceof String s && s.startsWith("oci://")) {
            throw new UserError(at.apply("chart_ref"), "chart_ref " + s + ": OCI registries are not supported by helm_pull: the"
                    + " engine pulls charts in process (helm-java has no pull) from HTTP(S) chart repositories only");
        }
    }
}
