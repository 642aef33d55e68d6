/**
 * The lab: simulated Kubernetes clusters in this JVM that kubectl, Helm and fabric8 accept.
 *
 * <p>Entry points: {@link io.runbook.lab.Lab#start(io.runbook.lab.LabOptions)} starts the clusters,
 * {@link io.runbook.lab.LabCluster} seeds, feeds pod logs and injects failures,
 * {@link io.runbook.lab.LabController} adds simulated operators, and {@link io.runbook.lab.LabUp} is the body of
 * {@code lab up}. The API server lives in {@code io.runbook.lab.server}, the built-in controllers in
 * {@code io.runbook.lab.controllers}; neither is meant to be used from other modules.
 */
package io.runbook.lab;
