package io.runbook.engine.builtin;

/** {@code gather_facts}: the action of a play's "Gathering Facts" task; the same as {@code setup}. */
public final class GatherFacts extends Setup {
    @Override
    public String name() {
        return "gather_facts";
    }

    @Override
    public String description() {
        return "Gather the host's facts, as a play does first (the same as setup).";
    }
}
