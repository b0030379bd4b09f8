package io.healthmon.server.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.healthmon.report.ReportJson;

/**
 * The one mapper for the JSON the database holds (a report's disks, network and failed units, the
 * health row's failed units): the report's own wire format, so a stored part reads back as it came.
 */
public final class StoredJson {

    public static final ObjectMapper MAPPER = ReportJson.newMapper();

    private StoredJson() {
    }

    /** The value as stored JSON text, null as SQL's NULL; {@code what} names it if it cannot be written. */
    public static String write(Object value, String what) {
        if (value == null) {
            return null;
        }
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(what + " could not be written as JSON", e);
        }
    }
}
