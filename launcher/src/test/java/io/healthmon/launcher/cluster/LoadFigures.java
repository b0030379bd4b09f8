package io.healthmon.launcher.cluster;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What a load with a kill in it came to: reports sent, acknowledged (2xx), the others by status (0:
 * no answer), and the longest time after the kill without a 2xx answer, counted from the kill to the
 * first 2xx, between 2xx answers, and from the last one to the end of the load (so a load that never
 * recovers shows its whole remainder). Acknowledgements per second around the kill show its shape.
 */
public record LoadFigures(long sent, long acknowledged, Map<Integer, Long> othersByStatus, Duration longestGapAfterKill,
                          Instant longestGapFrom, Map<Long, Long> acknowledgedPerSecondAroundKill) {

    private static final long SECONDS_BEFORE_KILL = 3;
    private static final long SECONDS_AFTER_KILL = 12;

    public static LoadFigures of(Collection<Answer> answers, Instant killedAt, Instant loadEnd) {
        List<Answer> all = List.copyOf(answers);
        long acknowledged = all.stream().filter(Answer::acknowledged).count();
        Map<Integer, Long> others = all.stream().filter(a -> !a.acknowledged())
                .collect(Collectors.groupingBy(Answer::status, TreeMap::new, Collectors.counting()));
        List<Instant> after = all.stream().filter(Answer::acknowledged).map(Answer::answeredAt)
                .filter(t -> !t.isBefore(killedAt) && !t.isAfter(loadEnd)).sorted().toList();
        List<Instant> bounds = new ArrayList<>();
        bounds.add(killedAt);
        bounds.addAll(after);
        bounds.add(loadEnd);
        Duration longest = Duration.ZERO;
        Instant from = killedAt;
        for (int i = 1; i < bounds.size(); i++) {
            Duration gap = Duration.between(bounds.get(i - 1), bounds.get(i));
            if (gap.compareTo(longest) > 0) {
                longest = gap;
                from = bounds.get(i - 1);
            }
        }
        Map<Long, Long> perSecond = new TreeMap<>();
        for (long s = -SECONDS_BEFORE_KILL; s < SECONDS_AFTER_KILL; s++) {
            perSecond.put(s, 0L);
        }
        for (Answer a : all) {
            long second = Math.floorDiv(Duration.between(killedAt, a.answeredAt()).toMillis(), 1000);
            if (a.acknowledged() && perSecond.containsKey(second)) {
                perSecond.merge(second, 1L, Long::sum);
            }
        }
        return new LoadFigures(all.size(), acknowledged, others, longest, from, perSecond);
    }

    /** Lines for the test's output, so that it documents the run. */
    public List<String> describe(Instant loadStart, Instant killedAt) {
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "reports sent %d, 2xx %d, other answers by status %s (0: no answer)",
                sent, acknowledged, othersByStatus));
        lines.add(String.format(Locale.ROOT, "kill -9 at %.1f s of the load; longest time without a 2xx after it %d ms, from %+d ms after the kill",
                Duration.between(loadStart, killedAt).toMillis() / 1000.0, longestGapAfterKill.toMillis(),
                Duration.between(killedAt, longestGapFrom).toMillis()));
        lines.add("2xx answers per second around the kill (second 0 begins at the kill): " + acknowledgedPerSecondAroundKill);
        return lines;
    }
}
