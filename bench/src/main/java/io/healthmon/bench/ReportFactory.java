package io.healthmon.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.healthmon.report.DiskUsage;
import io.healthmon.report.FailedService;
import io.healthmon.report.LoadAverage;
import io.healthmon.report.Memory;
import io.healthmon.report.MetricsReport;
import io.healthmon.report.ReportJson;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;

/** Realistic reports: the seed's fields, three disks, values that wander, an occasional failed unit. */
final class ReportFactory {

    private static final ObjectMapper JSON = ReportJson.newMapper();
    private static final long GIB = 1024L * 1024 * 1024;

    private final SplittableRandom random;

    ReportFactory(long seed) {
        this.random = new SplittableRandom(seed);
    }

    String json(String serverId, Instant timestamp) {
        double cpu = round(random.nextDouble(0, 100));
        long memTotal = 16 * GIB;
        long memUsed = (long) (memTotal * random.nextDouble(0.2, 0.9));
        List<FailedService> failed = random.nextInt(50) == 0
                ? List.of(new FailedService("backup.service", "failed", timestamp.minusSeconds(600)))
                : List.of();
        MetricsReport report = MetricsReport.of(serverId, timestamp, cpu,
                new Memory(memTotal, memUsed, round(100.0 * memUsed / memTotal)),
                List.of(disk("/", 100 * GIB), disk("/var", 500 * GIB), disk("/home", 1000 * GIB)),
                new LoadAverage(round(random.nextDouble(0, 4)), round(random.nextDouble(0, 4)), round(random.nextDouble(0, 4))),
                86_400L + random.nextInt(1_000_000), failed);
        try {
            return JSON.writeValueAsString(report);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private DiskUsage disk(String mountpoint, long total) {
        long used = (long) (total * random.nextDouble(0.1, 0.95));
        return DiskUsage.of(mountpoint, total, used, round(100.0 * used / total));
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
