package io.runbook.modules.core;

import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.security.cert.CertificateException;
import java.time.Duration;
import javax.net.ssl.SSLException;

/** Turns what the HTTP client throws into one line naming the URL, the pinned address and the cause. */
final class RequestFailure {
    private RequestFailure() {
    }

    static String describe(Throwable error, String url, HostPins.Route route, Duration timeout) {
        String where = url + (route.via() != null ? " (from " + route.via() + ")" : route.pinned() ? " (pinned to " + route.address() + ")" : "");
        CertificateException cert = find(error, CertificateException.class);
        SSLException tls = find(error, SSLException.class);
        if (cert != null || tls != null) {
            String m = String.valueOf(cert != null ? cert.getMessage() : tls.getMessage());
            if (m.startsWith("PKIX path building failed")) {
                // the JDK's own words when no CA was given: say what it means
                return "TLS handshake with " + where + " failed: its certificate is not trusted by the JDK's default CAs"
                        + " (give the CA that signed it with ca_path)";
            }
            return "TLS handshake with " + where + " failed: " + m;
        }
        if (find(error, HttpConnectTimeoutException.class) != null) {
            return "cannot connect to " + where + ": no answer within " + Clock.text(timeout);
        }
        if (find(error, HttpTimeoutException.class) != null) {
            return "no response from " + where + " within " + Clock.text(timeout);
        }
        if (find(error, ConnectException.class) != null) {
            return "cannot connect to " + where + ": connection refused";
        }
        if (find(error, UnresolvedAddressException.class) != null) {
            return "cannot connect to " + where + ": the host name does not resolve (pin it with resolve?)";
        }
        String message = error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
        return "request to " + where + " failed: " + message;
    }

    private static <T extends Throwable> T find(Throwable error, Class<T> type) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
