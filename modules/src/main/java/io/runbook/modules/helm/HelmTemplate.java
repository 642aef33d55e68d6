package io.runbook.modules.helm;

import io.runbook.engine.error.UserError;
import io.runbook.engine.module.Arg;
import io.runbook.engine.module.ArgSpec;
import io.runbook.engine.module.ArgType;
import io.runbook.engine.module.Args;
import io.runbook.engine.module.Module;
import io.runbook.engine.module.ModuleContext;
import io.runbook.engine.module.ModuleException;
import io.runbook.engine.module.Result;
import io.runbook.engine.module.WrittenArgs;
import io.runbook.engine.vars.HomeDir;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * {@code helm_template} ({@code kubernetes.core.helm_template}): renders a chart as {@code helm template} does, with
 * kubernetes.core 2.4.0's arguments and registered result ({@code command}, {@code stdout}, {@code stderr}, {@code rc},
 * always {@code changed}; in check mode nothing is rendered and {@code stdout} is empty, as there). Helm runs in
 * process and reaches no cluster; a local chart is rendered from a private copy ({@link TemplateChart}) so that its
 * hooks and {@code crds/} are printed as the helm CLI prints them ({@link TemplateOutput}).
 */
public final class HelmTemplate implements Module {
    private static final ArgSpec SPEC = ArgSpec.builder()
            .arg(Arg.path("binary_path").description("ignored (with a warning): Helm runs in process"))
            .arg(Arg.str("chart_ref").required().description("a chart folder or .tgz (relative to the playbook), repo/chart, oci://…, or a chart name in chart_repo_url"))
            .arg(Arg.str("chart_repo_url").description("the repository to fetch the chart from (helm --repo); the user's repositories are not touched"))
            .arg(Arg.str("chart_version").description("the version of a chart from a repository or registry; default the newest"))
            .arg(Arg.bool("dependency_update").defaultValue(false).aliases("dep_up").description("fetch the chart's missing dependencies first (into the private copy: the chart's folder is not touched)"))
            .arg(Arg.bool("disable_hook").defaultValue(false).description("leave the chart's hooks out"))
            .arg(Arg.bool("include_crds").defaultValue(false).description("print the chart's crds/ first"))
            .arg(Arg.str("output_dir").description("write each template's documents to a file there instead of stdout (relative to the playbook)"))
            .arg(Arg.str("release_name").aliases("name").description("default release-name, as helm template"))
            .arg(Arg.str("release_namespace").description("default: HELM_NAMESPACE, else default"))
            .arg(Arg.dict("release_values").defaultValue(Map.of()).aliases("values").description("values, merged over values_files"))
            .arg(Arg.list("show_only").elements(ArgType.STR).defaultValue(List.of()).description("templates to print (chart-relative paths, globs as helm -s)"))
            .arg(Arg.list("values_files").elements(ArgType.STR).defaultValue(List.of()).description("read before release_values (relative to the playbook)"))
            .arg(Arg.bool("update_repo_cache").defaultValue(false).description("helm repo update of the user's repositories first"))
            .arg(Arg.list("set_values").elements(ArgType.DICT).description("entries {value: key=value, value_type: raw|string|json|file}"))
            .build();

    @Override
    public String name() {
        return "helm_template";
    }

    @Override
    public ArgSpec spec() {
        return SPEC;
    }

    @Override
    public String description() {
        return "kubernetes.core.helm_template: render a chart's templates (helm template) to stdout or output_dir";
    }

    @Override
    public boolean supportsCheckMode() {
        return true;
    }

    /** Values files and set_values written literally are checked when the playbook is read. */
    @Override
    public void checkWritten(WrittenArgs args) {
        ReleaseValues.checkWritten(args);
        CoreHelmRequest.checkSetValues(args.literal("set_values").orElse(null), args.position("set_values"));
    }

