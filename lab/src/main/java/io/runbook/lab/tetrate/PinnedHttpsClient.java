package io.runbook.lab.tetrate;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * One HTTPS GET to a host name pinned to an address, as {@code curl --resolve host:port:address} does: the TCP
 * connection goes to the address, while SNI, the Host header and certificate host-name verification use the name.
 * The simulated control planes reach the MP this way (after resolving its FQDN themselves), and tests check the
 * MP's health endpoints with it.
 */
public final class PinnedHttpsClient {
  private final SSLContext trust;
  private final Duration timeout;

  /** {@code trust}: whose certificates are accepted (see {@link MpCertificates#trusting}). */
  public PinnedHttpsClient(SSLContext trust, Duration timeout) {
    this.trust = trust;
    this.timeout = timeout;
  }

  /** The status code and body of the answer. */
  public record Response(int status, String body) {}

  /**
   * GETs {@code https://host:port/path} from {@code address}. Connection failures surface as
   * {@link java.net.ConnectException} / {@link java.net.SocketTimeoutException}, TLS failures (unknown authority,
   * wrong name) as {@link javax.net.ssl.SSLException}.
   */
  public Response get(String host, String address, int port, String path) throws IOException {
    int millis = (int) timeout.toMillis();
    Socket raw = new Socket();
    try {
      raw.connect(new InetSocketAddress(address, port), millis);
      raw.setSoTimeout(millis);
      try (SSLSocket socket = (SSLSocket) trust.getSocketFactory().createSocket(raw, host, port, true)) {
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        parameters.setServerNames(List.of(new SNIHostName(host)));
        socket.setSSLParameters(parameters);
        socket.startHandshake();
        OutputStream out = socket.getOutputStream();
        out.write(("GET " + path + " HTTP/1.1\r\nHost: " + host + ":" + port + "\r\nUser-Agent: runbook-lab\r\n"
            + "Accept: */*\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return parse(readAll(socket.getInputStream()));
      }
    } finally {
      raw.close();
    }
  }

  private static String readAll(InputStream in) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    in.transferTo(bytes);
    return bytes.toString(StandardCharsets.UTF_8);
  }

  private static Response parse(String raw) throws IOException {
    int lineEnd = raw.indexOf("\r\n");
    String[] statusLine = (lineEnd < 0 ? raw : raw.substring(0, lineEnd)).split(" ", 3);
    if (statusLine.length < 2 || !statusLine[0].startsWith("HTTP/")) {
      throw new IOException("not an HTTP answer: " + raw.lines().findFirst().orElse(""));
    }
    int headersEnd = raw.indexOf("\r\n\r\n");
    String head = headersEnd < 0 ? raw : raw.substring(0, headersEnd);
    String body = headersEnd < 0 ? "" : raw.substring(headersEnd + 4);
    if (head.toLowerCase(java.util.Locale.ROOT).contains("transfer-encoding: chunked")) {
      body = dechunk(body);
    }
    return new Response(Integer.parseInt(statusLine[1]), body);
  }

  private static String dechunk(String chunked) {
    StringBuilder out = new StringBuilder();
    int at = 0;
    while (at < chunked.length()) {
      int lineEnd = chunked.indexOf("\r\n", at);
      if (lineEnd < 0) {
        break;
      }
      int size = Integer.parseInt(chunked.substring(at, lineEnd).split(";")[0].trim(), 16);
      if (size == 0) {
        break;
      }
      out.append(chunked, lineEnd + 2, Math.min(chunked.length(), lineEnd + 2 + size));
      at = lineEnd + 2 + size + 2;
    }
    return out.toString();
  }
}
