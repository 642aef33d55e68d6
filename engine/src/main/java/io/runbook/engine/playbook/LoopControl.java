package io.runbook.engine.playbook;

/**
 * {@code loop_control}: the loop variable's name, an index variable, the label printed, a pause, extended info
 * ({@code ansible_loop}), and whether extended info includes {@code allitems}.
 */
public record LoopControl(String loopVar, String indexVar, String label, double pauseSeconds, boolean extended,
                          boolean extendedAllItems) {
    public static final LoopControl DEFAULT = new LoopControl("item", null, null, 0, false, true);
}
