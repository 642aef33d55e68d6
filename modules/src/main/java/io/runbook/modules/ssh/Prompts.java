package io.runbook.modules.ssh;

import com.jcraft.jsch.UIKeyboardInteractive;
import com.jcraft.jsch.UserInfo;

/**
 * Answers jsch's questions without a terminal: the password ({@code ansible_ssh_pass}) for password and
 * keyboard-interactive logins, the key passphrase for encrypted keys, and "no" to everything else (a run never
 * waits for a person). Records that an encrypted key was skipped, and whether the password was given, for the error
 * message and for the hosts behind a jump host. {@code spent}: a jump host of the chain took the password already, so
 * a prompt for it here is the second one, which Ansible's sshpass does not answer.
 */
final class Prompts implements UserInfo, UIKeyboardInteractive {
    private final String password;
    private final String passphrase;
    private volatile boolean passphraseMissing;
    private final boolean spent;
    private volatile boolean passwordGiven;
    private volatile boolean secondPrompt;

    Prompts(String password, String passphrase, boolean spent) {
        this.password = password;
        this.passphrase = passphrase;
        this.spent = spent;
    }

    /** Whether the password was given to the server (a login that then succeeded logged in with it). */
    boolean passwordGiven() {
        return passwordGiven;
    }

    /** Whether the server asked for the password after a jump host of the chain had taken it. */
    boolean secondPrompt() {
        return secondPrompt;
    }

    /** Whether the password may be given now; notes the second prompt when a jump host took it. */
    private boolean mayGivePassword() {
        if (password == null || passwordGiven) {
            return false;
        }
        if (spent) {
            secondPrompt = true;
            return false;
        }
        passwordGiven = true;
        return true;
    }

    boolean passphraseMissing() {
        return passphraseMissing;
    }

    @Override
    public String getPassphrase() {
        return passphrase;
    }

    @Override
    public String getPassword() {
        return password;
    }

    /** The password is offered once: asking again would only use up the server's MaxAuthTries. */
    @Override
    public boolean promptPassword(String message) {
        return mayGivePassword();
    }

    @Override
    public boolean promptPassphrase(String message) {
        if (passphrase == null) {
            passphraseMissing = true;
        }
        return passphrase != null;
    }

    @Override
    public boolean promptYesNo(String message) {
        return false;
    }

    @Override
    public void showMessage(String message) {
        // banners and notices have no terminal to go to
    }

    @Override
    public String[] promptKeyboardInteractive(String destination, String name, String instruction, String[] prompt, boolean[] echo) {
        if (prompt.length != 1 || echo[0] || !mayGivePassword()) {
            return null;
        }
        return new String[] {password};
    }
}
