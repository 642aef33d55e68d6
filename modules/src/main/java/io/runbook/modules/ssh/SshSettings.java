package io.runbook.modules.ssh;

import io.runbook.engine.module.ModuleException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Builds an {@link SshTarget} from a host's variables the way Ansible's ssh connection does: the variables
 * ({@code ansible_host}, {@code ansible_port}, {@code ansible_user}, {@code ansible_ssh_private_key_file},
 * {@code ansible_ssh_pass}, {@code ansible_ssh_args}/{@code _common_args}/{@code _extra_args}, {@code ansible_ssh_timeout},
 * {@code ansible_ssh_known_hosts_file}) and the options in the args are one ssh command line, in the order ansible-core
 * 2.14's {@code _build_command} writes it: {@code ssh_args}, then {@code -o Port=}, {@code -o IdentityFile=},
 * {@code -o User=}, {@code -o ConnectTimeout=} from the variables, then {@code ssh_common_args}, then
 * {@code ssh_extra_args}; as ssh reads it, the first value of an option wins, and the command line wins over the ssh
 * config file.
 */
final class SshSettings {
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    /**
     * ssh 9.2's usual keys, in its order, when no key file is named ({@code ssh -G}: id_rsa, id_ecdsa, id_ecdsa_sk,
     * id_ed25519, id_ed25519_sk, id_xmss, id_dsa) less the security-key and XMSS ones, which this client cannot use.
     */
    private static final List<String> DEFAULT_KEYS = List.of("id_rsa", "id_ecdsa", "id_ed25519", "id_dsa");
    private final Map<String, Object> vars;
    private final SshEnvironment env;
    private final SshArgs args;
    private final SshArgs sshArgs;
    private final SshConfigFile config;

    private SshSettings(Map<String, Object> vars, SshEnvironment env) throws ModuleException {
        this.vars = vars;
        this.env = env;
        // as Ansible's ssh command line: ssh_args, the options from variables, then the common args, then the extra args
        this.sshArgs = SshArgs.empty().read("ansible_ssh_args", text("ansible_ssh_args"));
        String key = keyVariable();
        this.args = SshArgs.empty().read("ansible_ssh_args", text("ansible_ssh_args"))
                .option("port", first(text("ansible_ssh_port"), text("ansible_port")))
                .option("identityfile", key == null ? null : env.ansiblePath(key).toString())
                .option("user", first(text("ansible_ssh_user"), text("ansible_user")))
                .option("connecttimeout", first(text("ansible_ssh_timeout"), text("ansible_timeout"), String.valueOf(DEFAULT_TIMEOUT.toSeconds())))
                .read("ansible_ssh_common_args", text("ansible_ssh_common_args"))
                .read("ansible_ssh_extra_args", text("ansible_ssh_extra_args"));
        if (args.destination() != null) {
            throw strayWord(args.destination());
        }
        String named = args.option("-f");
        this.config = SshConfigFile.of(named == null ? null : env.path(named), env);
    }

    /**
     * A word of the ssh args that is no option: ssh (as ansible-playbook runs it) takes it as the host to log in to, and
     * the host Ansible names as the command to run there; the host is unreachable here, with ssh's words when the word does
     * not resolve ("ssh: Could not resolve hostname controlpersist=60s: Name or service not known", as Ansible shows it).
     */
    private static ModuleException strayWord(String sourceAndWord) {
        String source = sourceAndWord.substring(0, sourceAndWord.indexOf(": "));
        String word = sourceAndWord.substring(source.length() + 2);
        String host = word.replaceFirst("^ssh://", "").replaceFirst("^.*@", "").replaceFirst(":[0-9]+$", "").toLowerCase(java.util.Locale.ROOT);
        String ssh;
        try {
            java.net.InetAddress.getByName(host);
            ssh = "ssh would log in to " + host + " and run the host's own name there as a command";
        } catch (java.net.UnknownHostException | SecurityException e) {
            ssh = "ssh: Could not resolve hostname " + host + ": Name or service not known";
        }
        String hint = word.matches("[A-Za-z]+=.*") ? " (did you mean -o " + word + "?)" : "";
        return ModuleException.unreachable(source + ": '" + word + "' is no ssh option: ssh takes it as the host to log in to,"
                + " as Ansible runs ssh (" + ssh + ")" + hint, null);
    }

    /** How to reach the host with these variables ({@code inventoryName} when it has no ansible_host). */
    static SshTarget target(Map<String, Object> vars, String inventoryName, SshEnvironment env) throws ModuleException {
        return new SshSettings(vars, env).target(inventoryName);
    }

