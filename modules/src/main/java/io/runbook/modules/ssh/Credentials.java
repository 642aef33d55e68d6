package io.runbook.modules.ssh;

/**
 * How to authenticate, besides each endpoint's key files: a password ({@code ansible_ssh_pass}), the
 * passphrase of encrypted key files, and whether to ask the ssh-agent (its socket). Secrets are never part
 * of {@link #toString()}.
 */
record Credentials(String password, String passphrase, String agentSocket) {
    @Override
    public String toString() {
        return "Credentials[password=" + (password == null ? "none" : "set") + ", passphrase=" + (passphrase == null ? "none" : "set")
                + ", agent=" + agentSocket + "]";
    }
}
