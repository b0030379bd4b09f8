package io.healthmon.agent.collect;

/** Fills one concern of the report. May throw: the runner records the failure and goes on. */
public interface Collector {

    /** A short name for logs and the report's collection_errors ("cpu", "disks", ...). */
    String name();

    void collect(ReportBuilder report) throws Exception;
}