    /**
     * How to reach a bastion written as {@code [user@]host[:port]}, or a chain {@code a,b} in ProxyJump form
     * (the last is the bastion, reached through the others), with the host's credentials and host key settings.
     */
    static SshTarget bastion(String spec, Map<String, Object> vars, SshEnvironment env) throws ModuleException {
        SshSettings s = new SshSettings(vars, env);
        List<Endpoint> chain = s.jumps(spec, "kube_ssh_tunnel", true);
        if (chain.isEmpty()) {
            throw new ModuleException("kube_ssh_tunnel is empty: write it as user@bastion[:port] (or a,b for several jumps)");
        }
        Endpoint last = chain.get(chain.size() - 1);
        return new SshTarget(last, chain.subList(0, chain.size() - 1), s.credentials(), s.hostKeys(last.name()), s.timeout());
    }

    /**
     * What is wrong with a bastion list written as for ProxyJump ({@code [user@]host[:port]}, {@code ssh://…},
     * comma-separated), or null: no host, an empty user, a port that is no number, spaces.
     */
    static String jumpListProblem(String spec) {
        for (String part : spec.split(",", -1)) {
            String t = part.trim();
            String problem = t.isEmpty() ? "an empty entry" : null;
            t = t.startsWith("ssh://") ? t.substring(6) : t;
            int at = t.lastIndexOf('@');
            if (problem == null && at == 0) {
                problem = "'" + part.trim() + "' has an empty user";
            }
            t = t.substring(at + 1);
            String host = t;
            String port = null;
            if (t.startsWith("[") && t.indexOf(']') > 0) {
                host = t.substring(1, t.indexOf(']'));
                port = t.length() > t.indexOf(']') + 1 ? t.substring(t.indexOf(']') + 2) : null;
            } else if (t.indexOf(':') >= 0) {
                host = t.substring(0, t.indexOf(':'));
                port = t.substring(t.indexOf(':') + 1);
            }
            if (problem == null && (host.isBlank() || t.chars().anyMatch(Character::isWhitespace))) {
                problem = "'" + part.trim() + "' is not [user@]host[:port]";
            }
            if (problem == null && port != null && !isPort(port)) {
                problem = "'" + part.trim() + "' has port '" + port + "', not a port number (1-65535)";
            }
            if (problem != null) {
                return problem + "; write [user@]host[:port], or a,b for several jumps";
            }
        }
        return null;
    }

    private static boolean isPort(String text) {
        return text.matches("[0-9]{1,5}") && Integer.parseInt(text) >= 1 && Integer.parseInt(text) <= 65535;
    }

    private SshTarget target(String inventoryName) throws ModuleException {
        // as ansible-core 2.14's ssh plugin reads its options: of an option's variables, the last one its list names
        // that is set wins, whatever the precedence of each (ansible_ssh_user over ansible_user, even from a group)
        String alias = first(text("ansible_ssh_host"), text("ansible_host"), inventoryName);
        SshConfigFile.Entry entry = config.forHost(alias, commandLine());
        String host = entry.hostName(alias);
        int port = port(args.option("port"), entry.port());
        String user = first(args.option("user"), entry.user(), env.localUser());
        List<String> keys = new ArrayList<>(args.identityFiles());
        keys.addAll(entry.identityFiles());
        List<String> missing = new ArrayList<>();
        Endpoint endpoint = new Endpoint(alias, user, host, port, identityFiles(keys, missing),
                yes(first(args.option("identitiesonly"), entry.value("IdentitiesOnly"))),
                first(args.option("hostkeyalias"), entry.value("HostKeyAlias")), missing);
        // ProxyJump and ProxyCommand compete: the first given wins, the command line's before the config file's
        boolean given = args.option("proxyjump") != null || args.option("proxycommand") != null;
        String jump = given ? args.option("proxyjump") : entry.value("ProxyJump");
        if (given ? args.option("proxycommand") != null : entry.value("ProxyCommand") != null) {
            throw new ModuleException("ProxyCommand is not supported for " + alias + ": use ProxyJump (-o ProxyJump=user@bastion or -J)");
        }
        return new SshTarget(endpoint, jump == null ? List.of() : jumps(jump, "ProxyJump", false), credentials(), hostKeys(alias), timeout());
    }

    /**
     * The options of ssh's command line a config file's {@code Match} sees and cannot change (the first value wins): as
     * Ansible writes them, the variables' and the args'.
     */
    private Map<String, String> commandLine() {
        Map<String, String> out = new java.util.HashMap<>();
        for (String key : List.of("user", "port", "hostname", "hostkeyalias", "proxyjump", "proxycommand")) {
            out.put(key, args.option(key));
        }
        return out;
    }

