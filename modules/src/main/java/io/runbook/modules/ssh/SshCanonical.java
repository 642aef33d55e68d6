package io.runbook.modules.ssh;

import io.runbook.engine.module.ModuleException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * ssh 9.2's hostname canonicalisation (ssh.c's resolve_canonicalize and check_follow_cname), between its two readings of
 * the config: with {@code CanonicalizeHostname yes} (only when neither ProxyCommand nor ProxyJump is set) or
 * {@code always}, a name of at most {@code CanonicalizeMaxDots} dots (default 1) is tried with each of
 * {@code CanonicalDomains} appended (as {@code NAME.DOMAIN.}, a name ending in a dot as it is), the first that resolves
 * being the host; its CNAME replaces it when a {@code CanonicalizePermittedCNAMEs} rule {@code SOURCES:TARGETS} matches
 * both. None resolving: the name as it is ({@code CanonicalizeFallbackLocal yes}, the default) or ssh's fatal
 * {@code Could not resolve host "NAME"}. With PermittedCNAMEs and no canonical name found, the bare name is resolved
 * and its CNAME followed the same way (not resolving: ssh's {@code Could not resolve hostname}). Names are resolved as
 * ssh resolves them, through the C library's getaddrinfo with AI_CANONNAME ({@code getent ahosts}); an address is left
 * as it is. Any CanonicalizeHostname other than {@code no} means the second reading of the config.
 */
final class SshCanonical {
    private SshCanonical() {
    }

    /** Whether the config asks for canonicalisation (so for a second reading). */
    static boolean enabled(SshConfigFile.Entry entry) {
        return !mode(entry).equals("no");
    }

    private static String mode(SshConfigFile.Entry entry) {
        String v = entry.value("CanonicalizeHostname");
        if (v == null) {
            return "no";
        }
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "yes", "true" -> "yes";
            case "always" -> "always";
            default -> "no";
        };
    }

    /** The host ssh logs in to after canonicalisation of {@code host} (already lower case, HostName applied). */
    static String canonicalize(String host, SshConfigFile.Entry entry, SshEnvironment env) throws ModuleException {
        if (isAddress(host)) {
            return host;
        }
        String mode = mode(entry);
        String proxyCommand = entry.value("ProxyCommand");
        boolean direct = (proxyCommand == null || proxyCommand.equalsIgnoreCase("none")) && entry.value("ProxyJump") == null;
        boolean allowed = mode.equals("always") || (mode.equals("yes") && direct);
        List<String[]> cnames = permittedCnames(entry);
        if (allowed) {
            String found = bySuffix(host, entry, env, cnames);
            if (found != null) {
                return found;
            }
        }
        if (!cnames.isEmpty() && (direct || mode.equals("always"))) {
            String cname = resolve(host, entry, env);
            if (cname == null) {
                if (direct) {
                    throw ModuleException.unreachable("ssh: Could not resolve hostname " + host + ": Name or service not known (as ssh says:"
                            + " CanonicalizePermittedCNAMEs has ssh resolve the name to follow its CNAME)", null);
                }
                return host;
            }
            return mode.equals("no") ? host : follow(host, cname, cnames);
        }
        return host;
    }

    /** The first {@code NAME.DOMAIN} (or {@code NAME.} as written) that resolves, its CNAME followed; null when none. */
    private static String bySuffix(String host, SshConfigFile.Entry entry, SshEnvironment env, List<String[]> cnames) throws ModuleException {
        List<String> tries = new ArrayList<>();
        if (host.endsWith(".")) {
            tries.add(host);
        } else if (host.chars().filter(c -> c == '.').count() <= maxDots(entry)) {
            for (String domain : words(entry.value("CanonicalDomains"))) {
                if (domain.equalsIgnoreCase("none")) {
                    break;
                }
                tries.add(host + "." + domain + ".");
            }
        } else {
            return null;
        }
        for (String full : tries) {
            String cname = resolve(full, entry, env);
            if (cname != null) {
                return follow(full.substring(0, full.length() - 1), cname, cnames);
            }
        }
        String fallback = entry.value("CanonicalizeFallbackLocal");
        if (fallback != null && (fallback.equalsIgnoreCase("no") || fallback.equalsIgnoreCase("false"))) {
            throw ModuleException.unreachable("ssh: Could not resolve host \"" + host + "\" (as ssh says: CanonicalizeFallbackLocal no,"
                    + " and no name of CanonicalDomains " + String.join(" ", words(entry.value("CanonicalDomains"))) + " resolves)", null);
        }
        return null;
    }

    /** check_follow_cname: the CNAME when a rule's sources match the name and its targets the CNAME, else the name. */
    private static String follow(String name, String cname, List<String[]> rules) {
        String target = cname.endsWith(".") ? cname.substring(0, cname.length() - 1) : cname;
        if (target.isEmpty() || target.equals(name)) {
            return name;
        }
        for (String[] rule : rules) {
            if (SshConfigMatch.patternList(rule[0], name, true) == 1 && SshConfigMatch.patternList(rule[1], target, true) == 1) {
                return target;
            }
        }
        return name;
    }

    private static int maxDots(SshConfigFile.Entry entry) {
        String v = entry.value("CanonicalizeMaxDots");
        return v != null && v.matches("[0-9]{1,9}") ? Integer.parseInt(v) : 1;
    }

    /** CanonicalizePermittedCNAMEs as {source patterns, target patterns} pairs; {@code none}: none. */
    private static List<String[]> permittedCnames(SshConfigFile.Entry entry) {
        List<String[]> out = new ArrayList<>();
        for (String rule : words(entry.value("CanonicalizePermittedCNAMEs"))) {
            if (rule.equalsIgnoreCase("none")) {
                return List.of();
            }
            int colon = rule.indexOf(':');
            out.add(rule.equals("*") ? new String[] {"*", "*"}
                    : new String[] {rule.substring(0, Math.max(colon, 0)).toLowerCase(Locale.ROOT), rule.substring(colon + 1).toLowerCase(Locale.ROOT)});
        }
        return out;
    }

    private static List<String> words(String value) {
        return value == null || value.isBlank() ? List.of() : List.of(value.strip().split("\\s+"));
    }

    /** ssh's is_addr_fast and numeric forms: a name only an address can be. */
    private static boolean isAddress(String host) {
        return host.contains(":") || host.contains("%") || host.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9'));
    }

    /** The canonical name getaddrinfo gives {@code name} (as ssh asks it: AddressFamily's family), or null when it does not resolve. */
    private static String resolve(String name, SshConfigFile.Entry entry, SshEnvironment env) throws ModuleException {
        String family = entry.value("AddressFamily") == null ? "" : entry.value("AddressFamily").toLowerCase(Locale.ROOT);
        List<String> cmd = new ArrayList<>(env.resolver());
        cmd.add(family.equals("inet") ? "ahostsv4" : family.equals("inet6") ? "ahostsv6" : "ahosts");
        cmd.add(name);
        try {
            Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0 || out.isBlank()) {
                return null;
            }
            String[] first = out.lines().findFirst().orElse("").strip().split("\\s+");
            return first.length >= 3 ? first[2] : "";
        } catch (IOException e) {
            throw ModuleException.unreachable("cannot resolve " + name + " for CanonicalizeHostname (" + e.getMessage() + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ModuleException.unreachable("resolving " + name + " for CanonicalizeHostname interrupted", e);
        }
    }
}
