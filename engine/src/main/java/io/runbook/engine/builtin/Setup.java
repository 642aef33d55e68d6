package io.runbook.engine.builtin;

import io.runbook.engine.facts.FactGatherer;
import io.runbook.engine.module.Arg;
import io.runbook.engine.module.ArgSpec;
import io.runbook.engine.module.ArgType;
import io.runbook.engine.module.Module;
import io.runbook.engine.module.ModuleContext;
import io.runbook.engine.module.ModuleException;
import io.runbook.engine.module.Result;

/**
 * {@code setup}: gathers the host's facts (local facts for {@code ansible_connection: local}, a cluster's for a
 * Kubernetes host, ...). The result's {@code ansible_facts} become the host's facts.
 */
public class Setup implements Module {
    @Override
    public String name() {
        return "setup";
    }

    @Override
    public String description() {
        return "Gather the host's facts (local machine, cluster, or SSH host) into ansible_facts.";
    }

    @Override
    public ArgSpec spec() {
        return ArgSpec.builder()
                .arg(Arg.list("gather_subset").elements(ArgType.STR).defaultValue(java.util.List.of("all"))
                        .description("what to gather, as Ansible's collectors: all, min, a collector (hardware, network, virtual, env, ...) or a fact it gives (mounts, devices, ...); !name leaves one out"))
                .arg(Arg.list("filter").elements(ArgType.STR).defaultValue(java.util.List.of())
                        .description("only facts whose name (ansible_..., the prefix optional in a pattern) matches one of these shell patterns"))
                .arg(Arg.integer("gather_timeout").defaultValue(10).description("accepted for compatibility"))
                .arg(Arg.str("fact_path").description("where the host's custom facts (*.fact, into ansible_local) are; default /etc/ansible/facts.d"))
                .build();
    }

    @Override
    public Result run(ModuleContext ctx) throws ModuleException, InterruptedException {
        return new FactGatherer().gather(ctx);
    }
}
