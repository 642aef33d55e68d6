package io.runbook.modules.helm;

import io.runbook.engine.module.Args;
import io.runbook.engine.module.ModuleContext;
import io.runbook.engine.module.ModuleException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * One {@code helm_template} rendering with helm-java: a local chart from its {@link TemplateChart} copy (a second
 * time when {@code dependency_update} fetched dependencies into it, so that theirs are renamed too), a chart from a
 * repository or registry as helm-java renders it, which is without hooks and {@code crds/} (said in a warning).
 */
final class TemplateRender {
    /** Helm refused to render: its own words. */
    static final class Failure extends Exception {
        Failure(String message) {
            super(message);
        }
    }

    private final ModuleContext ctx;
    private final HelmAccess helm;
    private final DeployFiles files;
    private final ChartSource chart;

    TemplateRender(ModuleContext ctx, HelmAccess helm, DeployFiles files, ChartSource chart) {
        this.ctx = ctx;
        this.helm = helm;
        this.files = files;
        this.chart = chart;
    }

    TemplateOutput run(Args args) throws ModuleException, InterruptedException, IOException, Failure {
        String name = args.string("release_name") == null ? "release-name" : args.string("release_name");
        String namespace = namespace(args);
        boolean hooks = !args.bool("disable_hook");
        boolean crds = args.bool("include_crds");
        boolean dependencies = args.bool("dependency_update");
        HelmCommands commands = helm.commands(files, chart);
        if (!chart.isLocal()) {
            if (hooks || crds) {
                ctx.warn("chart " + chart.describe() + " comes from a repository: helm-java renders only its release manifest,"
                        + " so its hooks and crds/ are not in stdout as helm template would print them; give the chart's folder"
                        + " or .tgz as chart_ref to render them too");
            }
            return new TemplateOutput(render(commands, null, name, namespace, dependencies), List.of(), hooks);
        }
        TemplateChart copy = TemplateChart.copy(chart.localPath(), files.resolve("chart"));
        String rendered = render(commands, copy.dir(), name, namespace, dependencies);
        if (dependencies && copy.takeFetchedDependencies()) {
            rendered = render(commands, copy.dir(), name, namespace, false);
        }
        return new TemplateOutput(rendered, crds ? copy.crds() : List.of(), hooks);
    }

    private String render(HelmCommands commands, Path dir, String name, String namespace, boolean dependencies)
            throws InterruptedException, Failure {
        try {
            return commands.template(chart, dir, name, namespace, files.values(), dependencies);
        } catch (RuntimeException e) {
            String said = TemplateChart.restored(HelmAccess.message(e));
            throw new Failure(dir == null ? said : said.replace(dir.toString(), chart.localPath().toString()));
        }
    }

    /** As the helm CLI: {@code -n}, else HELM_NAMESPACE (the task's environment, then the run's), else default. */
    private String namespace(Args args) {
        if (args.string("release_namespace") != null) {
            return args.string("release_namespace");
        }
        String set = ctx.processEnvironment().get("HELM_NAMESPACE");
        return set == null || set.isEmpty() ? "default" : set;
    }
}
