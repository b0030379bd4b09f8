package io.healthmon.server.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

class NetworkRatesTest {

    private static final Instant T = Instant.parse("2026-06-01T12:00:00Z");
    private static final Duration MAX_GAP = Duration.ofMinutes(15);

    private static NetworkRates.Sample sample(long secondsAfterT, Long uptime, long received, long sent) {
        return new NetworkRates.Sample(T.plusSeconds(secondsAfterT), uptime, received, sent);
    }

    @Test
    void theRateIsTheCounterGrowthOverTheTimeBetweenReports() {
        NetworkRates.Rate rate = NetworkRates.between(sample(0, 1000L, 1_000, 500), sample(60, 1060L, 61_000, 6_500), MAX_GAP);
        assertEquals(1000.0, rate.receivedPerSecond());
        assertEquals(100.0, rate.sentPerSecond());
    }

    @Test
    void aCounterThatWentDownGivesNoRateInThatDirectionOnly() {
        // The received counter was reset (a 32-bit counter wrapped, say); the sent one still grew.
        NetworkRates.Rate rate = NetworkRates.between(sample(0, null, 4_000_000_000L, 500), sample(60, null, 1_000, 6_500), MAX_GAP);
        assertNull(rate.receivedPerSecond());
        assertEquals(100.0, rate.sentPerSecond());
    }

    @Test
    void aRebootGivesNoRateEvenWhenTheCountersGrewPastTheirOldValues() {
        NetworkRates.Rate rate = NetworkRates.between(sample(0, 86_400L, 1_000, 1_000), sample(60, 30L, 5_000_000, 5_000_000), MAX_GAP);
        assertTrue(rate.isEmpty(), rate.toString());
    }

    @Test
    void noRateAcrossALongSilenceOrBetweenReportsOfTheSameInstantOrOutOfOrder() {
        assertTrue(NetworkRates.between(sample(0, null, 0, 0), sample(MAX_GAP.toSeconds() + 1, null, 10, 10), MAX_GAP).isEmpty());
        assertEquals(10.0 / MAX_GAP.toSeconds(),
                NetworkRates.between(sample(0, null, 0, 0), sample(MAX_GAP.toSeconds(), null, 10, 10), MAX_GAP).sentPerSecond());
        assertTrue(NetworkRates.between(sample(60, null, 0, 0), sample(60, null, 10, 10), MAX_GAP).isEmpty());
        assertTrue(NetworkRates.between(sample(60, null, 0, 0), sample(0, null, 10, 10), MAX_GAP).isEmpty());
    }

    @Test
    void aSeriesRatesEachInterfaceFromItsOwnPreviousReportAndLeavesOutTheUnknown() {
        NetworkRates.Report before = report(0, Map.of("eth0", new NetworkRates.Counters(0, 0)));
        List<NetworkRates.Report> reports = List.of(
                report(60, Map.of("eth0", new NetworkRates.Counters(6_000, 600), "wlan0", new NetworkRates.Counters(5, 5))),
                report(120, Map.of("eth0", new NetworkRates.Counters(12_000, 1_200))),
                report(180, Map.of("eth0", new NetworkRates.Counters(100, 1_800), "wlan0", new NetworkRates.Counters(65, 5))));
        List<Map<String, NetworkRates.Rate>> rates = NetworkRates.series(before, reports, MAX_GAP);
        assertEquals(Map.of("eth0", new NetworkRates.Rate(100.0, 10.0)), rates.get(0), "wlan0 has no report before");
        assertEquals(Map.of("eth0", new NetworkRates.Rate(100.0, 10.0)), rates.get(1));
        // eth0's received counter was reset; wlan0 is rated over the 120 s since its last report.
        assertEquals(Map.of("eth0", new NetworkRates.Rate(null, 10.0), "wlan0", new NetworkRates.Rate(0.5, 0.0)), rates.get(2));
        assertEquals(Map.of(), NetworkRates.series(null, reports.subList(0, 1), MAX_GAP).get(0), "no report before: no rate");
    }

    @Test
    void aBucketAveragesTheBytesOfItsValidIntervalsOverTheirSeconds() {
        assertEquals(50.0, NetworkRates.average(6_000.0, 120.0));
        assertNull(NetworkRates.average(null, null), "no valid interval in the bucket");
        assertNull(NetworkRates.average(0.0, 0.0));
    }

    private static NetworkRates.Report report(long secondsAfterT, Map<String, NetworkRates.Counters> interfaces) {
        return new NetworkRates.Report(T.plusSeconds(secondsAfterT), null, interfaces);
    }

    /** A series of one interface's reports: each a step in seconds (0 to 20 min) and a counter change, resets included. */
    private static Gen<List<long[]>> steps() {
        Gen<long[]> step = integers().between(0, 1_200).zip(longs().between(-5_000_000_000L, 5_000_000_000L),
                longs().between(-1_000_000L, 1_000_000_000L), (seconds, received, sent) -> new long[] {seconds, received, sent});
        return lists().of(step).ofSizeBetween(1, 30);
    }

    @Test
    void propertyRatesAreNeverNegativeAndEqualTheGrowthOverTheTimeWhenNothingWasReset() {
        qt().withExamples(300).forAll(steps(), longs().between(0, 1L << 40), longs().between(0, 1L << 40))
                .check((steps, startReceived, startSent) -> {
                    List<NetworkRates.Report> reports = new ArrayList<>();
                    long seconds = 0;
                    long received = startReceived;
                    long sent = startSent;
                    for (long[] s : steps) {
                        seconds += s[0];
                        // A step below zero is a counter reset: it starts again from the step's size.
                        received = s[1] < 0 ? -s[1] : received + s[1];
                        sent = s[2] < 0 ? -s[2] : sent + s[2];
                        reports.add(report(seconds, Map.of("eth0", new NetworkRates.Counters(received, sent))));
                    }
                    NetworkRates.Report first = report(0, Map.of("eth0", new NetworkRates.Counters(startReceived, startSent)));
                    List<Map<String, NetworkRates.Rate>> rates = NetworkRates.series(first, reports, MAX_GAP);
                    NetworkRates.Report previous = first;
                    for (int i = 0; i < reports.size(); i++) {
                        NetworkRates.Report now = reports.get(i);
                        NetworkRates.Rate rate = rates.get(i).get("eth0");
                        NetworkRates.Counters was = previous.interfaces().get("eth0");
                        NetworkRates.Counters is = now.interfaces().get("eth0");
                        long gap = Duration.between(previous.at(), now.at()).toSeconds();
                        boolean timely = gap > 0 && gap <= MAX_GAP.toSeconds();
                        if (!expected(rate == null ? null : rate.receivedPerSecond(), timely, was.received(), is.received(), gap)
                                || !expected(rate == null ? null : rate.sentPerSecond(), timely, was.sent(), is.sent(), gap)) {
                            return false;
                        }
                        previous = now;
                    }
                    return true;
                });
    }

    private static boolean expected(Double rate, boolean timely, long before, long after, long seconds) {
        if (rate != null && rate < 0) {
            return false;
        }
        if (!timely || after < before) {
            return rate == null;
        }
        return rate != null && Math.abs(rate - (after - before) / (double) seconds) <= 1e-9 * Math.max(1, rate);
    }
}
