package io.runbook.modules.core;

import io.runbook.engine.module.ModuleException;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The TLS trust of one {@code uri} request: the JDK's CAs or those of {@code ca_path}, no checks at all
 * with {@code validate_certs: false}, and, for a pinned host, verification of the certificate against the
 * URL's host name although the connection goes to an address (the JDK would check the address).
 */
final class TlsTrust {
    private TlsTrust() {
    }

    /**
     * {@code ca_path}, a relative one resolved as the other modules' relative paths on the local connection: against
     * the playbook's folder ({@link io.runbook.engine.module.ModuleContext#workDir}), not the task file's.
     */
    static Path caPath(io.runbook.engine.module.ModuleContext ctx) {
        String given = ctx.args().string("ca_path");
        return given == null ? null : io.runbook.engine.module.ArgValidator.toPath(given, ctx.workDir(),
                io.runbook.engine.vars.HomeDir.of(ctx.runEnvironment()));
    }

    static SSLContext context(Path caPath, boolean validate, String pinnedName) throws ModuleException {
        try {
            if (!validate) {
                return withTrust(new TrustEverything());
            }
            if (caPath == null && pinnedName == null) {
                return SSLContext.getDefault();
            }
            X509ExtendedTrustManager cas = trustManager(caPath == null ? null : load(caPath));
            if (pinnedName == null) {
                return withTrust(cas);
            }
            String source = caPath == null ? "the JDK's default CAs" : "the CAs in " + caPath;
            return withTrust(new PinnedName(cas, pinnedName, source));
        } catch (GeneralSecurityException e) {
            throw new ModuleException("cannot set up TLS: " + e.getMessage(), e);
        }
    }

    private static SSLContext withTrust(TrustManager trust) throws GeneralSecurityException {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {trust}, null);
        return context;
    }

    private static KeyStore load(Path caPath) throws ModuleException, GeneralSecurityException {
        if (!Files.isRegularFile(caPath)) {
            throw new ModuleException("ca_path not found: " + caPath);
        }
        Collection<? extends Certificate> certs;
        try (InputStream in = Files.newInputStream(caPath)) {
            certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
        } catch (IOException | CertificateException e) {
            throw new ModuleException("ca_path " + caPath + " is not a PEM file of certificates: " + e.getMessage(), e);
        }
        if (certs.isEmpty()) {
            throw new ModuleException("ca_path " + caPath + " holds no certificates");
        }
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        try {
            store.load(null, null);
        } catch (IOException e) {
            throw new GeneralSecurityException(e);
        }
        int i = 0;
        for (Certificate cert : certs) {
            store.setCertificateEntry("ca-" + i++, cert);
        }
        return store;
    }

    private static X509ExtendedTrustManager trustManager(KeyStore store) throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        for (TrustManager tm : factory.getTrustManagers()) {
            if (tm instanceof X509ExtendedTrustManager x) {
                return x;
            }
        }
        throw new GeneralSecurityException("the JDK offers no X.509 trust manager");
    }

    /** Checks the chain with the CAs, then the leaf against the pinned name instead of the connected address. */
    private static final class PinnedName extends ServerOnlyTrust {
        private final X509ExtendedTrustManager cas;
        private final String name;
        private final String source;

        PinnedName(X509ExtendedTrustManager cas, String name, String source) {
            this.cas = cas;
            this.name = name;
            this.source = source;
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            try {
                cas.checkServerTrusted(chain, authType);
            } catch (CertificateException e) {
                throw new CertificateException("the certificate of " + name + " is not trusted by " + source
                        + " (" + e.getMessage() + ")", e);
            }
            if (!CertificateNames.matches(chain[0], name)) {
                throw new CertificateException("the certificate is for " + CertificateNames.names(chain[0])
                        + ", not for " + name);
            }
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return cas.getAcceptedIssuers();
        }
    }

    /** validate_certs: false — the user asked for no verification at all (like curl -k). */
    private static final class TrustEverything extends ServerOnlyTrust {
        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }

    /**
     * A client's trust manager: the engine- and socket-aware checks use the plain ones (name checks are done
     * by the subclass), and it never checks clients.
     */
    private abstract static class ServerOnlyTrust extends X509ExtendedTrustManager {
        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            checkServerTrusted(chain, authType);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            checkServerTrusted(chain, authType);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("a client-side trust manager does not check clients");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            checkClientTrusted(chain, authType);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            checkClientTrusted(chain, authType);
        }
    }
}
