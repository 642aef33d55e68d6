package io.runbook.lab.tetrate;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Which of a run's settings the user gave explicitly (asked for, rather than left to defaults), and how the
 * user spells them, for messages. Only an explicit difference starts a kept estate over.
 */
public record EstateChoices(Set<String> chosen, Map<String, String> names, boolean options) {
    private static final Map<String, String> VARIABLES = Map.ofEntries(Map.entry("scenario", "lab_scenario"),
            Map.entry("signing_key_backup", "lab_signing_key_backup"), Map.entry("root_ca", "lab_root_ca"),
            Map.entry("postgres", "lab_postgres"), Map.entry("elastic", "lab_elastic"),
            Map.entry("clusters", "lab clusters"), Map.entry("management_cluster", "management cluster"),
            Map.entry("mesh", "mesh"), Map.entry("mp_fqdn", "mp_fqdn"), Map.entry("mp_zone", "mp_zone"));
    private static final Map<String, String> OPTIONS = Map.ofEntries(Map.entry("scenario", "--scenario"),
            Map.entry("signing_key_backup", "--signing-key-backup"), Map.entry("root_ca", "--root-ca"),
            Map.entry("postgres", "--postgres"), Map.entry("elastic", "--elastic"),
            Map.entry("clusters", "--clusters"), Map.entry("management_cluster", "management cluster"),
            Map.entry("mesh", "mesh"), Map.entry("mp_fqdn", "mp_fqdn"), Map.entry("mp_zone", "mp_zone"));

    public EstateChoices {
        chosen = Set.copyOf(chosen);
        names = Map.copyOf(names);
    }

    /** Everything asked for is chosen (a program that opens an estate means what it asks). */
    public static EstateChoices all() {
        return new EstateChoices(VARIABLES.keySet(), VARIABLES, false);
    }

    /** A playbook run: the variables given with {@code -e} are chosen ({@code lab_scenario}, {@code mesh}, …). */
    public static EstateChoices ofVariables(Set<String> extraVarNames) {
        return new EstateChoices(chosenOf(VARIABLES, extraVarNames), VARIABLES, false);
    }

    /** {@code lab up}: the options given on its command line are chosen ({@code --scenario}, {@code --root-ca}, …). */
    public static EstateChoices ofOptions(Set<String> optionsGiven) {
        return new EstateChoices(chosenOf(OPTIONS, optionsGiven), OPTIONS, true);
    }

    private static Set<String> chosenOf(Map<String, String> names, Set<String> given) {
        Set<String> out = new HashSet<>();
        names.forEach((key, name) -> {
            if (given.contains(name)) {
                out.add(key);
            }
        });
        return out;
    }

    String name(String key) {
        return names.getOrDefault(key, key);
    }

    /** How to ask for the value: {@code -e lab_scenario=x} or {@code --scenario x}. */
    String option(String key, String value) {
        String name = name(key);
        if (!name.matches("[-a-z_]+")) {
            return name + " " + value;
        }
        return options ? name + " " + value : "-e " + name + "=" + value;
    }
}
