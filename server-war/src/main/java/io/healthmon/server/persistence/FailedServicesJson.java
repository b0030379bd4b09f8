package io.healthmon.server.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.healthmon.report.FailedService;
import java.util.List;

/**
 * The failed-services list as the health row stores it: JSON text, null when the check was unavailable,
 * written as the metrics row's ({@code MetricsRow.of}).
 */
public final class FailedServicesJson {

    private static final ObjectMapper JSON = StoredJson.MAPPER;
    private static final TypeReference<List<FailedService>> LIST = new TypeReference<>() {
    };

    private FailedServicesJson() {
    }

    public static String write(List<FailedService> services) {
        return StoredJson.write(services, "failed services");
    }

    public static List<FailedService> read(String json) {
        if (json == null) {
            return null;
        }
        try {
            return JSON.readValue(json, LIST);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored failed services are not valid JSON", e);
        }
    }
}
