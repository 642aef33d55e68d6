package io.runbook.cli;

import picocli.CommandLine.IVersionProvider;

/** The version printed by {@code --version}, from the jar's manifest when packaged. */
public final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = Main.class.getPackage().getImplementationVersion();
        return new String[] {"runbook engine " + (v == null ? "0.1.0-SNAPSHOT" : v),
                "Java " + System.getProperty("java.version")};
    }
}
