package io.runbook.modules.ssh;

import com.jcraft.jsch.HostKey;
import com.jcraft.jsch.HostKeyRepository;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.UserInfo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The host key check of one connection, over every known_hosts file of the {@link HostKeyPolicy} (plain and
 * hashed entries, {@code [host]:port} names; read with jsch's parser). It never lets jsch write a file:
 * only {@code accept-new} appends an unknown key, to the first file. What the server offered is kept, so a
 * refusal can name the key's fingerprint and the file to edit.
 */
final class KnownHostsCheck implements HostKeyRepository {
    private final HostKeyPolicy policy;
    private volatile Presented presented;

    /** The key a server offered and what the files said about it. */
    record Presented(String host, String type, String fingerprint, int verdict, String changedFile, int changedLine) {
    }

    KnownHostsCheck(HostKeyPolicy policy) {
        this.policy = policy;
    }

    Presented presented() {
        return presented;
    }

    HostKeyPolicy policy() {
        return policy;
    }

    @Override
    public int check(String host, byte[] key) {
        String type = HostKeyText.type(key);
        if (policy.mode() == HostKeyPolicy.Mode.OFF) {
            presented = new Presented(host, type, HostKeyText.fingerprint(key), OK, null, 0);
            return OK;
        }
        int verdict = NOT_INCLUDED;
        String changedFile = null;
        for (String file : policy.files()) {
            HostKeyRepository repo = load(file);
            if (repo == null) {
                continue;
            }
            int r = repo.check(host, key);
            if (r == OK) {
                verdict = OK;
                break;
            }
            if (r == CHANGED && changedFile == null) {
                verdict = CHANGED;
                changedFile = file;
            }
        }
        if (verdict == NOT_INCLUDED && policy.mode() == HostKeyPolicy.Mode.ACCEPT_NEW && append(host, key)) {
            verdict = OK;
        }
        int line = changedFile == null ? 0 : HostKeyText.lineOf(Path.of(changedFile), host, type);
        presented = new Presented(host, type, HostKeyText.fingerprint(key), verdict, changedFile, line);
        return verdict;
    }

    private static HostKeyRepository load(String file) {
        if (!Files.isRegularFile(Path.of(file))) {
            return null;
        }
        try {
            JSch reader = new JSch();
            reader.setKnownHosts(file);
            return reader.getHostKeyRepository();
        } catch (JSchException e) {
            return null;
        }
    }

    /** accept-new: the unknown key goes to the end of the first file, as ssh writes it. */
    private boolean append(String host, byte[] key) {
        Path file = Path.of(policy.files().get(0));
        String line = host + " " + HostKeyText.type(key) + " " + java.util.Base64.getEncoder().encodeToString(key) + "\n";
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void add(HostKey hostkey, UserInfo ui) {
        // never written behind the user's back (accept-new appends in check())
    }

    @Override
    public void remove(String host, String type) {
        // known_hosts files are the user's to edit
    }

    @Override
    public void remove(String host, String type, byte[] key) {
        // known_hosts files are the user's to edit
    }

    @Override
    public String getKnownHostsRepositoryID() {
        return String.join(", ", policy.files());
    }

    @Override
    public HostKey[] getHostKey() {
        return new HostKey[0];
    }

    /** The keys the files hold for {@code host}: jsch asks to prefer the key types it already knows. */
    @Override
    public HostKey[] getHostKey(String host, String type) {
        List<HostKey> out = new ArrayList<>();
        for (String file : policy.files()) {
            HostKeyRepository repo = load(file);
            if (repo != null) {
                HostKey[] keys = repo.getHostKey(host, type);
                if (keys != null) {
                    out.addAll(List.of(keys));
                }
            }
        }
        return out.toArray(HostKey[]::new);
    }
}
