package io.healthmon.server.rest;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.healthmon.report.ReportJson;

/**
 * The server's JSON mapper: the wire format's configuration, with tight reading limits so hostile
 * input (deeply nested arrays, megabyte numbers or strings) is refused cheaply as a 400.
 */
public final class ApiJson {

    public static final ObjectMapper MAPPER = create();

    private ApiJson() {
    }

    private static ObjectMapper create() {
        ObjectMapper mapper = ReportJson.newMapper();
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(32)
                .maxNumberLength(64)
                .maxStringLength(64 * 1024)
                .build());
        return mapper;
    }
}
