package io.healthmon.server.persistence;

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
}
