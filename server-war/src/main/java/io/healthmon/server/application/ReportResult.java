package io.healthmon.server.application;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/** What became of one report of a request, in request order. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ReportResult(Instant timestamp, Status status, List<Violation> errors) {

    public enum Status {
        STORED, DUPLICATE, REJECTED;

        @com.fasterxml.jackson.annotation.JsonValue
        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public ReportResult {
        errors = errors == null ? List.of() : List.copyOf(errors);
    }
}
