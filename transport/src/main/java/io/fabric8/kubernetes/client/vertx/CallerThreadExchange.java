package io.fabric8.kubernetes.client.vertx;

import io.fabric8.kubernetes.client.http.AsyncBody;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.fabric8.kubernetes.client.http.StandardHttpClientBuilder;
import io.fabric8.kubernetes.client.http.StandardHttpHeaders;
import io.fabric8.kubernetes.client.http.StandardHttpRequest;
import io.fabric8.kubernetes.client.http.TlsVersion;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.SSLConnectionSocketFactory;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.util.Timeout;

/**
 * A cluster client's requests sent and answered on the calling thread (blocking HTTP/1.1 on a keep-alive connection
 * of the client's own pool), for callers that would only wait for the answer anyway: no event loop, no hand-off to it
 * and back. Only requests made inside {@link #onCallerThread} take this path; fabric8's request path around it
 * (interceptors: credentials, token refresh; retries; reading the body) is unchanged.
 */
public final class CallerThreadExchange implements AutoCloseable {
  private static final ThreadLocal<Boolean> REQUESTED = new ThreadLocal<>();
  private final StandardHttpClientBuilder<?, ?, ?> builder;
  private volatile CloseableHttpClient client;

  CallerThreadExchange(StandardHttpClientBuilder<?, ?, ?> builder) {
    this.builder = builder;
  }

  /** Runs {@code call}, its requests sent on this thread. */
  public static <T> T onCallerThread(Supplier<T> call) {
    Boolean before = REQUESTED.get();
    REQUESTED.set(Boolean.TRUE);
    try {
      return call.get();
    } finally {
      if (before == null) {
        REQUESTED.remove();
      }
    }
  }

  /** Whether the current request may be sent on the calling thread. */
  boolean wanted(StandardHttpRequest request) {
    return REQUESTED.get() != null && builder.getProxyAddress() == null && !request.isForStreaming()
        && !(request.body() instanceof StandardHttpRequest.InputStreamBodyContent);
  }

  CompletableFuture<HttpResponse<AsyncBody>> exchange(StandardHttpRequest request, AsyncBody.Consumer<List<ByteBuffer>> consumer) {
    HttpUriRequestBase out = new HttpUriRequestBase(request.method(), request.uri());
    for (Map.Entry<String, List<String>> h : request.headers().entrySet()) {
      for (String v : h.getValue()) {
        out.addHeader(h.getKey(), v);
      }
    }
    if (request.getTimeout() != null && !request.getTimeout().isZero()) {
      out.setConfig(RequestConfig.custom().setResponseTimeout(Timeout.ofMilliseconds(request.getTimeout().toMillis())).build());
    }
    StandardHttpRequest.BodyContent body = request.body();
    if (body != null) {
      byte[] bytes = body instanceof StandardHttpRequest.StringBodyContent s ? s.getContent().getBytes(StandardCharsets.UTF_8)
          : ((StandardHttpRequest.ByteArrayBodyContent) body).getContent();
      out.setEntity(new ByteArrayEntity(bytes, request.getContentType() == null ? null : ContentType.parse(request.getContentType())));
    }
    try {
      Answer answer = client().execute(out, response -> {
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (Header h : response.getHeaders()) {
          headers.computeIfAbsent(h.getName(), k -> new ArrayList<>(1)).add(h.getValue());
        }
        byte[] read = response.getEntity() == null ? new byte[0] : EntityUtils.toByteArray(response.getEntity());
        return new Answer(headers, response.getCode(), read, request, consumer);
      });
      return CompletableFuture.completedFuture(answer);
    } catch (IOException | RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  private CloseableHttpClient client() {
    CloseableHttpClient c = client;
    if (c == null) {
      synchronized (this) {
        if (client == null) {
          client = create();
        }
        c = client;
      }
    }
    return c;
  }

  private CloseableHttpClient create() {
    PoolingHttpClientConnectionManagerBuilder pool = PoolingHttpClientConnectionManagerBuilder.create()
        .setMaxConnPerRoute(256).setMaxConnTotal(256);
    if (builder.getSslContext() != null) {
      TlsVersion[] versions = builder.getTlsVersions();
      String[] protocols = versions == null ? null : Arrays.stream(versions).map(CallerThreadExchange::protocol).toArray(String[]::new);
      pool.setSSLSocketFactory(new SSLConnectionSocketFactory(builder.getSslContext(), protocols, null,
          new org.apache.hc.client5.http.ssl.DefaultHostnameVerifier()));
    }
    RequestConfig.Builder config = RequestConfig.custom().setRedirectsEnabled(builder.isFollowRedirects());
    if (builder.getConnectTimeout() != null && !builder.getConnectTimeout().isZero()) {
      config.setConnectTimeout(builder.getConnectTimeout().toMillis(), TimeUnit.MILLISECONDS);
    }
    return HttpClients.custom().setConnectionManager(pool.build()).setDefaultRequestConfig(config.build())
        .disableAutomaticRetries().disableCookieManagement().disableAuthCaching().disableContentCompression()
        .disableRedirectHandling().build();
  }

  private static String protocol(TlsVersion version) {
    return switch (version) {
      case TLS_1_3 -> "TLSv1.3";
      case TLS_1_2 -> "TLSv1.2";
      case TLS_1_1 -> "TLSv1.1";
      case TLS_1_0 -> "TLSv1";
      case SSL_3_0 -> "SSLv3";
    };
  }

  @Override
  public void close() {
    CloseableHttpClient c = client;
    if (c != null) {
      try {
        c.close();
      } catch (IOException e) {
        // closing idle connections: nothing to report
      }
    }
  }

  /** An answer read in full, its body handed to fabric8's consumer when fabric8 asks for it. */
  private static final class Answer extends StandardHttpHeaders implements HttpResponse<AsyncBody>, AsyncBody {
    private final int code;
    private final byte[] bytes;
    private final HttpRequest request;
    private final AsyncBody.Consumer<List<ByteBuffer>> consumer;
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private boolean delivered;

    Answer(Map<String, List<String>> headers, int code, byte[] bytes, HttpRequest request, AsyncBody.Consumer<List<ByteBuffer>> consumer) {
      super(headers);
      this.code = code;
      this.bytes = bytes;
      this.request = request;
      this.consumer = consumer;
    }

    @Override
    public int code() {
      return code;
    }

    @Override
    public AsyncBody body() {
      return this;
    }

    @Override
    public HttpRequest request() {
      return request;
    }

    @Override
    public Optional<HttpResponse<?>> previousResponse() {
      return Optional.empty();
    }

    @Override
    public void consume() {
      if (delivered) {
        return;
      }
      delivered = true;
      try {
        if (bytes.length > 0) {
          consumer.consume(List.of(ByteBuffer.wrap(bytes)), this);
        }
        done.complete(null);
      } catch (Exception e) {
        done.completeExceptionally(e);
      }
    }

    @Override
    public CompletableFuture<Void> done() {
      return done;
    }

    @Override
    public void cancel() {
      done.cancel(false);
    }
  }
}
