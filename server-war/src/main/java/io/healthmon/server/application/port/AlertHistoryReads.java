package io.healthmon.server.application.port;

import io.healthmon.server.domain.AlertHistory;
import java.util.List;

/**
 * The alerts as operators read them back. {@code state} (OPEN, RESOLVED) and {@code serverId} narrow
 * the alerts read; null for either means any.
 */
public interface AlertHistoryReads {

    /**
     * One page of the alerts, newest opened first, each with every webhook delivery of its notices in
     * the order they were written, and no silences (the caller knows which are active).
     */
    List<AlertHistory> page(String state, String serverId, int offset, int limit);

    /** How many alerts there are in all pages. */
    long count(String state, String serverId);
}
