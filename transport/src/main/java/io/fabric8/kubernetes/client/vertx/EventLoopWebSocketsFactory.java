package io.fabric8.kubernetes.client.vertx;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.fabric8.kubernetes.client.http.StandardWebSocketBuilder;
import io.fabric8.kubernetes.client.http.WebSocket;
import io.fabric8.kubernetes.client.http.WebSocketResponse;
import io.fabric8.kubernetes.client.utils.HttpClientUtils;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.io.File;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;

/**
 * fabric8's Vert.x HTTP client factory, except that WebSockets (watches, informers, exec) are opened from an event
 * loop of the shared Vert.x instance.
 *
 * <p>Why: fabric8 7.8/7.9 opens a WebSocket with {@code httpClient.webSocket(options)} and only then registers the
 * handlers that pass frames on ({@code .onSuccess(ws -> new VertxWebSocket(ws, listener).init())}). Vert.x resumes a
 * client WebSocket when its handshake completes; when that happens before the caller reaches {@code onSuccess} (the
 * calling thread descheduled for longer than the upgrade takes, which on a loopback server is well under a
 * millisecond), the handlers are attached by a task queued behind the frames already read, and those frames are
 * dropped. A server sends a watch's first events at once, so a watch started from a list's resource version could miss
 * the one change it was waiting for and an informer-based wait then hung until its timeout. Started from an event
 * loop of the client's Vert.x, the connection belongs to that loop, which cannot complete the handshake before the
 * task that registers the handlers has ended: no frame can come first.
 *
 * <p>Clients whose TLS material is the same (the same certificate authority, client certificate and key, or
 * certificates trusted, as the {@link Config} gives them) share one {@link SSLContext}: fabric8 creates and
 * initialises one per client, which a run over a thousand clusters did a thousand times for one or a few distinct
 * authorities. Material that differs in anything (another authority, another client certificate, a file changed since)
 * gets a context of its own, built by fabric8 as before.
 *
 * <p>It lives in fabric8's package because the client's constructor is package-private; everything else is
 * fabric8's own behaviour, unchanged.
 */
public class EventLoopWebSocketsFactory extends VertxHttpClientFactory {
  /** The TLS material of the clients built so far, by what they were built from. */
  private final Map<List<Object>, SharedTls> tls = new ConcurrentHashMap<>();

  public EventLoopWebSocketsFactory(Vertx vertx) {
    super(vertx);
  }

  @Override
  public VertxHttpClientBuilder<VertxHttpClientFactory> newBuilder() {
    return new Builder<>(this, sharedVertx);
  }

  /** fabric8's configuration of a client's HTTP client ({@code HttpClient.Factory}'s own), sharing TLS contexts. */
  @Override
  public HttpClient.Builder newBuilder(Config config) {
    Builder<VertxHttpClientFactory> builder = (Builder<VertxHttpClientFactory>) newBuilder();
    List<Object> key = tlsKey(config);
    builder.reuse = tls.get(key);
    HttpClientUtils.applyCommonConfiguration(config, builder, this);
    if (builder.reuse == null && builder.built() != null) {
      tls.putIfAbsent(key, builder.built());
    }
    return builder;
  }

  /** How many distinct TLS contexts the clients built so far use (for tests). */
  public int tlsContexts() {
    return tls.size();
  }

  /**
   * Everything fabric8 builds a client's trust and key managers from ({@code SSLUtils.trustManagers} and
   * {@code keyManagers}): data as given, files by path, size and modification time.
   */
  private static List<Object> tlsKey(Config config) {
    return Arrays.asList(config.isTrustCerts(), config.getCaCertData(), file(config.getCaCertFile()),
        config.getClientCertData(), file(config.getClientCertFile()), config.getClientKeyData(),
        file(config.getClientKeyFile()), config.getClientKeyAlgo(), config.getClientKeyPassphrase(),
        file(config.getKeyStoreFile()), config.getKeyStorePassphrase(), file(config.getTrustStoreFile()),
        config.getTrustStorePassphrase());
  }

  private static List<Object> file(String path) {
    if (path == null) {
      return null;
    }
    File f = new File(path);
    return List.of(f.getAbsolutePath(), f.length(), f.lastModified());
  }

