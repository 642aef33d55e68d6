package io.runbook.modules.k8s;

import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.runbook.engine.module.ArgSpec;
import io.runbook.engine.module.ModuleContext;
import io.runbook.engine.module.ModuleException;
import io.runbook.engine.module.Result;
import io.runbook.engine.module.WrittenArgs;

/**
 * A kubernetes.core module that only names its cluster with kubernetes.core's connection arguments
 * ({@link K8sArgs#withConnection}): the ones the engine does not take stop the run before it starts (literal values)
 * or when the task runs (templated ones), before {@link #read} does its work.
 */
abstract class KubernetesCoreModule extends K8sModule {
    private final String name;
    private final ArgSpec spec;
    private final String description;

    KubernetesCoreModule(String name, ArgSpec spec, String description) {
        this.name = name;
        this.spec = spec;
        this.description = description;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final ArgSpec spec() {
        return spec;
    }

    @Override
    public final String description() {
        return description;
    }

    @Override
    public final void checkWritten(WrittenArgs args) {
        K8sArgs.checkWrittenConnection(args);
        checkOwn(args);
    }

    /** The module's own arguments' mistakes that can be seen before the run (literal values); none by default. */
    void checkOwn(WrittenArgs args) {
    }

    /**
     * The kind {@code apiVersion}/{@code kind} names, as the cluster serves it, looked up as kubernetes.core's client does
     * (a group-less {@code v1} also finds {@code apps/v1}'s Deployment); kubernetes.core's failure when it serves none.
     */
    static ResourceDefinitionContext served(ClusterConnection conn, String apiVersion, String kind, boolean check) throws ModuleException {
        return conn.resolveAsKubernetesCore(apiVersion, kind, check).orElseThrow(() -> new ModuleException("Failed to find exact match for " + apiVersion
                + "." + kind + " by [kind, name, singularName, shortNames]"));
    }

    @Override
    final Result run(ModuleContext ctx, ClusterConnection conn) throws ModuleException, InterruptedException {
        K8sArgs.checkConnection(ctx.args()::raw, ctx.args()::position);
        return read(ctx, conn);
    }

    /** The module's work, once the connection arguments are known to be ones the engine takes. */
    abstract Result read(ModuleContext ctx, ClusterConnection conn) throws ModuleException, InterruptedException;
}
