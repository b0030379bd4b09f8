package io.healthmon.server.rest;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Map;

/** The API lives under {@code /api}; Payara's JSON-B default is swapped for Jackson (records, annotations). */
@ApplicationPath("api")
public class RestApplication extends Application {

    @Override
    public Map<String, Object> getProperties() {
        // Resources validate explicitly (ReportValidator, QueryParameters); Jersey's own Bean Validation
        // of every resource call found nothing to check and cost CPU on every request (docs/decisions/0004).
        return Map.of("jersey.config.jsonFeature", "JacksonFeature",
                "jersey.config.beanValidation.disable.server", true);
    }
}
