package io.runbook.modules.ssh;

import com.jcraft.jsch.JSchChangedHostKeyException;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.JSchUnknownHostKeyException;
import io.runbook.engine.module.ModuleException;
import java.io.FileNotFoundException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * Why an SSH login failed, as one line that names the server and the cause a person can act on: refused
 * authentication (with what was tried), refused or unanswered connections, an unknown or changed host key
 * (with its fingerprint and the file to edit), a jump host that failed. Never a password or passphrase.
 */
final class SshFailure {
    /** What to do when no key, agent or password was there to log in with. */
    private static final String NO_KEY = "no key, no agent and no password: set ansible_ssh_private_key_file";
    /** Ansible's words when sshpass meets a second password prompt (its exit 5). */
    private static final String SECOND_PROMPT = "Invalid/incorrect password:";

    private SshFailure() {
    }

    /**
     * The target's failure when its jump host {@code hop} could not be logged in to ({@code e}): a ProxyJump hop with no
     * key is pointed to the ssh config, as ssh gives the hop none of the -o options Ansible writes.
     */
    static ModuleException throughJump(SshTarget target, ModuleException e) {
        if (e.getMessage().startsWith(SECOND_PROMPT)) {
            return e;  // sshpass's failure is the whole command's, whichever hop asked twice
        }
        String hop = e.getMessage().replaceFirst("^cannot connect to ", "").replace(NO_KEY, "no key, no agent and no password: give the"
                + " jump host an IdentityFile in the ssh config (ssh passes no ansible_ssh_private_key_file to a ProxyJump host)");
        return ModuleException.unreachable("cannot connect to " + target.endpoint().describe() + " over SSH: through jump host " + hop, e);
    }

    static ModuleException login(Exception e, SshTarget target, KnownHostsCheck keys, Prompts prompts) {
        String who = target.endpoint().describe();
        if (prompts.secondPrompt()) {
            return ModuleException.unreachable(SECOND_PROMPT + " (as Ansible's ssh ends: sshpass answers one password prompt of the ssh"
                    + " command, here a jump host's (" + String.join(", ", target.jumps().stream().map(Endpoint::describe).toList())
                    + "), and takes " + who + "'s as a wrong password; give the jump host or the target a key)", e);
        }
        Throwable jump = find(e, ChannelProxy.JumpFailure.class);
        if (jump != null) {
            return ModuleException.unreachable("cannot connect to " + who + " over SSH: " + jump.getMessage(), e);
        }
        return ModuleException.unreachable("cannot connect to " + who + " over SSH" + via(target) + ": " + reason(e, target, keys, prompts), e);
    }

    private static String via(SshTarget target) {
        return target.jumps().isEmpty() ? "" : " (via " + target.jumps().get(target.jumps().size() - 1).describe() + ")";
    }

    private static String reason(Exception e, SshTarget target, KnownHostsCheck keys, Prompts prompts) {
        Endpoint ep = target.endpoint();
        if (e instanceof JSchUnknownHostKeyException || e instanceof JSchChangedHostKeyException) {
            return hostKey(keys.presented(), keys.policy(), ep);
        }
        String message = String.valueOf(e.getMessage());
        if (message.startsWith("Auth fail") || message.startsWith("Auth cancel") || message.contains("USERAUTH fail")
                || message.contains("Too many authentication failures")) {
            return notes(target) + "authentication refused (tried " + tried(target, prompts) + "); check ansible_user and that the key is in "
                    + ep.user() + "'s authorized_keys";
        }
        return cause(e) + hint(e, ep, target);
    }

    /** ssh's words for the key files named that do not exist, as ssh prints them before it gives up ("no such identity: …; "), and the config lines not read. */
    private static String notes(SshTarget target) {
        List<String> missing = target.endpoint().notes();
        return missing.isEmpty() ? "" : String.join("; ", missing) + "; ";
    }

