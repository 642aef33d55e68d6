package io.runbook.lab.tetrate;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What a run does with the estate kept in a state directory when it asks for something else. Starting over
 * replaces the estate's clusters, zone, backups and keys, so it happens only when the run chose the difference
 * (a value given explicitly, e.g. with {@code -e}); a difference that comes from defaults (a {@code -e lab_…} the
 * estate was made with and this run left out) keeps the estate and says so; one that cannot be kept (other
 * clusters or names, not chosen) refuses the run, saying what differs and what to pass.
 */
final class KeptEstate {
    /** The identity fields a kept estate can keep while the run's own values differ. */
    private static final List<String> VARIANTS = List.of("scenario", "signing_key_backup", "root_ca", "postgres",
            "elastic");
    /** What an estate kept by an engine that did not know a variant yet was made with. */
    private static final Map<String, Object> EARLIER_DEFAULTS = Map.of("postgres", "ok", "elastic", "ok");

    /** Resume (with these settings), or start over; {@code notice} says what was decided when it was not plain. */
    record Decision(boolean resume, TetrateEstate.Settings settings, String notice) {
    }

    /** The estate cannot be used as asked and is left as it is. */
    static final class Mismatch extends IOException {
        private static final long serialVersionUID = 1L;

        Mismatch(String message) {
            super(message);
        }
    }

    private KeptEstate() {
    }

    static Decision decide(TetrateEstate.Settings asked, Map<String, Object> keptAsSaved, EstateChoices choices,
                           Path dir) throws Mismatch {
        Map<String, Object> wanted = asked.identity();
        if (keptAsSaved == null) {
            return new Decision(false, asked, null);
        }
        Map<String, Object> keptIdentity = new java.util.HashMap<>(EARLIER_DEFAULTS);
        keptIdentity.putAll(keptAsSaved);
        List<String> differing = wanted.keySet().stream()
                .filter(k -> !Objects.equals(String.valueOf(wanted.get(k)), String.valueOf(keptIdentity.get(k)))).toList();
        if (differing.isEmpty()) {
            return new Decision(true, asked, null);
        }
        List<String> chosen = differing.stream().filter(choices.chosen()::contains).toList();
        if (!chosen.isEmpty()) {
            return new Decision(false, asked, "starting over in " + dir + ": this run asks for " + values(chosen, wanted, choices)
                    + ", the estate kept there was made with " + values(chosen, keptIdentity, choices)
                    + "; its clusters, DNS zone, backups and keys are replaced");
        }
        List<String> structural = differing.stream().filter(k -> !VARIANTS.contains(k)).toList();
        if (!structural.isEmpty()) {
            throw new Mismatch("the lab estate kept in " + dir + " was made with " + values(structural, keptIdentity, choices)
                    + ", and this run asks for " + values(structural, wanted, choices) + "; nothing was changed. To start over there "
                    + "run `engine.jar lab reset --lab-state-dir " + dir + "` (its clusters, backups and keys are deleted), "
                    + "or give this run another --lab-state-dir");
        }
        TetrateEstate.Settings kept = keep(asked, keptIdentity);
        return new Decision(true, kept, "keeping the estate kept in " + dir + ", made with " + values(differing, keptIdentity, choices)
                + " (this run's defaults say " + values(differing, wanted, choices) + "); to start that over instead, pass "
                + passing(differing, wanted, choices) + ", or run `engine.jar lab reset` first");
    }

    private static TetrateEstate.Settings keep(TetrateEstate.Settings s, Map<String, Object> kept) throws Mismatch {
        try {
            return new TetrateEstate.Settings(s.clusters(), s.managementCluster(), s.mesh(), s.mpFqdn(), s.mpZone(),
                    s.organization(), s.dnsPort(), Scenario.fromId(String.valueOf(kept.get("scenario"))),
                    Variants.of(String.valueOf(kept.get("signing_key_backup")), String.valueOf(kept.get("root_ca")),
                            String.valueOf(kept.get("postgres")), String.valueOf(kept.get("elastic"))),
                    s.stateDir(), s.timing(), s.tls(), s.envoyPool());
        } catch (IllegalArgumentException e) {
            throw new Mismatch("the lab estate kept in " + s.stateDir() + " names what this engine does not know ("
                    + e.getMessage() + "): run `engine.jar lab reset --lab-state-dir " + s.stateDir() + "` to start over");
        }
    }

    /** "lab_scenario=connectivity-lost, lab_root_ca=different". */
    private static String values(List<String> keys, Map<String, Object> identity, EstateChoices choices) {
        List<String> out = new ArrayList<>();
        for (String k : keys) {
            out.add(choices.name(k) + "=" + text(identity.get(k)));
        }
        return String.join(", ", out);
    }

    /** "-e lab_scenario=management-cluster-lost -e lab_root_ca=same". */
    private static String passing(List<String> keys, Map<String, Object> identity, EstateChoices choices) {
        List<String> out = new ArrayList<>();
        for (String k : keys) {
            out.add(choices.option(k, text(identity.get(k))));
        }
        return String.join(" ", out);
    }

    private static String text(Object value) {
        return value instanceof List<?> l ? String.join(",", l.stream().map(String::valueOf).toList()) : String.valueOf(value);
    }

    static Set<String> variants() {
        return Set.copyOf(VARIANTS);
    }
}
