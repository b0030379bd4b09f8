package io.healthmon.server.cluster;

/**
 * Work one instance of the cluster does for all, whichever instance holds its lease. Each stays safe
 * if two instances ever did it at once (a holder stalled past its lease): the lease decides who works,
 * row locks and unique keys keep a doubled run harmless.
 */
public enum Duty {
    /** Marks silent servers Down and opens their offline alerts. */
    OFFLINE_DETECTION("offline-detection"),
    /** Creates the metrics table's daily partitions ahead and drops those past retention. */
    METRICS_PARTITIONS("metrics-partitions"),
    /** Sweeps the webhook outbox for retries due and deliveries whose lease ran out. */
    WEBHOOK_OUTBOX("webhook-outbox"),
    /** Posts the open and lately resolved alerts to each Alertmanager receiver again, as Alertmanager expects. */
    ALERTMANAGER_REPEAT("alertmanager-repeat"),
    /** Tells, once, the notices silences held back, when no silence covers them any more. */
    SILENCE_ENDS("silence-ends"),
    /** Rolls the metrics up into 5-minute and hourly buckets, and deletes each level of history past its retention. */
    HISTORY("history"),
    /** Fits each disk's use over the forecast window and opens or resolves its DISK_FILLING alert. */
    DISK_FORECAST("disk-forecast");

    private final String key;

    Duty(String key) {
        this.key = key;
    }

    /** The duty's name in the database and the API. */
    public String key() {
        return key;
    }
}
