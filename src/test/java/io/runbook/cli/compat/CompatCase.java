package io.runbook.cli.compat;

import java.util.List;
import java.util.Map;

/**
 * One run of the compatibility suite: a command line of a target's runme.sh (or, for a target without one, the
 * playbook ansible-test generates: its role on {@code testhost} with facts gathered), the tool it calls, the
 * environment it ran with, and the folder it ran in (relative to the target).
 */
record CompatCase(String target, Tool tool, List<String> args, Map<String, String> env, String cwd, boolean role) {

    /**
     * The Ansible command a run calls, the engine's command that stands for it, and what the suite compares of their
     * runs besides the exit code ({@link Recap}).
     */
    enum Tool {
        /** ansible-playbook, the engine's default command: the PLAY RECAP lines. */
        PLAYBOOK("ansible-playbook", null),
        /** ansible, the ad-hoc command ({@code engine.jar adhoc}): each host's outcome line, {@code host | CHANGED}. */
        ADHOC("ansible", "adhoc"),
        /** ansible-inventory ({@code engine.jar inventory}): what it prints, a JSON listing parsed. */
        INVENTORY("ansible-inventory", "inventory"),
        /**
         * A line of runme.sh that is no call of an Ansible command (a pexpect script that drives ansible-playbook at a
         * terminal, a pipe into grep), run by bash with the Ansible under test first on PATH: its exit code.
         */
        SCRIPT("script", null);

        final String command;
        final String engineCommand;

        Tool(String command, String engineCommand) {
            this.command = command;
            this.engineCommand = engineCommand;
        }

        /** The tool cases.yml names in a run's {@code tool:} (ansible-playbook when it names none). */
        /** Whether the run calls an Ansible command of Debian's ansible-core (not a script). */
        boolean isAnsible() {
            return this != SCRIPT;
        }

        static Tool named(String command) {
            for (Tool t : values()) {
                if (t.command.equals(command)) {
                    return t;
                }
            }
            throw new IllegalArgumentException("cases.yml: unknown tool '" + command + "' (ansible-playbook, ansible, ansible-inventory or script)");
        }
    }

    /**
     * Written in a setting of cases.yml (as {@code -F ${SSH_CONFIG}} in {@code ANSIBLE_SSH_ARGS}), an OpenSSH client
     * configuration in which {@code localhost} is the test sshd of {@code .ci/ssh-setup.sh}, logged in to as its test
     * user: what ansible-test's {@code needs/ssh} gives a target (an SSH login to localhost). {@code ${SSH_IT_PORT_B}},
     * {@code ${SSH_IT_USER}}, {@code ${SSH_IT_KEY}} (any variable of the servers' env file) are its values, for a
     * connection that reads no OpenSSH configuration (paramiko_ssh).
     */
    static final String SSH_CONFIG = "${SSH_CONFIG}";

    /** Whether the run logs in over SSH to localhost (a setting names {@link #SSH_CONFIG} or {@code ${SSH_IT_*}}): it needs the test sshd. */
    boolean needsSsh() {
        return env.values().stream().anyMatch(v -> v.contains(SSH_CONFIG) || v.contains("${SSH_IT_"));
    }

    /** A run of ansible-playbook. */
    CompatCase(String target, List<String> args, Map<String, String> env, String cwd, boolean role) {
        this(target, Tool.PLAYBOOK, args, env, cwd, role);
    }

    /** A short, unique name: target, then the tool when it is not ansible-playbook, then the arguments. */
    String id() {
        return target + (role ? " (role)" : (tool == Tool.PLAYBOOK ? "" : " " + tool.command) + " " + String.join(" ", args))
                + (env.isEmpty() ? "" : " " + env);
    }
}
