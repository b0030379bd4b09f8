package io.healthmon.server.application.port;

import io.healthmon.server.domain.DiskTrend;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Each disk's use over a window, as the sums a least-squares fit needs. */
public interface DiskTrendReads {

    /** Every server's disks reported since {@code since}, by server ref, with x in seconds from {@code now}. */
    Map<Long, List<DiskTrend>> fleet(Instant since, Instant now) throws SQLException;

    /**
     * One disk trend per mountpoint one server reported since {@code since}, with x in seconds from
     * {@code now}; empty when it reported none.
     */
    List<DiskTrend> server(long serverRef, Instant since, Instant now) throws SQLException;
}
