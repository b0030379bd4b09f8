package io.healthmon.agent.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** The agent's one JSON factory (thread-safe, and costly enough to make once). */
public final class Json {

    public static final JsonFactory FACTORY = new JsonFactory();

    private Json() {
    }

    /** What a writer puts into a generator. */
    @FunctionalInterface
    public interface Content {
        void writeTo(JsonGenerator g) throws IOException;
    }

    /** The content as UTF-8 JSON bytes, compact or indented for people. */
    public static byte[] bytes(Content content, boolean pretty) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(2048);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            if (pretty) {
                g.useDefaultPrettyPrinter();
            }
            content.writeTo(g);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot happen: writing JSON to memory", e);
        }
        return out.toByteArray();
    }
}
