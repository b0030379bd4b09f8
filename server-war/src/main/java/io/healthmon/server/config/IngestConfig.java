package io.healthmon.server.config;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.Config;

/** Limits on what ingestion accepts, and how long metrics are kept. Read once at start-up. */
@ApplicationScoped
public class IngestConfig {

    public static final String MAX_BODY_BYTES = "healthmon.ingest.max-body-bytes";
    public static final String MAX_FUTURE_SKEW = "healthmon.ingest.max-future-skew";
    public static final String RETENTION = "healthmon.retention.days";
    public static final String WRITERS = "healthmon.ingest.writers";
    public static final String MAX_GROUP = "healthmon.ingest.max-group";

    @Inject
    Config config;

    private int maxBodyBytes;
    private Duration maxFutureSkew;
    private int retentionDays;
    private int writers;
    private int maxGroup;

    @PostConstruct
    void read() {
        ConfigReader reader = new ConfigReader(config);
        // 5 MiB holds a full batch of 500 reports from a host with dozens of disks.
        maxBodyBytes = reader.integer(MAX_BODY_BYTES, 5 * 1024 * 1024, 1024, 256 * 1024 * 1024);
        maxFutureSkew = reader.seconds(MAX_FUTURE_SKEW, Duration.ofMinutes(5), Duration.ZERO, Duration.ofDays(1));
        retentionDays = reader.integer(RETENTION, 30, 1, 3650);
        // Transactions writing concurrently; each takes one pooled connection while it runs. Fewer
        // writers make larger groups, and a group's cost is mostly paid once per group: on 2 cores
        // 4 writers gave 2,775 reports/s, 2 gave 3,771 and 1 gave 4,356. Two, so that a writer held
        // up (a lock wait, a slow connection) does not stop ingestion while it waits.
        writers = reader.integer(WRITERS, 2, 1, 64);
        // Requests stored together in one transaction, at most.
        maxGroup = reader.integer(MAX_GROUP, 200, 1, 5000);
    }

    public int maxBodyBytes() {
        return maxBodyBytes;
    }

    public Duration maxFutureSkew() {
        return maxFutureSkew;
    }

    public int retentionDays() {
        return retentionDays;
    }

    public int writers() {
        return writers;
    }

    public int maxGroup() {
        return maxGroup;
    }
}
