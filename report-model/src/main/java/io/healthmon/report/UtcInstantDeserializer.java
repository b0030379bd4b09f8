package io.healthmon.report;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.ContextualDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import java.io.IOException;
import java.time.Instant;

/**
 * Jackson's instant deserializer with a fast path for the UTC form agents send ({@link UtcInstantText});
 * every other token and text goes to Jackson's own, which a property test checks it agrees with.
 */
final class UtcInstantDeserializer extends StdScalarDeserializer<Instant> implements ContextualDeserializer {

    private static final long serialVersionUID = 1L;

    private final JsonDeserializer<Instant> standard;

    UtcInstantDeserializer(JsonDeserializer<Instant> standard) {
        super(Instant.class);
        this.standard = standard;
    }

    @Override
    public Instant deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        if (parser.hasToken(JsonToken.VALUE_STRING)) {
            Instant fast = UtcInstantText.parseOrNull(parser.getText());
            if (fast != null) {
                return fast;
            }
        }
        return standard.deserialize(parser, context);
    }

    /** A property with a pattern of its own is read by Jackson's deserializer alone. */
    @Override
    @SuppressWarnings("unchecked")
    public JsonDeserializer<?> createContextual(DeserializationContext context, BeanProperty property)
            throws JsonMappingException {
        JsonDeserializer<?> contextual = standard instanceof ContextualDeserializer c
                ? c.createContextual(context, property) : standard;
        if (findFormatOverrides(context, property, Instant.class).hasPattern()) {
            return contextual;
        }
        return contextual == standard ? this : new UtcInstantDeserializer((JsonDeserializer<Instant>) contextual);
    }
}
