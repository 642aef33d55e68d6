package io.runbook.modules.ssh;

import com.jcraft.jsch.UIKeyboardInteractive;
import com.jcraft.jsch.UserInfo;

/**
 * Answers jsch's questions without a terminal: the password ({@code ansible_ssh_pass}) for password and
 * keyboard-interactive logins, the key passphrase for encrypted keys, and "no" to everything else (a run never
 * waits for a person). Records that an encrypted key was skipped, for the error message.
 */
final class Prompts implements UserInfo, UIKeyboardInteractive {
    private final String password;
    private final String passphrase;
    private volatile boolean passphraseMissing;
    private volatile boolean passwordGiven;

    Prompts(String password, String passphrase) {
        this.password = password;
        this.passphrase = passphrase;
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
        if (password == null || passwordGiven) {
            return false;
        }
        passwordGiven = true;
        return true;
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
        if (password == null || prompt.length != 1 || echo[0] || passwordGiven) {
            return null;
        }
        passwordGiven = true;
        return new String[] {password};
    }
}
