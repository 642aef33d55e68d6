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
import io.runbook.modules.k8s.K8sArgs;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * {@code helm_repository} ({@code kubernetes.core.helm_repository}): adds or removes a chart repository in the user's
 * Helm repositories file ({@link HelmHome}), with kubernetes.core 2.4.0's arguments, decision and registered result,
 * on helm-java's repository commands. A later {@code helm} or {@code helm_release} task's {@code repo/chart} reads the
 * same file. No cluster is involved: the connection arguments are checked as {@code helm} checks them and not used.
 */
public final class HelmRepository implements Module {
    private static final ArgSpec SPEC = KubernetesCoreHelm.withConnection(ArgSpec.builder()
            .arg(Arg.str("repo_name").required().aliases("name"))
            .arg(Arg.str("repo_url").aliases("url").description("required with repo_state present"))
            .arg(Arg.str("repo_username").aliases("username").description("basic auth, with repo_password"))
            .arg(Arg.str("repo_password").aliases("password").secret().description("basic auth, with repo_username; never shown"))
            .arg(Arg.str("repo_state").defaultValue("present").choices("present", "absent").aliases("state"))
            .arg(Arg.bool("force_update").defaultValue(false).aliases("force").description("add again even when the repository is there (helm repo add --force-update)"))
            .arg(Arg.bool("pass_credentials").defaultValue(false).description("true is refused: helm-java cannot pass credentials to other domains")))
            .build();
    private static final ArgumentRefusal REFUSAL = HelmRepository::refuse;
    /** What {@code helm repo add} and {@code helm repo rm} print; kubernetes.core registers it as stdout. */
    private static final String ADDED = "\"%s\" has been added to your repositories\n";
    private static final String REMOVED = "\"%s\" has been removed from your repositories\n";

    @Override
    public String name() {
        return "helm_repository";
    }

    @Override
    public ArgSpec spec() {
        return SPEC;
    }

    @Override
    public String description() {
        return "kubernetes.core.helm_repository: add or remove a chart repository in the user's Helm repositories file";
    }

    @Override
    public void checkWritten(WrittenArgs args) {
        REFUSAL.beforeRun(SPEC, args);
    }

    @Override
    public Result run(ModuleContext ctx) throws ModuleException, InterruptedException {
        Args args = ctx.args();
        REFUSAL.inRun(args, "repo_name");
        KubernetesCoreHelm.ignoreBinaryPath(ctx, "the engine runs Helm in process (helm-java)");
        String name = args.string("repo_name");
        String url = args.string("repo_url");
        boolean present = "present".equals(args.string("repo_state"));
        boolean force = args.bool("force_update");
        Path config = HelmHome.repositoryConfig(ctx);
        HelmCommands.RepositoryEntry existing = existing(config, name);
        if (present && existing != null && !force && !url.equals(existing.url())) {
            return Result.failed("Repository already have a repository named " + name);
        }
        boolean changes = present ? existing == null || force : existing != null;
        if (ctx.checkMode()) {
            return Result.changed(changes);
        }
        if (!changes) {
            return Result.ok().with("repo_name", name).with("repo_url", url);
        }
        String command = command(args, present);
        String stdout;
        try {
            if (present) {
                HelmCommands.addRepository(config, name, URI.create(url), args.string("repo_username"), args.string("repo_password"));
                stdout = ADDED.formatted(name);
            } else {
                HelmCommands.removeRepository(config, name);
                stdout = REMOVED.formatted(name);
            }
        } catch (RuntimeException e) {
            return Result.failed("Failure when executing Helm command: " + HelmAccess.message(e)).with("command", command);
        }
        return Result.changed().with("stdout", stdout).with("stdout_lines", stdout.lines().toList()).with("stderr", "")
                .with("stderr_lines", List.of()).with("command", command);
    }

    private static HelmCommands.RepositoryEntry existing(Path config, String name) throws ModuleException, InterruptedException {
        try {
            return HelmCommands.listRepositories(config).stream().filter(r -> r.name().equals(name)).findFirst().orElse(null);
        } catch (RuntimeException e) {
            throw new ModuleException("cannot read the Helm repositories file " + config + ": " + HelmAccess.message(e));
        }
    }

    /** The helm command line kubernetes.core registers (the password as {@code ******}); nothing runs it. */
    private static String command(Args args, boolean present) {
        String helm = args.raw("binary_path") == null ? "helm" : String.valueOf(args.raw("binary_path"));
        if (!present) {
            return helm + " repo rm " + args.string("repo_name");
        }
        StringBuilder cmd = new StringBuilder(helm).append(" repo add ").append(args.string("repo_name")).append(' ').append(args.string("repo_url"));
        if (args.string("repo_username") != null && args.string("repo_password") != null) {
            cmd.append(" --username=").append(args.string("repo_username")).append(" --password=******");
        }
        if (args.bool("force_update")) {
            cmd.append(" --force-update");
        }
        return cmd.toString();
    }

    /** kubernetes.core's required_if and required_together, and what helm-java cannot do: before the run and in it. */
    private static void refuse(Function<String, Object> value, Predicate<String> given, Function<String, SourcePosition> at,
                               SourcePosition task) {
        // username and password are this module's aliases (of repo_username, repo_password), not a cluster's credentials
        K8sArgs.checkConnection(name -> SPEC.args().stream().anyMatch(a -> a.name().equals(name)) ? value.apply(name) : null, at);
        if (Boolean.TRUE.equals(ArgValidator.parseBool(value.apply("pass_credentials")))) {
            throw new UserError(at.apply("pass_credentials"), "pass_credentials is not supported: the engine runs Helm in process"
                    + " (helm-java), which cannot pass a repository's credentials to other domains; serve the charts from the"
                    + " repository's own host");
        }
        if (given.test("repo_username") != given.test("repo_password")) {
            throw new UserError(task, "parameters are required together: repo_username, repo_password");
        }
        // a templated state is known only when the task runs
        boolean present = !given.test("repo_state") || "present".equals(String.valueOf(value.apply("repo_state")));
        if (present && !given.test("repo_url")) {
            throw new UserError(task, "repo_state is present but all of the following are missing: repo_url");
        }
    }
}
