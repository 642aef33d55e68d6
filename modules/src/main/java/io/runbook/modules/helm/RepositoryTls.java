package io.runbook.modules.helm;

import io.fabric8.kubernetes.client.internal.CertUtils;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The TLS set-up of a chart download, as Helm's getter builds it: the JDK's CAs or those of a CA bundle
 * ({@code --ca-file}), a client certificate and key in PEM ({@code --cert-file}, {@code --key-file}), or no checks at
 * all ({@code --insecure-skip-tls-verify}).
 */
final class RepositoryTls {
    private RepositoryTls() {
    }

    static SSLContext context(Path caFile, Path certFile, Path keyFile, boolean insecure) throws IOException {
        try {
            KeyManager[] keys = certFile == null || keyFile == null ? null : clientKeys(certFile, keyFile);
            TrustManager[] trust = insecure ? new TrustManager[] {new TrustEverything()} : caFile == null ? null : cas(caFile);
            if (keys == null && trust == null) {
                return SSLContext.getDefault();
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys, trust, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot set up TLS: " + e.getMessage(), e);
        }
    }

    private static TrustManager[] cas(Path caFile) throws IOException, GeneralSecurityException {
        Collection<? extends Certificate> certs;
        try (InputStream in = Files.newInputStream(caFile)) {
            certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
        } catch (java.security.cert.CertificateException e) {
            throw new IOException("can't read CA file " + caFile + ": " + e.getMessage(), e);
        }
        if (certs.isEmpty()) {
            throw new IOException("failed to append certificates from file: " + caFile);
        }
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        int i = 0;
        for (Certificate cert : certs) {
            store.setCertificateEntry("ca-" + i++, cert);
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        return factory.getTrustManagers();
    }

    /** The client's certificate and key (PKCS#1, PKCS#8 or SEC1 PEM, read by fabric8 as for a kubeconfig). */
    private static KeyManager[] clientKeys(Path certFile, Path keyFile) throws IOException, GeneralSecurityException {
        char[] pass = "runbook".toCharArray();
        String key = Files.readString(keyFile);
        String algorithm = key.contains("EC PRIVATE KEY") ? "EC" : "RSA";
        KeyStore store;
        try (InputStream cert = Files.newInputStream(certFile); InputStream in = Files.newInputStream(keyFile)) {
            store = CertUtils.createKeyStore(cert, in, algorithm, pass, null, pass);
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            if (!"RSA".equals(algorithm)) {
                throw new IOException("can't read the client certificate " + certFile + " and key " + keyFile + ": " + e.getMessage(), e);
            }
            try (InputStream cert = Files.newInputStream(certFile); InputStream in = Files.newInputStream(keyFile)) {
                store = CertUtils.createKeyStore(cert, in, "EC", pass, null, pass);  // a PKCS#8 key of another kind
            } catch (IOException | GeneralSecurityException | RuntimeException again) {
                throw new IOException("can't read the client certificate " + certFile + " and key " + keyFile + ": " + e.getMessage(), e);
            }
        }
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(store, pass);
        return factory.getKeyManagers();
    }

    /** {@code --insecure-skip-tls-verify}: neither the chain nor the name is checked (an extended manager skips both). */
    private static final class TrustEverything extends X509ExtendedTrustManager {
        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws java.security.cert.CertificateException {
            throw new java.security.cert.CertificateException("a client does not check clients");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws java.security.cert.CertificateException {
            checkClientTrusted(chain, authType);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws java.security.cert.CertificateException {
            checkClientTrusted(chain, authType);
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
