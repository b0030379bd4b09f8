package io.healthmon.server.domain;

/**
 * Where a history answer's points come from: the reports themselves, or their 5-minute or hourly
 * rollups. A level's buckets start on multiples of its width from the epoch.
 */
public enum HistoryLevel {
    RAW("raw", 0),
    FIVE_MINUTES("5m", 300),
    HOURLY("1h", 3600);

    private final String label;
    private final long bucketSeconds;

    HistoryLevel(String label, long bucketSeconds) {
        this.label = label;
        this.bucketSeconds = bucketSeconds;
    }

    /** The level's name in the API. */
    public String label() {
        return label;
    }

    /** The width of the level's stored buckets; 0 for the reports. */
    public long bucketSeconds() {
        return bucketSeconds;
    }
}
