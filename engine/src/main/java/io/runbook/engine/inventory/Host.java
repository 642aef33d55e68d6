package io.runbook.engine.inventory;

import java.util.List;

/** TEMPORARY stand-in until the inventory branch lands. */
public record Host(String name, List<String> groups) {
}
