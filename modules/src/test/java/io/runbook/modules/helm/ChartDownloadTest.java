package io.runbook.modules.helm;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import org.junit.jupiter.api.Test;

/** Where a chart repository's credentials go, as Helm's HTTP getter decides it, and that they never print. */
class ChartDownloadTest {
    private static final URI REPO = URI.create("https://charts.example.com/stable/");

    @Test
    void credentialsGoOnlyToTheRepositorysSchemeHostAndPortUnlessToAllHosts() {
        var own = new ChartDownload.Credentials("reader", "pa55word", REPO, false);
        assertTrue(own.sentTo(URI.create("https://charts.example.com/stable/demo-1.0.0.tgz")));
        assertFalse(own.sentTo(URI.create("https://cdn.example.net/demo-1.0.0.tgz")), "another host");
        assertFalse(own.sentTo(URI.create("https://charts.example.com:8443/demo-1.0.0.tgz")), "another port");
        assertFalse(own.sentTo(URI.create("http://charts.example.com/stable/demo-1.0.0.tgz")), "plain http");
        assertTrue(new ChartDownload.Credentials("reader", "pa55word", REPO, true).sentTo(URI.create("https://cdn.example.net/x.tgz")));
        assertFalse(new ChartDownload.Credentials("reader", "", REPO, true).sentTo(REPO), "a username alone is not sent, as Helm");
    }

    @Test
    void thePasswordNeverPrints() {
        assertFalse(new ChartDownload.Credentials("reader", "pa55word", REPO, false).toString().contains("pa55word"));
    }
}