    /**
     * ProxyJump's list: {@code [user@]host[:port]} or {@code ssh://[user@]host[:port]}, comma-separated; {@code none} is
     * none. {@code withKey}: the key variable is the jump's too (the engine's own kube_ssh_tunnel bastion); a ProxyJump's
     * hop is ssh's own second ssh, to which ssh gives {@code -l}, {@code -p} and {@code -F} only (ssh -v: "Setting implicit
     * ProxyCommand from ProxyJump: ssh -l USER -p PORT -F FILE -W '[%h]:%p' JUMP"): not the {@code -o IdentityFile} Ansible
     * writes for ansible_ssh_private_key_file, so its keys are the config file's, or the usual ones.
     */
    private List<Endpoint> jumps(String spec, String what, boolean withKey) throws ModuleException {
        List<Endpoint> out = new ArrayList<>();
        if (spec.isBlank() || spec.equalsIgnoreCase("none")) {
            return out;
        }
        for (String part : spec.split(",")) {
            out.add(jump(part.trim(), what, withKey));
        }
        return out;
    }

    private Endpoint jump(String text, String what, boolean withKey) throws ModuleException {
        String t = text.startsWith("ssh://") ? text.substring(6) : text;
        String user = null;
        int at = t.lastIndexOf('@');
        if (at >= 0) {
            user = t.substring(0, at);
            t = t.substring(at + 1);
        }
        String port = null;
        if (t.startsWith("[")) {
            int close = t.indexOf(']');
            port = close > 0 && t.length() > close + 2 ? t.substring(close + 2) : null;
            t = close > 0 ? t.substring(1, close) : t;
        } else if (t.indexOf(':') > 0) {
            port = t.substring(t.indexOf(':') + 1);
            t = t.substring(0, t.indexOf(':'));
        }
        if (t.isBlank()) {
            throw new ModuleException(what + " '" + text + "' names no host: write [user@]host[:port]");
        }
        Map<String, String> jumpCommandLine = new java.util.HashMap<>();
        jumpCommandLine.put("user", user);
        jumpCommandLine.put("port", port);
        SshConfigFile.Entry entry = config.forHost(t, jumpCommandLine);
        List<String> keys = new ArrayList<>(entry.identityFiles());
        String keyVar = keyVariable();
        if (keyVar != null && withKey) {
            keys.add(env.ansiblePath(keyVar).toString());
        }
        List<String> missing = new ArrayList<>();
        return new Endpoint(t, first(user, entry.user(), env.localUser()), entry.hostName(t), port(port, entry.port()),
                identityFiles(keys, missing), yes(entry.value("IdentitiesOnly")), entry.value("HostKeyAlias"), missing,
                withKey ? null : hopHostKeys(entry));
    }

    private String keyVariable() {
        return first(text("ansible_ssh_private_key_file"), text("ansible_private_key_file"));
    }

    /**
     * The key files to offer: those named that exist, or, when none is named, the usual ones of OpenSSH 9.2 that exist.
     * A named one that does not exist is left out with ssh's words for it added to {@code missing}: {@code -i}'s
     * "Warning: Identity file … not accessible", IdentityFile's (also ansible_ssh_private_key_file's, which Ansible writes
     * as -o IdentityFile) "no such identity"; ssh goes on with the other keys, the agent and a password. As ssh reads its
     * arguments, a missing {@code -i} file is dropped there and then, so it does not count as named (the usual keys are
     * still tried), while a missing IdentityFile (or {@code IdentityFile none}) does count (checked with {@code ssh -G}).
     */
    private List<String> identityFiles(List<String> named, List<String> missing) {
        List<String> out = new ArrayList<>();
        boolean set = false;
        for (String k : named) {
            Path p = env.path(k);
            boolean flag = args.givenWithFlag(k);
            set |= !flag || Files.exists(p);
            if (k.equalsIgnoreCase("none") && !flag) {
                continue;
            }
            if (!Files.exists(p)) {
                String words = flag ? "Warning: Identity file " + p + " not accessible: No such file or directory."
                        : "no such identity: " + p + ": No such file or directory";
                if (!missing.contains(words)) {
                    missing.add(words);
                }
            } else if (!out.contains(p.toString())) {
                out.add(p.toString());
            }
        }
        if (!set) {
            for (String name : DEFAULT_KEYS) {
                Path p = env.home().resolve(".ssh").resolve(name);
                if (Files.isRegularFile(p)) {
                    out.add(p.toString());
                }
            }
        }
        return out;
    }

