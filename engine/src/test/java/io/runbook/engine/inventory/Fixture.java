package io.runbook.engine.inventory;

import java.nio.file.Path;
import java.util.Arrays;

/** The inventories under src/test/resources/inventory, loaded as {@code -i} would. */
final class Fixture {
    private static final Path ROOT = Path.of("src/test/resources/inventory");

    private Fixture() {
    }

    static Path path(String relative) {
        return ROOT.resolve(relative);
    }

    static Inventory load(String... relative) {
        return Inventory.load(Arrays.stream(relative).map(r -> path(r).toString()).toList(), null);
    }
}
