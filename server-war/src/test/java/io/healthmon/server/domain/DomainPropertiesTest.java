package io.healthmon.server.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import io.healthmon.report.DiskUsage;
import io.healthmon.report.FailedService;
import io.healthmon.server.MutableClock;
import io.healthmon.server.domain.AlertRules;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

class DomainPropertiesTest {

    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

    static Gen<ReportSummary> summaries() {
        // Some disks report inode use, some (file systems without fixed inodes) do not.
        Gen<DiskUsage> disk = doubles().between(0, 100).zip(doubles().between(-20, 100), (p, inodes) -> new DiskUsage(
                "/d" + (int) (p * 7), 100L, (long) p.doubleValue(), p, null, inodes < 0 ? null : 1000L,
                inodes < 0 ? null : (long) (inodes * 10), inodes < 0 ? null : inodes));
        Gen<List<FailedService>> failed = integers().between(0, 3).zip(Generate.booleans(), (n, known) -> known
                ? java.util.stream.IntStream.range(0, n).mapToObj(i -> new FailedService("u" + i + ".service", "failed", null)).toList()
                : null);
        return doubles().between(0, 100).zip(lists().of(disk).ofSizeBetween(0, 4), failed,
                (cpu, disks, f) -> new ReportSummary(NOW, cpu, 50.0, 1.0, disks, f));
    }

    @Test
    @DisplayName("Property 9: Down when silent beyond the timeout, else Warning exactly when a threshold is broken, else Healthy")
    void property9_healthClassification() {
        qt().withExamples(500)
                .forAll(summaries(), longs().between(0, 3_600), doubles().between(1, 99),
                        doubles().between(1, 99).zip(doubles().between(1, 99), (disk, inodes) -> new double[] {disk, inodes}))
                .check((summary, silentSeconds, cpuThreshold, storageThresholds) -> {
                    double diskThreshold = storageThresholds[0];
                    double inodesThreshold = storageThresholds[1];
                    AlertRules rules = new AlertRules(cpuThreshold, diskThreshold, inodesThreshold, Duration.ofSeconds(300));
                    Classification c = HealthClassifier.classify(NOW.minusSeconds(silentSeconds), summary, rules, NOW);
                    boolean breach = summary.cpuUsage() > cpuThreshold
                            || summary.disks().stream().anyMatch(d -> d.percentage() > diskThreshold)
                            || summary.disks().stream().anyMatch(d -> d.inodesPercentage() != null && d.inodesPercentage() > inodesThreshold)
                            || (summary.failedServices() != null && !summary.failedServices().isEmpty());
                    HealthState expected = silentSeconds > 300 ? HealthState.DOWN
                            : breach ? HealthState.WARNING : HealthState.HEALTHY;
                    return c.state() == expected && (expected == HealthState.HEALTHY) == c.reasons().isEmpty();
                });
    }

    @Test
    void aServerNeverSeenIsNotHealthy() {
        assertEquals(HealthState.NEVER_SEEN, HealthClassifier.classify(null, null, AlertRules.DEFAULTS, NOW).state());
    }

    @Test
    @DisplayName("Property 12: API keys carry 32 random bytes, are distinct, and only their SHA-256 hash is stored")
    void property12_apiKeysAreStrongAndStoredAsHashes() {
        Set<String> seen = new HashSet<>();
        qt().withExamples(200).forAll(integers().between(0, 1000)).check(ignored -> {
            String key = ApiKeys.generate();
            byte[] raw = Base64.getUrlDecoder().decode(key.substring(ApiKeys.PREFIX.length()));
            String hash = ApiKeys.hash(key);
            return raw.length >= 32 && seen.add(key) && hash.length() == 64 && hash.matches("[0-9a-f]{64}")
                    && !hash.contains(key) && hash.equals(ApiKeys.hash(key))
                    && ApiKeys.visiblePrefix(key).length() < 12;
        });
    }

    @Test
    void comparingSecretsDoesNotShortCircuitOnLength() {
        assertTrue(ApiKeys.constantTimeEquals("abc", "abc"));
        assertFalse(ApiKeys.constantTimeEquals("abc", "abd"));
        assertFalse(ApiKeys.constantTimeEquals("abc", "abcd"));
    }
    @Test
    @DisplayName("Property 14: a client over its rate is refused with a wait, and within its rate is never refused")
    void property14_rateLimitsRefuseExactlyTheExcess() {
        qt().withExamples(200).forAll(integers().between(1, 600), integers().between(1, 50), integers().between(0, 200))
                .check((perMinute, burst, requests) -> {
                    MutableClock clock = new MutableClock(NOW);
                    RateLimiter<String> limiter = new RateLimiter<>(perMinute, burst, clock);
                    int allowed = 0;
                    for (int i = 0; i < requests; i++) {
                        RateLimiter.Decision d = limiter.tryAcquire("client");
                        if (d.allowed()) {
                            allowed++;
                        } else if (d.retryAfterSeconds() < 1) {
                            return false; // a refusal always says how long to wait
                        }
                    }
                    // All at one instant: exactly the burst passes.
                    if (allowed != Math.min(requests, burst)) {
                        return false;
                    }
                    // Another client is not affected, and after the advertised wait this one may send again.
                    if (!limiter.tryAcquire("other").allowed()) {
                        return false;
                    }
                    if (requests > burst) {
                        clock.advance(Duration.ofSeconds(limiter.secondsUntilAllowed("client")));
                        return limiter.tryAcquire("client").allowed();
                    }
                    return true;
                });
    }
}
