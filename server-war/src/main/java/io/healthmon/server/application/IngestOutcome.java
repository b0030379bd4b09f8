package io.healthmon.server.application;

import java.util.List;

/** The answer to one ingestion request: counts, and each report's fate in request order. */
public record IngestOutcome(int accepted, int duplicates, int rejected, List<ReportResult> results) {

    public static IngestOutcome of(List<ReportResult> results) {
        int stored = 0;
        int duplicates = 0;
        int rejected = 0;
        for (ReportResult r : results) {
            switch (r.status()) {
                case STORED -> stored++;
                case DUPLICATE -> duplicates++;
                case REJECTED -> rejected++;
            }
        }
        return new IngestOutcome(stored, duplicates, rejected, List.copyOf(results));
    }

    public boolean allRejected() {
        return rejected == results.size();
    }
}
