package io.runbook.modules.core;

/**
 * Lets {@code uri} set the {@code Host} header, which a pinned request needs (it connects to an address
 * but must name the host). The JDK's HTTP client refuses that header unless the system property
 * {@code jdk.httpclient.allowRestrictedHeaders} lists it when the client's classes first load; so the
 * property is set as soon as the uri module loads, and by the application's main method before anything else.
 */
public final class HostHeader {
    static final String PROPERTY = "jdk.httpclient.allowRestrictedHeaders";

    private HostHeader() {
    }

    /** Adds {@code host} to the property (keeping what it lists); call before anything loads the JDK's HTTP client. */
    public static void allow() {
        String current = System.getProperty(PROPERTY, "");
        for (String name : current.split(",")) {
            if (name.trim().equalsIgnoreCase("host")) {
                return;
            }
        }
        System.setProperty(PROPERTY, current.isBlank() ? "host" : current + ",host");
    }

    /** Said when the HTTP client loaded before the property was set and so refuses Host. */
    static String refusedMessage(String host) {
        return "cannot pin " + host + ": this JVM's HTTP client refuses the Host header because it was loaded before the uri module;"
                + " start java with -D" + PROPERTY + "=host";
    }
}
