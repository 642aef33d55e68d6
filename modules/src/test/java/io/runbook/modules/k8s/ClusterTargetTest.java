package io.runbook.modules.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ClusterTargetTest {
    @Test
    void tildeIsExpandedAndContextAndNamespaceAreRead() {
        ClusterTarget t = ClusterTarget.of(Map.of("kubeconfig", "~/kc/prod.yaml", "kube_context", "cp-1", "namespace", "istio-system"), null, "/home/ops");
        assertEquals("/home/ops/kc/prod.yaml", t.kubeconfig());
        assertEquals("cp-1", t.context());
        assertEquals("istio-system", t.namespaceOrDefault());
    }

    @Test
    void withoutKubeconfigTheEnvironmentThenTheHomeConfigIsUsed() {
        assertEquals("/etc/a.yaml", ClusterTarget.of(Map.of(), "/etc/a.yaml", "/home/ops").kubeconfig());
        ClusterTarget two = ClusterTarget.of(Map.of(), "/etc/a.yaml::~/b.yaml:/etc/a.yaml", "/home/ops");
        assertTrue(two.isMerged());
        assertEquals(java.util.List.of("/etc/a.yaml", "/home/ops/b.yaml"), two.merged());
        assertEquals("/etc/a.yaml:/home/ops/b.yaml", two.kubeconfig());
        assertEquals(false, ClusterTarget.of(Map.of("kubeconfig", "/k"), "/etc/a.yaml:/etc/b.yaml", "/h").isMerged(),
                "the host's own kubeconfig wins over KUBECONFIG");
        ClusterTarget home = ClusterTarget.of(Map.of(), null, "/home/ops");
        assertEquals("/home/ops/.kube/config", home.kubeconfig());
        assertEquals("default", home.namespaceOrDefault());
    }

    @Test
    void aTasksKubeconfigComesWithItsOwnContextAndATasksContextAloneUsesTheHostsKubeconfig() {
        Map<String, Object> host = Map.of("kubeconfig", "/k/host.yaml", "kube_context", "cp-1", "namespace", "tsb");
        ClusterTarget own = ClusterTarget.of(ClusterTarget.withTaskArgs(host, "~/task.yaml", null), null, "/home/ops");
        assertEquals("/home/ops/task.yaml", own.kubeconfig());
        assertEquals(null, own.context(), "the task's kubeconfig's current context, not the host's cp-1");
        assertEquals("tsb", own.namespaceOrDefault());
        ClusterTarget context = ClusterTarget.of(ClusterTarget.withTaskArgs(host, null, "mgmt"), null, "/h");
        assertEquals("/k/host.yaml", context.kubeconfig());
        assertEquals("mgmt", context.context());
        assertEquals(host, ClusterTarget.withTaskArgs(host, null, null));
    }

    @Test
    void theRequestTimeoutDefaultsToThirtySecondsAndCanBeSetPerHost() {
        assertEquals(java.time.Duration.ofSeconds(30), ClusterTarget.of(Map.of(), null, "/h").requestTimeout());
        assertEquals(java.time.Duration.ofMinutes(2), ClusterTarget.of(Map.of("kube_request_timeout", "2m"), null, "/h").requestTimeout());
    }

    @Test
    void labIsAMarkerNotAFile() {
        assertTrue(ClusterTarget.of(Map.of("kubeconfig", "lab", "kube_context", "mgmt"), null, "/h").marker());
    }

    @Test
    void aModuleTakingKubernetesCoresArgumentsReadsK8sAuthVariablesWhenTheTaskGivesNone() {
        java.util.Map<String, String> env = Map.of("K8S_AUTH_KUBECONFIG", "/etc/dr.kubeconfig", "K8S_AUTH_CONTEXT", "standby");
        java.util.HashMap<String, Object> declared = new java.util.HashMap<>();
        declared.put("kubeconfig", null);
        declared.put("context", null);
        io.runbook.engine.module.Args without = new io.runbook.engine.module.Args(declared, java.util.Set.of(), Map.of(), null);
        assertEquals("/etc/dr.kubeconfig", ClusterTarget.taskArg(without, "kubeconfig", env::get));
        assertEquals("standby", ClusterTarget.taskArg(without, "context", env::get));
        declared.put("context", "primary");
        io.runbook.engine.module.Args given = new io.runbook.engine.module.Args(declared, java.util.Set.of("context"), Map.of(), null);
        assertEquals("primary", ClusterTarget.taskArg(given, "context", env::get), "the task's argument wins");
        io.runbook.engine.module.Args other = new io.runbook.engine.module.Args(Map.of(), java.util.Set.of(), Map.of(), null);
        assertEquals(null, ClusterTarget.taskArg(other, "kubeconfig", env::get), "a module without the argument keeps the host's cluster");
    }
}
