package io.healthmon.agent.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A parsed JSON or YAML document: objects keep their order, scalars keep the text they were written
 * with (so a number converts exactly, and a YAML value reads as the operator typed it). Navigation
 * never fails: a missing field reads as missing ({@link #isNull()}), as with Jackson's
 * {@code JsonNode.path}.
 */
public final class JsonTree {

    private static final JsonTree MISSING = new JsonTree(Kind.MISSING, null);
    private static final JsonTree NULL = new JsonTree(Kind.NULL, null);

    private enum Kind { OBJECT, ARRAY, SCALAR, NULL, MISSING }

    private final Kind kind;
    private final Object value;

    private JsonTree(Kind kind, Object value) {
        this.kind = kind;
        this.value = value;
    }

    /** Parses one document; an empty document reads as missing. */
    public static JsonTree parse(JsonFactory factory, String text) throws IOException {
        try (JsonParser parser = factory.createParser(text)) {
            return parser.nextToken() == null ? MISSING : read(parser);
        }
    }

    /** Parses JSON, or a missing value for a blank or malformed body (a server's answer is advisory). */
    public static JsonTree parseLeniently(String json) {
        try {
            return json == null || json.isBlank() ? MISSING : parse(Json.FACTORY, json);
        } catch (IOException e) {
            return MISSING;
        }
    }

    private static JsonTree read(JsonParser parser) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.START_OBJECT) {
            Map<String, JsonTree> fields = new LinkedHashMap<>();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                parser.nextToken();
                fields.put(name, read(parser));
            }
            return new JsonTree(Kind.OBJECT, fields);
        }
        if (token == JsonToken.START_ARRAY) {
            List<JsonTree> items = new ArrayList<>();
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                items.add(read(parser));
            }
            return new JsonTree(Kind.ARRAY, items);
        }
        if (token == JsonToken.VALUE_NULL) {
            return NULL;
        }
        if (token != null && token.isScalarValue()) {
            return new JsonTree(Kind.SCALAR, parser.getText());
        }
        throw new IOException("unexpected " + token);
    }

    public boolean isObject() {
        return kind == Kind.OBJECT;
    }

    public boolean isArray() {
        return kind == Kind.ARRAY;
    }

    /** An explicit null, or a field that is not there. */
    public boolean isNull() {
        return kind == Kind.NULL || kind == Kind.MISSING;
    }

    public boolean has(String field) {
        return isObject() && fields().containsKey(field);
    }

    /** The field's value, or a missing value. */
    public JsonTree path(String field) {
        return isObject() ? fields().getOrDefault(field, MISSING) : MISSING;
    }

    /** An object's fields in document order; empty for anything else. */
    @SuppressWarnings("unchecked")
    public Map<String, JsonTree> fields() {
        return isObject() ? Collections.unmodifiableMap((Map<String, JsonTree>) value) : Map.of();
    }

    /** An array's items; empty for anything else. */
    @SuppressWarnings("unchecked")
    public List<JsonTree> items() {
        return isArray() ? Collections.unmodifiableList((List<JsonTree>) value) : List.of();
    }

    /** A scalar's text, or the fallback for anything else. */
    public String asText(String fallback) {
        return kind == Kind.SCALAR ? (String) value : fallback;
    }

    public String asText() {
        return asText("");
    }

    /** A whole number, or the fallback if this is not one. */
    public int asInt(int fallback) {
        try {
            return kind == Kind.SCALAR ? Integer.parseInt((String) value) : fallback;
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    /** Compact JSON, for log lines. Scalars are written as strings: their type is not kept. */
    @Override
    public String toString() {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = Json.FACTORY.createGenerator(out)) {
            write(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private void write(JsonGenerator g) throws IOException {
        switch (kind) {
            case OBJECT -> {
                g.writeStartObject();
                for (Map.Entry<String, JsonTree> field : fields().entrySet()) {
                    g.writeFieldName(field.getKey());
                    field.getValue().write(g);
                }
                g.writeEndObject();
            }
            case ARRAY -> {
                g.writeStartArray();
                for (JsonTree item : items()) {
                    item.write(g);
                }
                g.writeEndArray();
            }
            case SCALAR -> g.writeString((String) value);
            default -> g.writeNull();
        }
    }
}
