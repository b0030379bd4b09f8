package io.healthmon.report;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/** The one JSON configuration of the wire format: ISO-8601 instants, unknown fields ignored. */
public final class ReportJson {

    private ReportJson() {
    }

    /** A new mapper configured for the wire format; callers keep and reuse it (it is thread-safe). */
    public static ObjectMapper newMapper() {
        return JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                // A number where an integer is due (e.g. 1.5 bytes) is an error, not a silent truncation.
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                // Null for a primitive would otherwise become 0 and hide a broken agent.
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .build();
    }
}