    @Override
    public Result run(ModuleContext ctx) throws ModuleException, InterruptedException {
        Args args = ctx.args();
        CoreHelmRequest.checkSetValues(args.raw("set_values"), args.position("set_values"));
        KubernetesCoreHelm.ignoreBinaryPath(ctx, "the engine runs Helm in process (helm-java)");
        String home = HomeDir.of(ctx.processEnvironment());
        String command = CoreHelmCommand.template(args, home);
        if (ctx.checkMode()) {
            return CoreHelmCommand.registered(Result.changed(), command, "", "", 0);
        }
        HelmAccess helm = new HelmAccess(ctx, null);
        if (args.bool("update_repo_cache")) {
            helm.updateRepositories();
        }
        ChartSource chart = CoreHelmRequest.chart(args, ctx.workDir(), home);
        requireKnownRepository(ctx, chart, home);
        Map<String, Object> values = ReleaseValues.merge(ctx, valuesFiles(args, ctx.workDir(), home), args.map("release_values"),
                CoreHelmRequest.setValues(ctx, args));
        ValuesMask.register(ctx, values);
        try (DeployFiles files = DeployFiles.of(castValues(chart.isLocal() ? TemplateChart.values(values) : values))) {
            TemplateRender render = new TemplateRender(ctx, helm, files, chart);
            TemplateOutput output = render.run(args);
            String stdout = write(args, ctx.workDir(), home, output);
            ReleaseManifest.registerSecrets(ctx, stdout);
            return CoreHelmCommand.registered(Result.changed(), command, stdout, "", 0);
        } catch (TemplateRender.Failure | TemplateOutput.NoSuchTemplate e) {
            return CoreHelmCommand.registered(Result.failed("helm template of " + chart.describe() + " failed: " + e.getMessage()), command, "",
                    "Error: " + e.getMessage() + "\n", 1);
        } catch (IOException e) {
            throw new ModuleException("helm template of " + chart.describe() + " failed: " + e.getMessage(), e);
        }
    }

    /** stdout: the rendered documents, or with output_dir the files written (show_only then finds nothing, as in Helm). */
    private static String write(Args args, Path workDir, String home, TemplateOutput output) throws IOException, TemplateOutput.NoSuchTemplate {
        String outputDir = args.string("output_dir");
        List<String> showOnly = args.strings("show_only");
        if (outputDir == null) {
            return showOnly.isEmpty() ? output.text() : TemplateOutput.showOnly(output.text(), showOnly);
        }
        String shown = HomeDir.expand(outputDir, home);
        String stdout = output.write(workDir.resolve(shown), shown);
        if (!showOnly.isEmpty()) {
            TemplateOutput.showOnly("\n", showOnly);
        }
        return stdout;
    }

    /**
     * A {@code repo/chart} without {@code chart_repo_url} names a repository the user has added (helm_repository, helm
     * repo add); else it is most likely a chart path with a mistake, and both readings are named at the argument.
     */
    private static void requireKnownRepository(ModuleContext ctx, ChartSource chart, String home) throws InterruptedException {
        if (chart.kind() != ChartSource.Kind.REPOSITORY || chart.repoUrl() != null) {
            return;
        }
        Path repositories = HelmHome.repositoryConfig(ctx);
        boolean known;
        try {
            known = HelmCommands.listRepositories(repositories).stream().anyMatch(r -> r.name().equals(chart.repositoryName()));
        } catch (RuntimeException e) {
            return;  // a repositories file Helm cannot read: Helm's own error says so when it renders
        }
        if (!known) {
            throw new UserError(ctx.args().position("chart_ref"), "chart_ref '" + chart.reference() + "' is neither a chart folder"
                    + " or .tgz (there is no " + ctx.workDir().resolve(HomeDir.expand(chart.reference(), home)).normalize() + ") nor repo/chart of a Helm"
                    + " repository you have added (" + repositories + " has no repository '" + chart.repositoryName()
                    + "': add it with helm_repository, or give chart_repo_url)");
        }
    }

    private static List<Path> valuesFiles(Args args, Path workDir, String home) {
        return args.strings("values_files").stream().map(f -> workDir.resolve(HomeDir.expand(f, home)).normalize()).toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castValues(Object values) {
        return (Map<String, Object>) values;
    }
}
