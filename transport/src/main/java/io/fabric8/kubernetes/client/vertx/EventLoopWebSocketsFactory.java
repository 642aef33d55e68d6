package io.fabric8.kubernetes.client.vertx;

import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.fabric8.kubernetes.client.http.StandardWebSocketBuilder;
import io.fabric8.kubernetes.client.http.WebSocket;
import io.fabric8.kubernetes.client.http.WebSocketResponse;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

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
 * <p>It lives in fabric8's package because the client's constructor is package-private; everything else is
 * fabric8's own behaviour, unchanged.
 */
public class EventLoopWebSocketsFactory extends VertxHttpClientFactory {
  public EventLoopWebSocketsFactory(Vertx vertx) {
    super(vertx);
  }

  @Override
  public VertxHttpClientBuilder<VertxHttpClientFactory> newBuilder() {
    return new Builder<>(this, sharedVertx);
  }

  /** Builds fabric8's client, then wraps the same Vert.x HTTP client so that its WebSockets open on an event loop. */
  static final class Builder<F extends HttpClient.Factory> extends VertxHttpClientBuilder<F> {
    Builder(F factory, Vertx vertx) {
      super(factory, vertx);
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
