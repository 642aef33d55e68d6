package io.runbook.modules.accounts;

import io.runbook.engine.module.ModuleException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The {@code useradd} and {@code usermod} command lines Ansible's Linux {@code user} module runs for a task, worked
 * out from what the host has: only what differs goes into {@code usermod}, so a second run has nothing to do.
 * A group the task names that the host lacks fails as Ansible's ({@code Group NAME does not exist}).
 */
final class UserCommands {
    private UserCommands() {
    }

    /**
     * {@code useradd}'s words for a user that is not there yet (the tool's name first); with {@code local}, luseradd's,
     * whose expiry and supplementary groups {@code after} gets (lchage, lgroupmod), as Ansible runs them.
     */
    static List<String> add(UserSpec spec, AccountSnapshot host, List<List<String>> after) throws ModuleException {
        boolean local = spec.local();
        List<String> cmd = new ArrayList<>(List.of(local ? "luseradd" : "useradd"));
        if (spec.uid() != null) {
            cmd.addAll(List.of("-u", String.valueOf(spec.uid())));
            if (spec.nonUnique()) {
                cmd.add("-o");
            }
        }
        if (spec.group() != null) {
            requireGroup(host, spec.group());
            cmd.addAll(List.of("-g", spec.group()));
        } else if (host.group(spec.name()).isPresent()) {
            // a group of the user's name already: useradd would fail making it (USERGROUPS_ENAB), so none is made
            cmd.add(local ? "-n" : "-N");
        }
        if (spec.groups() != null && !spec.groups().isEmpty()) {
            for (String g : spec.groups()) {
                requireGroup(host, g);
                if (local) {
                    after.add(List.of("lgroupmod", "-M", spec.name(), g));
                }
            }
            if (!local) {
                cmd.addAll(List.of("-G", String.join(",", spec.groups())));
            }
        }
        option(cmd, "-c", spec.comment());
        option(cmd, "-d", spec.home());
        option(cmd, "-s", spec.shell());
        if (spec.expires() != null && local) {
            after.add(0, lchage(spec));
        } else if (spec.expires() != null) {
            cmd.addAll(List.of("-e", spec.expires() < 0 ? "" : date(spec.expires()).toString()));
        }
        if (spec.password() != null) {
            cmd.addAll(List.of("-p", Boolean.TRUE.equals(spec.passwordLock()) ? "!" + spec.password() : spec.password()));
        }
        if (spec.createHome()) {
            if (!local) {
                cmd.add("-m");
            }
            option(cmd, "-k", spec.skeleton());
            if (spec.umask() != null) {
                cmd.addAll(List.of("-K", "UMASK=" + spec.umask()));
            }
        } else {
            cmd.add("-M");
        }
        if (spec.system()) {
            cmd.add("-r");
        }
        cmd.add(spec.name());
        return cmd;
    }

    /**
     * {@code usermod}'s words for what differs on {@code user}, or an empty list when nothing does; with {@code local},
     * lusermod's, the expiry and group changes going to {@code after} (lchage, lgroupmod -M/-m), as Ansible runs them.
     */
    static List<String> modify(UserSpec spec, PasswdEntry user, AccountSnapshot host, List<List<String>> after) throws ModuleException {
        List<String> cmd = new ArrayList<>();
        if (spec.uid() != null && spec.uid() != user.uid()) {
            cmd.addAll(List.of("-u", String.valueOf(spec.uid())));
            if (spec.nonUnique()) {
                cmd.add("-o");
            }
        }
        if (spec.group() != null) {
            GroupEntry primary = requireGroup(host, spec.group());
            if (primary.gid() != user.gid()) {
                cmd.addAll(List.of("-g", String.valueOf(primary.gid())));
            }
        }
        if (spec.groups() != null) {
            supplementary(spec, host, cmd, after);
        }
        if (spec.comment() != null && !spec.comment().equals(user.comment())) {
            cmd.addAll(List.of("-c", spec.comment()));
        }
        if (spec.home() != null && !spec.home().equals(user.home())) {
            cmd.addAll(List.of("-d", spec.home()));
            if (spec.moveHome()) {
                cmd.add("-m");
            }
        }
        if (spec.shell() != null && !spec.shell().equals(user.shell())) {
            cmd.addAll(List.of("-s", spec.shell()));
        }
        if (spec.local()) {
            List<String> expiry = new ArrayList<>();
            expiry(spec, host.shadow().expireDays(), expiry);
            if (!expiry.isEmpty()) {
                after.add(0, lchage(spec));
            }
        } else {
            expiry(spec, host.shadow().expireDays(), cmd);
        }
        password(spec, host.password(), cmd);
        if (cmd.isEmpty()) {
            return cmd;
        }
        cmd.add(0, spec.local() ? "lusermod" : "usermod");
        cmd.add(spec.name());
        return cmd;
    }

