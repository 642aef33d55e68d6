package io.runbook.modules.k8s;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * fabric8's serialization for the run's clients, reading a JSON document that is already in memory (an API answer's
 * bytes, a refused watch's Status) straight from its bytes. fabric8 wraps every document it reads in a
 * {@code BufferedInputStream} to look at its first character (JSON or YAML?): an 8 KB buffer allocated and zeroed for
 * each answer and each watch event, about a seventh of all the bytes a rotation over a thousand clusters allocated
 * (watch events are now read by {@link WatchEventReader}, and a named object's GET and apply answers by
 * {@link ObjectJson}, without fabric8's model; this still reads an error's Status and the DSL's answers).
 * An in-memory stream can be looked at and rewound without that buffer; what starts as JSON is read by the same
 * mapper fabric8 would use, and anything else (YAML, a stream) goes to fabric8's own reading as before.
 */
final class InMemoryJsonSerialization extends KubernetesSerialization {
    private final ObjectMapper mapper;

    InMemoryJsonSerialization() {
        this(new ObjectMapper());
    }

    private InMemoryJsonSerialization(ObjectMapper mapper) {
        // what fabric8's own no-argument constructor does: it configures this mapper (modules, deserializers)
        super(mapper, true);
        this.mapper = mapper;
    }

    @Override
    public <T> T unmarshal(InputStream in, TypeReference<T> type) {
        if (in instanceof ByteArrayInputStream bytes && startsJson(bytes)) {
            try {
                return mapper.readerFor(type).readValue(bytes);
            } catch (IOException e) {
                // as fabric8's reading fails
                throw KubernetesClientException.launderThrowable(e);
            }
        }
        return super.unmarshal(in, type);
    }

    /** Whether the first character after white space opens a JSON object or array; the stream is rewound. */
    private static boolean startsJson(ByteArrayInputStream in) {
        in.mark(0);
        int c;
        do {
            c = in.read();
        } while (c != -1 && Character.isWhitespace(c));
        in.reset();
        return c == '{' || c == '[';
    }
}
