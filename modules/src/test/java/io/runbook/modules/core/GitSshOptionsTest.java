package io.runbook.modules.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The ssh options git gets in GIT_SSH_COMMAND, as ansible-core 2.14's set_git_ssh_env writes them. */
class GitSshOptionsTest {
    @Test
    void batchModeAlwaysHostKeyAndKeyFileWhenAsked() {
        assertEquals(" -o BatchMode=yes", GitRun.sshOptions(null, false, null, ""));
        assertEquals(" -o StrictHostKeyChecking=no -o BatchMode=yes  -i /home/ops/.ssh/deploy -o IdentitiesOnly=yes",
                GitRun.sshOptions("-o StrictHostKeyChecking=no", true, "/home/ops/.ssh/deploy", ""));
        assertEquals(" -o ConnectTimeout=5 -o BatchMode=yes", GitRun.sshOptions("-o ConnectTimeout=5", false, null, ""),
                "the options follow the environment's GIT_SSH_OPTS (empty here) after a space");
        assertEquals("-o BatchMode=yes -i k -o IdentitiesOnly=yes", GitRun.sshOptions(null, false, "k", "-o BatchMode=yes -i k"),
                "options already given are not repeated");
    }
}
