package io.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The config lookup: this run's values of the Ansible settings the engine uses (from the environment and ansible.cfg,
 * not the command line's: {@code ANSIBLE_FORKS=11} is DEFAULT_FORKS with {@code -f 7}, as in Ansible), the ssh
 * connection's from ansible.cfg and the host's variables, and Ansible's handling of missing settings and bad options.
 * (The csvfile lookup is compared with ansible-playbook in {@code parity/lookup_csvfile.yml}.)
 */
class ConfigLookupTest {
    @Test
    void settingsOfTheRunAndMissingOnesAsInAnsible() {
        RunResult r = EngineRun.cli(Map.of("ANSIBLE_FORKS", "11", "ANSIBLE_INVENTORY", "hosts-from-env", "ANSIBLE_VARS_ENABLED", ""),
                EngineRun.fixture("lookups/config.yml"), "-i", "localhost,", "-c", "local", "-f", "7");
        assertEquals(0, r.exitCode(), r.toString());
        r.assertRecap("localhost", 7, 0, 0, 0, 0, 0, 3);
        assertTrue(Warnings.of(r.err()).contains("[WARNING]: Skipping, did not find setting NOT_A_SETTING"), r.toString());
    }

    /**
     * ansible.cfg's collections_path, host_key_checking = maybe (false), vault_identity_list (which opens the play's
     * vaulted variable), vault_encrypt_identity and [ssh_connection] ssh_common_args, answered as ansible-playbook
     * answers them: the playbook's asserts pass in ansible-playbook 2.14 with the same file and environment.
     */
    @Test
    void settingsOfAnsibleCfgAsAnsibleReadsThem() {
        RunResult r = EngineRun.cli(Map.of("ANSIBLE_CONFIG", EngineRun.fixture("lookups/config-cfg/ansible.cfg"),
                        "ANSIBLE_STDOUT_CALLBACK", "default", "ANSIBLE_FORKS", "9"),
                EngineRun.fixture("lookups/config-cfg.yml"), "-i", "localhost,", "-c", "local", "-f", "3");
        assertEquals(0, r.exitCode(), r.toString());
        r.assertRecap("localhost", 4, 0, 0, 0, 0, 0, 0);
    }

    /**
     * The options of the builtin plugins the engine knows (sh, local, ssh, sudo, su, default) and Ansible's base
     * settings the engine does not use, as ansible-core's configuration gives them: from the environment, the defaults
     * and the host's variables, with Ansible's messages for a missing option or plugin and for ConfigManager; the
     * playbook's asserts pass in ansible-playbook 2.14 with the same environment.
     */
    @Test
    void optionsOfTheBuiltinPluginsAsAnsiblesConfiguration() {
        RunResult r = EngineRun.cli(Map.of("ANSIBLE_SYSTEM_TMPDIRS", "/var/tmp,/srv/tmp", "ANSIBLE_BECOME_FLAGS", "-H -S",
                        "ANSIBLE_TIMEOUT", "17"),
                EngineRun.fixture("lookups/config-plugins.yml"), "-i", "localhost,", "-c", "local");
        assertEquals(0, r.exitCode(), r.toString());
        r.assertRecap("localhost", 7, 0, 0, 0, 0, 0, 3);
    }

    /**
     * The options a Python lookup plugin of the playbook's lookup_plugins/ declares in its DOCUMENTATION, from
     * ansible.cfg, the environment, its defaults and the host's variables, before the plugin ever ran; Ansible's
     * messages for an option it does not declare and for a plugin that is not there. The playbook's asserts pass in
     * ansible-playbook 2.14 with the same environment.
     */
    @Test
    void optionsOfAPythonPluginAsAnsibleCoreGivesThem() {
        RunResult r = EngineRun.cli(Map.of("ANSIBLE_CONFIG", EngineRun.fixture("lookups/config-python/ansible.cfg"),
                        "GREET_TIMES", "5"),
                EngineRun.fixture("lookups/config-python/playbook.yml"), "-i", "localhost,", "-c", "local");
        assertEquals(0, r.exitCode(), r.toString());
        r.assertRecap("localhost", 6, 0, 0, 0, 0, 0, 2);
        assertTrue(r.out().contains("Unable to load lookup plugin \\\"nosuchlookup\\\""), r.toString());
    }

    /**
     * Ansible's base settings that the engine does not use, set in ansible.cfg, answered as ansible-playbook answers
     * them (read at the first lookup, not at start); one of them that must be a whole number and is given text that is
     * none refuses the run before it starts, as ansible-playbook 2.14 refuses it.
     */
    @Test
    void ansiblesOtherSettingsFromAnsibleCfg() {
        RunResult r = EngineRun.cli(Map.of("ANSIBLE_CONFIG", EngineRun.fixture("lookups/config-others/ansible.cfg")),
                EngineRun.fixture("lookups/config-others.yml"), "-i", "localhost,", "-c", "local");
        assertEquals(0, r.exitCode(), r.toString());
        r.assertRecap("localhost", 1, 0, 0, 0, 0, 0, 0);

        String bad = EngineRun.fixture("lookups/config-others/bad.cfg");
        RunResult refused = EngineRun.cli(Map.of("ANSIBLE_CONFIG", bad), EngineRun.fixture("lookups/config-others.yml"),
                "-i", "localhost,", "-c", "local");
        assertEquals(3, refused.exitCode(), refused.toString());
        assertTrue(refused.err().contains("context must be a whole number, not 'many'"), refused.toString());
        assertFalse(refused.out().contains("PLAY"), refused.toString());
    }
}
