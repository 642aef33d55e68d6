package io.runbook.engine.module;

/**
 * What a task would change or changed: a label (such as {@code Secret tsb/iam-signing-key}) and the text
 * before and after, typically YAML. Secret values must already be masked by the module.
 */
public record Diff(String label, String before, String after) {
}
