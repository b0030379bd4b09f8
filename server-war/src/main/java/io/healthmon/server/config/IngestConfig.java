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
    public static final String RELIEF_AFTER_MS = "healthmon.ingest.relief-after-ms";
    public static final String ANSWER_WITHIN = "healthmon.ingest.answer-within";
    public static final String MAX_WAITING = "healthmon.ingest.max-waiting";
    public static final String REFERENCE_ENDPOINT = "healthmon.ingest.reference-endpoint";

    @Inject
    Config config;

    private int maxBodyBytes;
    private Duration maxFutureSkew;
    private int retentionDays;
    private int writers;
    private int maxGroup;
    private Duration reliefAfter;
    private Duration answerWithin;
    private int maxWaiting;
    private boolean referenceEndpoint;

    @PostConstruct
    void read() {
        ConfigReader reader = new ConfigReader(config);
        // 5 MiB holds a full batch of 500 reports from a host with dozens of disks.
        maxBodyBytes = reader.integer(MAX_BODY_BYTES, 1024, 256 * 1024 * 1024);
        maxFutureSkew = reader.duration(MAX_FUTURE_SKEW, Duration.ZERO, Duration.ofDays(1));
        retentionDays = reader.integer(RETENTION, 1, 3650);
        // Transactions writing concurrently, at most; each takes one pooled connection while it runs.
        // A group's cost is mostly paid once per group, so writers beyond the first store only when
        // requests have waited the relief time (see GroupCommit): two, so that a writer held up
        // (a lock wait, a slow connection) does not stop ingestion while it waits.
        writers = reader.integer(WRITERS, 1, 64);
        // Requests stored together in one transaction, at most.
        maxGroup = reader.integer(MAX_GROUP, 1, 5000);
        // How long requests wait for a busy writer before the next one starts on them: longer than a
        // group takes to store under steady load, so one writer stores at a time, and short against
        // the answer time agents should see, so a stalled writer adds little. 0: every free writer
        // starts at once.
        reliefAfter = Duration.ofMillis(reader.integer(RELIEF_AFTER_MS, 0, 60_000));
        // How long a request waits for its reports to be committed before it is answered 503 with
        // Retry-After: a database that stops answering (frozen, a lost network) holds no agent longer.
        answerWithin = reader.duration(ANSWER_WITHIN, Duration.ofSeconds(1), Duration.ofMinutes(5));
        // Requests waiting for a writer, at most; past that new requests are answered 503 at once, so a
        // server that cannot keep up sheds load instead of queueing without bound.
        maxWaiting = reader.integer(MAX_WAITING, 1, 1_000_000);
        // The push's platform reference (POST /api/v1/metrics/reference), for the test that holds the
        // push to it; off in production, where agents have no use for it.
        referenceEndpoint = reader.trueOrFalse(REFERENCE_ENDPOINT);
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

    public Duration reliefAfter() {
        return reliefAfter;
    }

    public Duration answerWithin() {
        return answerWithin;
    }

    public int maxWaiting() {
        return maxWaiting;
    }

    /** Whether POST /api/v1/metrics/reference answers; 404 otherwise. */
    public boolean referenceEndpoint() {
        return referenceEndpoint;
    }
}