  /** One TLS context and the managers it was initialised with. */
  private record SharedTls(SSLContext context, KeyManager[] keyManagers, TrustManager[] trustManagers) {
  }

  /** Builds fabric8's client, then wraps the same Vert.x HTTP client so that its WebSockets open on an event loop. */
  static final class Builder<F extends HttpClient.Factory> extends VertxHttpClientBuilder<F> {
    /** An earlier client's context for the same material: used instead of the one fabric8 would create. */
    private SharedTls reuse;

    Builder(F factory, Vertx vertx) {
      super(factory, vertx);
    }

    /** The TLS context the common configuration left this builder with, or null without one. */
    SharedTls built() {
      return sslContext == null ? null : new SharedTls(sslContext, this.keyManagers, this.trustManagers);
    }

    @Override
    public VertxHttpClientBuilder<F> sslContext(KeyManager[] keyManagers, TrustManager[] trustManagers) {
      if (reuse == null) {
        return super.sslContext(keyManagers, trustManagers);
      }
      this.sslContext = reuse.context();
      this.keyManagers = reuse.keyManagers();
      this.trustManagers = reuse.trustManagers();
      return this;
    }

    @Override
    public VertxHttpClient<F> build() {
      VertxHttpClient<F> plain = super.build();
      return new Client<>(this, plain.getClosed(), plain.getClient(), vertx);
    }

    @Override
    protected VertxHttpClientBuilder<F> newInstance(F factory) {
      // derived clients (other timeouts, e.g. for watches) keep opening their WebSockets on an event loop
      return new Builder<>(factory, vertx);
    }
  }

  static final class Client<F extends HttpClient.Factory> extends VertxHttpClient<F> {
    private final Vertx vertx;

    Client(VertxHttpClientBuilder<F> builder, AtomicBoolean closed, io.vertx.core.http.HttpClient client,
        Vertx vertx) {
      super(builder, closed, client, false);
      this.vertx = vertx;
    }

    /**
     * fabric8's request, answered to the caller only after the event loop that read the answer has finished with it.
     * Vert.x ends the response (which completes fabric8's future and wakes the waiting thread) before it puts the
     * connection back in the pool; a caller sending its next request at once found no free connection and opened a
     * second one (two connections per cluster instead of one, each connected, accepted and served on both sides).
     */
    @Override
    public <V> CompletableFuture<HttpResponse<V>> sendAsync(HttpRequest request, Class<V> type) {
      CompletableFuture<HttpResponse<V>> sent = super.sendAsync(request, type);
      CompletableFuture<HttpResponse<V>> answered = new CompletableFuture<>();
      sent.whenComplete((response, failure) -> {
        Context loop = Vertx.currentContext();
        if (loop != null && loop.isEventLoopContext() && loop.owner() == vertx) {
          loop.runOnContext(v -> settle(answered, response, failure));
        } else {
          settle(answered, response, failure);
        }
      });
      answered.whenComplete((response, failure) -> {
        if (answered.isCancelled()) {
          sent.cancel(true);
        }
      });
      return answered;
    }

    private static <T> void settle(CompletableFuture<T> answered, T value, Throwable failure) {
      if (failure != null) {
        answered.completeExceptionally(failure);
      } else {
        answered.complete(value);
      }
    }

    @Override
    public CompletableFuture<WebSocketResponse> buildWebSocketDirect(StandardWebSocketBuilder request,
        WebSocket.Listener listener) {
      Context current = Vertx.currentContext();
      if (current != null && current.isEventLoopContext() && current.owner() == vertx) {
        return super.buildWebSocketDirect(request, listener);
      }
      CompletableFuture<WebSocketResponse> opened = new CompletableFuture<>();
      vertx.getOrCreateContext().runOnContext(v -> {
        try {
          super.buildWebSocketDirect(request, listener).whenComplete((response, failure) -> {
            if (failure != null) {
              opened.completeExceptionally(failure);
            } else {
              opened.complete(response);
            }
          });
        } catch (RuntimeException e) {
          opened.completeExceptionally(e);
        }
      });
      return opened;
    }
  }
}
