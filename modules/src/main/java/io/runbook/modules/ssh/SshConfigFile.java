package io.runbook.modules.ssh;

import com.jcraft.jsch.ConfigRepository;
import com.jcraft.jsch.OpenSSHConfig;
import io.runbook.engine.module.ModuleException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * An OpenSSH client configuration ({@code ~/.ssh/config} or {@code -F FILE}), read with jsch's parser:
 * {@code Host} patterns with {@code HostName}, {@code User}, {@code Port}, {@code IdentityFile},
 * {@code ProxyJump}, {@code UserKnownHostsFile}, {@code StrictHostKeyChecking}, {@code HostKeyAlias},
 * {@code ConnectTimeout}.
 */
final class SshConfigFile {
    private static final SshConfigFile NONE = new SshConfigFile(null);
    private final ConfigRepository repository;

    private SshConfigFile(ConfigRepository repository) {
        this.repository = repository;
    }

    /** The configuration in {@code file}; none when the file does not exist and was not asked for by name. */
    static SshConfigFile read(Path file, boolean named) throws ModuleException {
        if (!Files.isRegularFile(file)) {
            if (named) {
                throw new ModuleException("ssh config file " + file + " (-F in ansible_ssh_common_args) does not exist");
            }
            return NONE;
        }
        try {
            return new SshConfigFile(OpenSSHConfig.parseFile(file.toString()));
        } catch (IOException | RuntimeException e) {
            throw new ModuleException("cannot read ssh config " + file + ": " + e.getMessage());
        }
    }

    /** The settings for the host as it was written (the name {@code Host} patterns match). */
    Entry forHost(String alias) {
        return new Entry(repository == null ? null : repository.getConfig(alias));
    }

    /** One host's settings; every getter returns null when the file does not set it. */
    record Entry(ConfigRepository.Config config) {
        String hostName() {
            return config == null ? null : config.getHostname();
        }

        String user() {
            return config == null ? null : config.getUser();
        }

        Integer port() {
            int p = config == null ? -1 : config.getPort();
            return p > 0 ? p : null;
        }

        String value(String key) {
            return config == null ? null : config.getValue(key);
        }

        List<String> identityFiles() {
            String[] files = config == null ? null : config.getValues("IdentityFile");
            return files == null ? List.of() : List.of(files);
        }
    }
}