    private Credentials credentials() {
        String agent = env.environment().get("SSH_AUTH_SOCK");
        return new Credentials(first(text("ansible_ssh_password"), text("ansible_ssh_pass"), text("ansible_password")),
                text("ansible_ssh_private_key_passphrase"), agent == null || agent.isBlank() ? null : agent);
    }

    private HostKeyPolicy hostKeys(String alias) throws ModuleException {
        SshConfigFile.Entry entry = config.forHost(alias, commandLine());
        String known = first(text("ansible_ssh_known_hosts_file"), args.option("userknownhostsfile"), entry.value("UserKnownHostsFile"));
        // Ansible writes -o StrictHostKeyChecking=no after ssh_args when host_key_checking is off: ssh_args' own wins
        HostKeyChecking.Setting setting = env.hostKeyChecking();
        if (!setting.on() && sshArgs.option("stricthostkeychecking") == null) {
            return new HostKeyPolicy(HostKeyPolicy.Mode.OFF, knownHostsFiles(known), setting.source());
        }
        return hostKeys(known, first(args.option("stricthostkeychecking"), entry.value("StrictHostKeyChecking")));
    }

    /**
     * How a ProxyJump hop's key is checked: as its ssh config entry alone says (ssh -vvv: the hop reads
     * ~/.ssh/known_hosts when only the command line names another UserKnownHostsFile), none of the target's command
     * line ({@code -o UserKnownHostsFile}, {@code -o StrictHostKeyChecking=no}, host_key_checking = False's) nor
     * ansible_ssh_known_hosts_file; ssh's default {@code ask} has no terminal to ask on, so an unknown key refuses it.
     */
    private HostKeyPolicy hopHostKeys(SshConfigFile.Entry entry) {
        return hostKeys(entry.value("UserKnownHostsFile"), entry.value("StrictHostKeyChecking"));
    }

    private HostKeyPolicy hostKeys(String known, String strict) {
        List<String> files = knownHostsFiles(known);
        if (strict != null && (strict.equalsIgnoreCase("no") || strict.equalsIgnoreCase("off"))) {
            return new HostKeyPolicy(HostKeyPolicy.Mode.OFF, files, "StrictHostKeyChecking=" + strict);
        }
        if (strict != null && strict.equalsIgnoreCase("accept-new")) {
            return new HostKeyPolicy(HostKeyPolicy.Mode.ACCEPT_NEW, files, null);
        }
        return new HostKeyPolicy(HostKeyPolicy.Mode.STRICT, files, null);
    }

    /** UserKnownHostsFile's files ({@code known}, null: ssh's default ones). */
    private List<String> knownHostsFiles(String known) {
        List<String> files = new ArrayList<>();
        if (known != null) {
            for (String f : SshArgs.words(known)) {
                files.add(env.path(f).toString());
            }
        } else {
            files.add(env.home().resolve(".ssh/known_hosts").toString());
            files.add("/etc/ssh/ssh_known_hosts");
        }
        return files;
    }

    private Duration timeout() throws ModuleException {
        // always given (Ansible writes -o ConnectTimeout= before the common args): the config file's never counts
        String t = args.option("connecttimeout");
        try {
            return Duration.ofSeconds(Math.max(1, Long.parseLong(t.trim())));
        } catch (NumberFormatException e) {
            throw new ModuleException("ansible_timeout / ConnectTimeout must be a number of seconds, got '" + t + "'");
        }
    }

    private static int port(String given, Integer fromConfig) throws ModuleException {
        if (given == null) {
            return fromConfig == null ? 22 : fromConfig;
        }
        try {
            int p = Integer.parseInt(given.trim());
            if (p < 1 || p > 65535) {
                throw new NumberFormatException();
            }
            return p;
        } catch (NumberFormatException e) {
            throw new ModuleException("SSH port '" + given + "' is not a port number (1-65535)");
        }
    }

    /** An ssh yes/no option: {@code yes} (any case) is yes, as ssh reads it; anything else, or none, is no. */
    private static boolean yes(String value) {
        return value != null && value.equalsIgnoreCase("yes");
    }

    private String text(String name) {
        Object v = vars.get(name);
        if (v == null) {
            return null;
        }
        String s = String.valueOf(v).trim();
        return s.isEmpty() ? null : s;
    }

    @SafeVarargs
    private static <T> T first(T... values) {
        for (T v : values) {
            if (v != null) {
                return v;
            }
        }
        return null;
    }
}