    private static String hint(Exception e, Endpoint ep, SshTarget target) {
        if (find(e, ConnectException.class) != null) {
            return " (is sshd running on " + ep.host() + " and is the port " + ep.port() + " right?)";
        }
        if (find(e, SocketTimeoutException.class) != null || String.valueOf(e.getMessage()).contains("timeout")) {
            return " within " + target.connectTimeout().toSeconds() + " s (is the host up and port " + ep.port() + " open to us?)";
        }
        return "";
    }

    /** The short cause of a connection problem: "connection refused", "no answer", "unknown host name x". */
    static String cause(Throwable e) {
        if (find(e, ConnectException.class) != null) {
            return "connection refused";
        }
        UnknownHostException unknown = find(e, UnknownHostException.class);
        if (unknown != null) {
            return "unknown host name " + unknown.getMessage() + " (it does not resolve; set ansible_host to its address)";
        }
        if (find(e, NoRouteToHostException.class) != null) {
            return "no route to host";
        }
        if (find(e, SocketTimeoutException.class) != null || String.valueOf(e.getMessage()).startsWith("timeout")) {
            return "no answer";
        }
        FileNotFoundException missing = find(e, FileNotFoundException.class);
        if (missing != null) {
            return "cannot read " + missing.getMessage();
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return text.replaceFirst("^java\\.[\\w.]+Exception: ", "");
    }

    private static String tried(SshTarget target, Prompts prompts) {
        List<String> ways = new ArrayList<>();
        for (String key : target.endpoint().identityFiles()) {
            ways.add("key " + key);
        }
        if (target.credentials().agentSocket() != null) {
            ways.add("the ssh-agent");
        }
        if (target.credentials().password() != null) {
            ways.add("a password");
        }
        String none = target.endpoint().notes().isEmpty() ? NO_KEY
                : "no other key, no agent and no password";
        String list = ways.isEmpty() ? none : String.join(", ", ways);
        return prompts.passphraseMissing() ? list + "; an encrypted key was skipped: add it to ssh-agent or set ansible_ssh_private_key_passphrase" : list;
    }

    private static String hostKey(KnownHostsCheck.Presented p, HostKeyPolicy policy, Endpoint ep) {
        if (p == null) {
            return "the host key was refused";
        }
        String first = policy.files().get(0);
        String scan = "ssh-keyscan" + (ep.port() == 22 ? "" : " -p " + ep.port()) + " -t " + keyscanType(p.type()) + " " + ep.host();
        if (p.verdict() == com.jcraft.jsch.HostKeyRepository.CHANGED) {
            return "the host key of " + p.host() + " has CHANGED: it now offers " + p.type() + " " + p.fingerprint()
                    + ", not the key in " + p.changedFile() + (p.changedLine() > 0 ? " line " + p.changedLine() : "")
                    + "; nothing was run. If the host was rebuilt, check the new fingerprint with its owner, then replace the old key"
                    + " (ssh-keygen -f " + p.changedFile() + " -R '" + p.host() + "'; " + scan + " >> " + p.changedFile()
                    + "); otherwise someone may be intercepting the connection";
        }
        return "the host key of " + p.host() + " is not known: it offers " + p.type() + " " + p.fingerprint() + ", which is not in "
                + String.join(" or ", policy.files()) + "; nothing was run. Check the fingerprint with the host's owner, then add it ("
                + scan + " >> " + first + "), or " + (ep.hostKeys() != null ? "give the jump host a UserKnownHostsFile (or StrictHostKeyChecking"
                + " no) in the ssh config: ssh checks a ProxyJump host's key as the ssh config says, not as host_key_checking or the"
                + " target's options" : "set host_key_checking = False in ansible.cfg");
    }

    /** ssh-keyscan's name for a key type: ed25519, ecdsa, rsa, dsa. */
    private static String keyscanType(String type) {
        if (type.startsWith("ecdsa-")) {
            return "ecdsa";
        }
        if (type.equals("ssh-rsa") || type.startsWith("rsa-")) {
            return "rsa";
        }
        return type.equals("ssh-dss") ? "dsa" : type.replace("ssh-", "");
    }

    static <T extends Throwable> T find(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    static boolean isJsch(Throwable e) {
        return e instanceof JSchException;
    }
}