    /** {@code chage}'s words for a minimum or maximum password age that differs, or an empty list. */
    static List<String> passwordAge(UserSpec spec, ShadowEntry shadow) {
        List<String> cmd = new ArrayList<>();
        if (shadow == ShadowEntry.UNREADABLE) {
            return cmd;  // as Ansible, which then cannot tell and changes nothing
        }
        if (spec.passwordExpireMin() != null && spec.passwordExpireMin() != shadow.minDays()) {
            cmd.addAll(List.of("-m", String.valueOf(spec.passwordExpireMin())));
        }
        if (spec.passwordExpireMax() != null && spec.passwordExpireMax() != shadow.maxDays()) {
            cmd.addAll(List.of("-M", String.valueOf(spec.passwordExpireMax())));
        }
        if (!cmd.isEmpty()) {
            cmd.add(0, "chage");
            cmd.add(spec.name());
        }
        return cmd;
    }

    /** The supplementary groups: all of them replaced, or with {@code append} only missing ones added. */
    private static void supplementary(UserSpec spec, AccountSnapshot host, List<String> cmd, List<List<String>> after)
            throws ModuleException {
        List<String> current = host.memberships(spec.name());
        boolean needed = false;
        if (spec.groups().isEmpty()) {
            needed = !current.isEmpty() && !spec.append();
        } else {
            for (String g : spec.groups()) {
                requireGroup(host, g);
            }
            Set<String> difference = new LinkedHashSet<>(current);
            difference.addAll(spec.groups());
            difference.removeIf(g -> current.contains(g) && spec.groups().contains(g));
            if (!difference.isEmpty()) {
                needed = !spec.append() || spec.groups().stream().anyMatch(difference::contains);
                if (spec.append() && needed && !spec.local()) {
                    cmd.add("-a");  // lusermod has no --append
                }
            }
        }
        if (needed && spec.local()) {
            // libuser changes the groups' member lists: the missing ones added, without append the others left
            spec.groups().stream().filter(g -> !current.contains(g)).forEach(g -> after.add(List.of("lgroupmod", "-M", spec.name(), g)));
            if (!spec.append()) {
                current.stream().filter(g -> !spec.groups().contains(g)).forEach(g -> after.add(List.of("lgroupmod", "-m", spec.name(), g)));
            }
        } else if (needed) {
            cmd.addAll(List.of("-G", spec.groupsJoined()));
        }
    }

    /** libuser's expiry: days since 1970 (Python's floor division of the seconds; -1: never). */
    private static List<String> lchage(UserSpec spec) {
        long days = spec.expires() < 0 ? -1 : Math.floorDiv((long) Math.floor(spec.expires()), 86400L);
        return List.of("lchage", "-E", String.valueOf(days), spec.name());
    }

    private static void expiry(UserSpec spec, long currentDays, List<String> cmd) {
        if (spec.expires() == null) {
            return;
        }
        if (spec.expires() < 0) {
            if (currentDays >= 0) {
                cmd.addAll(List.of("-e", ""));
            }
        } else if (currentDays < 0 || !LocalDate.ofEpochDay(currentDays).equals(date(spec.expires()))) {
            cmd.addAll(List.of("-e", date(spec.expires()).toString()));
        }
    }

    /** A new hash (update_password: always) locked when asked; else the account is locked or unlocked as asked. */
    private static void password(UserSpec spec, String current, List<String> cmd) {
        if (spec.alwaysUpdatePassword() && spec.password() != null && !stripLock(current).equals(stripLock(spec.password()))) {
            cmd.addAll(List.of("-p", Boolean.TRUE.equals(spec.passwordLock()) ? "!" + spec.password() : spec.password()));
        } else if (Boolean.TRUE.equals(spec.passwordLock()) && !current.startsWith("!")) {
            cmd.add("-L");
        } else if (Boolean.FALSE.equals(spec.passwordLock()) && current.startsWith("!")) {
            cmd.add("-U");  // usermod refuses to unlock an account without a password; Ansible reports changed all the same
        }
    }

    private static String stripLock(String hash) {
        return hash.replaceFirst("^!+", "");
    }

    private static GroupEntry requireGroup(AccountSnapshot host, String group) throws ModuleException {
        return host.group(group).orElseThrow(() -> new ModuleException("Group " + group + " does not exist"));
    }

    private static void option(List<String> cmd, String flag, String value) {
        if (value != null) {
            cmd.addAll(List.of(flag, value));
        }
    }

    /** The UTC day of seconds since 1970, as Ansible's {@code time.gmtime} gives it to useradd/usermod {@code -e}. */
    private static LocalDate date(double epochSeconds) {
        return LocalDate.ofInstant(Instant.ofEpochSecond((long) Math.floor(epochSeconds)), ZoneOffset.UTC);
    }
}
