package io.runbook.engine.exec;

import java.util.Map;

/**
 * What {@code ansible_version} says: the ansible-core release whose semantics the engine follows, so playbooks that
 * test {@code ansible_version.full is version('2.14', '>=')} take the path they take under that release.
 */
final class AnsibleVersion {
    static final Map<String, Object> INFO = Map.of("full", "2.14.18", "major", 2, "minor", 14, "revision", 18,
            "string", "2.14.18");

    private AnsibleVersion() {
    }
}
