package io.runbook.engine.playbook;

/**
 * A {@code with_<lookup>} loop: the lookup's name ({@code items}, {@code dict}, {@code nested}, {@code together},
 * {@code sequence}, {@code subelements}, {@code fileglob}, {@code first_found}, {@code indexed_items}...) and its
 * terms as written (templates not yet rendered). {@code loop:} is a plain value instead.
 */
public record LoopLookup(String lookup, Object terms) {
}
