package io.runbook.lab.tetrate;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The management plane's root CA (what {@code secrets.xcp.rootca} and the tsb-certs issuer stand for) and the
 * front-envoy server certificate it signs for the MP FQDN. Made with BouncyCastle, which the lab already uses.
 */
public final class MpCertificates {
  private static final char[] PASSWORD = "lab".toCharArray();
  private final X509Certificate ca;
  private final PrivateKey caKey;

  private MpCertificates(X509Certificate ca, PrivateKey caKey) {
    this.ca = ca;
    this.caKey = caKey;
  }

  /** A new root CA; {@code label} goes into its common name so two CAs are told apart in a PEM dump. */
  public static MpCertificates newRootCa(String label) {
    try {
      KeyPair keys = ecKeys();
      X500Name name = new X500Name("CN=" + label + ",O=runbook lab");
      var builder = new JcaX509v3CertificateBuilder(name, serial(), notBefore(), notAfter(), name, keys.getPublic())
          .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
          .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
      return new MpCertificates(sign(builder, keys.getPrivate()), keys.getPrivate());
    } catch (Exception e) {
      throw new IllegalStateException("cannot generate the lab's MP root CA", e);
    }
  }

  /** The CA kept in {@code certFile}/{@code keyFile} (PEM), as written by {@link #write}. */
  public static MpCertificates read(Path certFile, Path keyFile) throws IOException {
    X509Certificate cert = parseCertificate(Files.readString(certFile));
    try (PEMParser parser = new PEMParser(new StringReader(Files.readString(keyFile)))) {
      Object object = parser.readObject();
      if (!(object instanceof PrivateKeyInfo info)) {
        throw new IOException(keyFile + " does not hold a PKCS#8 private key");
      }
      return new MpCertificates(cert, new JcaPEMKeyConverter().getPrivateKey(info));
    }
  }

  /** Writes the CA certificate (what clients pin) and its key (so a later run signs with the same CA). */
  public void write(Path certFile, Path keyFile) throws IOException {
    // both owner-only, as every file of the lab's state folder (the certificate is public, but kept alike)
    io.runbook.lab.PrivateFiles.write(certFile, caPem());
    io.runbook.lab.PrivateFiles.write(keyFile, pem(new JcaPKCS8Generator(caKey, null)));
  }

  public String caPem() {
    return pem(ca);
  }

  /** An SSL context serving a fresh certificate for {@code fqdn} (SAN dNSName) signed by this CA. */
  public SSLContext serverContext(String fqdn) {
    try {
      KeyPair keys = ecKeys();
      var builder = new JcaX509v3CertificateBuilder(X500Name.getInstance(ca.getSubjectX500Principal().getEncoded()),
          serial(), notBefore(), notAfter(), new X500Name("CN=" + fqdn), keys.getPublic())
          .addExtension(Extension.subjectAlternativeName, false,
              new GeneralNames(new GeneralName(GeneralName.dNSName, fqdn)))
          .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
      X509Certificate server = sign(builder, caKey);
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setKeyEntry("envoy", keys.getPrivate(), PASSWORD, new Certificate[] {server, ca});
      KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keyManagers.init(store, PASSWORD);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keyManagers.getKeyManagers(), null, new SecureRandom());
      return context;
    } catch (Exception e) {
      throw new IllegalStateException("cannot make the MP server certificate for " + fqdn, e);
    }
  }

  /** An SSL context that trusts only the CA(s) in {@code caPem}, as a client pinning {@code ca_path} does. */
  public static SSLContext trusting(String caPem) {
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      int i = 0;
      for (Certificate cert : CertificateFactory.getInstance("X.509")
          .generateCertificates(new ByteArrayInputStream(caPem.getBytes(StandardCharsets.US_ASCII)))) {
        store.setCertificateEntry("ca-" + i++, cert);
      }
      TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(store);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, trust.getTrustManagers(), new SecureRandom());
      return context;
    } catch (Exception e) {
      throw new IllegalArgumentException("cannot read the CA bundle: " + e.getMessage(), e);
    }
  }

  private static X509Certificate parseCertificate(String pem) throws IOException {
    try {
      return (X509Certificate) CertificateFactory.getInstance("X.509")
          .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
    } catch (java.security.cert.CertificateException e) {
      throw new IOException("not a PEM certificate: " + e.getMessage(), e);
    }
  }

  private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey key) throws Exception {
    return new JcaX509CertificateConverter()
        .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(key)));
  }

  private static KeyPair ecKeys() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(256);
    return generator.generateKeyPair();
  }

  /** A PEM private key (PKCS#8, EC P-256) for the lab's stand-in {@code iam-signing-key}. */
  static String newSigningKeyPem() {
    try {
      return pem(new JcaPKCS8Generator(ecKeys().getPrivate(), null));
    } catch (Exception e) {
      throw new IllegalStateException("cannot generate a signing key", e);
    }
  }

  private static BigInteger serial() {
    return new BigInteger(64, new SecureRandom());
  }

  private static Date notBefore() {
    return Date.from(Instant.now().minus(1, ChronoUnit.HOURS));
  }

  private static Date notAfter() {
    return Date.from(Instant.now().plus(365, ChronoUnit.DAYS));
  }

  private static String pem(Object object) {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
      writer.writeObject(object);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return out.toString();
  }
}
