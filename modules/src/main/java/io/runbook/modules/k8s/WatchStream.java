package io.runbook.modules.k8s;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.WatchEvent;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.internal.OperationSupport;
import io.fabric8.kubernetes.client.http.AsyncBody;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * One watch request over plain HTTP: {@code GET …?watch=true} on the cluster client's own HTTP client (its pooled
 * connections, credentials, TLS, token refresh), answered by the API server with a stream of JSON watch events, one
 * per line, for as long as the watch lasts: how kubectl and client-go watch. A fabric8 watch opens a WebSocket instead
 * (an upgrade handshake on a connection of its own, every event a masked frame, each event handed to a thread of its
 * own to read); fabric8's own HTTP watch retries a refused one (403) quietly instead of saying so.
 * <p>{@link #answered} completes when the server's answer has begun: normally for a 2xx (the events are being read),
 * else exceptionally with the server's {@link Status} as a {@link KubernetesClientException} (as any request's failure),
 * or with the failure that kept the request from being answered. Events are read and handed to the {@link Reader} on
 * the event loop that reads the answer, in order, a chunk's events at once; each event's object carries its kind and
 * identity only ({@link WatchEventReader}: name, uid, resource version, deletion time; a Status's code and details).
 */
final class WatchStream {
    /** What a stream's reader is told, on the event loop that reads the answer: it must not block. */
    interface Reader {
        /** The events of one chunk of the answer, in order (never empty). */
        void events(WatchStream from, List<WatchEvent> events);

        /**
         * The stream ended without {@link #cancel}: the server ended it (null), or it broke (the cause); an event the
         * reader could not read ends it as a {@link KubernetesClientException} without code.
         */
        void ended(WatchStream from, Throwable failure);
    }

    /** At most this much of a refused watch's answer (the server's Status) is kept for its message. */
    private static final int ERROR_BODY_LIMIT = 64 * 1024;

    private final HttpRequest request;
    private final KubernetesSerialization json;
    private final Reader reader;
    private final CompletableFuture<Void> answered = new CompletableFuture<>();
    private final long startedNanos = System.nanoTime();
    private volatile CompletableFuture<HttpResponse<AsyncBody>> call;
    private volatile AsyncBody body;
    private volatile boolean successful;
    private volatile boolean cancelled;
    private volatile boolean ended;
    private volatile boolean received;
    /** The answer's bytes not yet read as a line (only touched by the chunk being read: one at a time). */
    private byte[] pending = new byte[1024];
    private int pendingLength;

    private WatchStream(HttpRequest request, KubernetesSerialization json, Reader reader) {
        this.request = request;
        this.json = json;
        this.reader = reader;
    }

    /** Sends the watch request to {@code url} (with its {@code watch=true} query); returns at once. */
    static WatchStream open(HttpClient http, KubernetesSerialization json, String url, Reader reader) {
        HttpRequest request = http.newHttpRequestBuilder().uri(url).forStreaming().build();
        WatchStream stream = new WatchStream(request, json, reader);
        stream.send(http);
        return stream;
    }

    private void send(HttpClient http) {
        CompletableFuture<HttpResponse<AsyncBody>> sent = http.consumeBytes(request, this::chunk);
        call = sent;
        sent.whenComplete(this::answer);
    }

    private void answer(HttpResponse<AsyncBody> response, Throwable failure) {
        if (failure != null) {
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
            ended = true;
            answered.completeExceptionally(cause instanceof KubernetesClientException k ? k
                    : OperationSupport.requestException(request, cause, null));
            return;
        }
        AsyncBody b = response.body();
        body = b;
        if (cancelled) {
            b.cancel();
            return;
        }
        if (response.isSuccessful()) {
            // the answer is paused until consumed: no event is read before the reader may see it
            successful = true;
            b.done().whenComplete((v, e) -> end(e));
            answered.complete(null);
        } else {
            int code = response.code();
            String message = response.message();
            b.done().whenComplete((v, e) -> {
                ended = true;
                answered.completeExceptionally(OperationSupport.requestFailure(request, status(code, message)));
            });
        }
        b.consume();
    }

    private void end(Throwable failure) {
        ended = true;
        if (!cancelled) {
            reader.ended(this, failure);
        }
    }

    /** The refused watch's answer as the server's Status (or its code and reason when the body is none). */
    private Status status(int code, String message) {
        if (pendingLength > 0) {
            try {
                Status status = json.unmarshal(new ByteArrayInputStream(pending, 0, pendingLength), Status.class);
                if (status != null) {
                    if (status.getCode() == null) {
                        status.setCode(code);
                    }
                    return status;
                }
            } catch (RuntimeException e) {
                // not a Status (a proxy's page): the code and reason say what there is to say
            }
        }
        return OperationSupport.createStatus(code, message == null ? "" : message);
    }

    /** One chunk of the answer: appended to what is pending, each complete line read as an event. */
    private void chunk(List<ByteBuffer> buffers, AsyncBody b) {
        if (cancelled) {
            return;
        }
        for (ByteBuffer buffer : buffers) {
            append(buffer);
        }
        if (!successful) {
            b.consume();
            return;
        }
        List<WatchEvent> events = null;
        int start = 0;
        for (int i = 0; i < pendingLength; i++) {
            if (pending[i] != '\n') {
                continue;
            }
            if (i > start) {
                WatchEvent event = read(start, i - start);
                if (event == null) {
                    return;  // the stream is cancelled and the reader told
                }
                if (events == null) {
                    events = new ArrayList<>(4);
                }
                events.add(event);
            }
            start = i + 1;
        }
        System.arraycopy(pending, start, pending, 0, pendingLength - start);
        pendingLength -= start;
        if (events != null) {
            received = true;
            reader.events(this, events);
        }
        if (!cancelled) {
            b.consume();
        }
    }

    private void append(ByteBuffer buffer) {
        int n = buffer.remaining();
        if (!successful && pendingLength + n > ERROR_BODY_LIMIT) {
            n = Math.max(0, ERROR_BODY_LIMIT - pendingLength);
        }
        if (pendingLength + n > pending.length) {
            pending = Arrays.copyOf(pending, Math.max(pending.length * 2, pendingLength + n));
        }
        buffer.get(pending, pendingLength, n);
        pendingLength += n;
    }

    /** One line as a watch event, or null when it is none: the stream then ends as broken. */
    private WatchEvent read(int offset, int length) {
        try {
            WatchEvent event = WatchEventReader.read(pending, offset, length);
            if (event.getType() != null) {
                return event;
            }
        } catch (IOException | RuntimeException e) {
            // as below
        }
        cancel();
        ended = true;
        // not the line itself: an event may carry a Secret's values, which no message shows
        reader.ended(this, new KubernetesClientException("could not read a watch event from " + request.uri().getPath()
                + " (" + length + " bytes that are no JSON watch event)"));
        return null;
    }

    /** Completes when the answer has begun (see the class comment). */
    CompletableFuture<Void> answered() {
        return answered;
    }

    /** Whether the answer has begun and its events are still being read. */
    boolean reading() {
        return successful && !ended && !cancelled;
    }

    /** Whether any event has come. */
    boolean received() {
        return received;
    }

    /** Nanoseconds since the request was sent. */
    long ageNanos() {
        return System.nanoTime() - startedNanos;
    }

    HttpRequest request() {
        return request;
    }

    /** Ends the stream from this side: its connection is closed, the reader told nothing more. */
    void cancel() {
        cancelled = true;
        CompletableFuture<HttpResponse<AsyncBody>> c = call;
        if (c != null) {
            c.cancel(true);
        }
        AsyncBody b = body;
        if (b != null) {
            b.cancel();
        }
        answered.cancel(false);
    }
}
