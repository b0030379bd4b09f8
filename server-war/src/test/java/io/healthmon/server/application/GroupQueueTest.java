package io.healthmon.server.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GroupQueueTest {

    private final ExecutorService writers = Executors.newCachedThreadPool();

    @AfterEach
    void stopWriters() {
        writers.shutdownNow();
    }

    @Test
    void whileAGroupIsStoredTheNextWaitsAndThenTakesEverythingThatGathered() throws Exception {
        GroupQueue<String> queue = new GroupQueue<>(200, Duration.ofSeconds(30));
        queue.add("a");
        assertEquals(List.of("a"), queue.take(1, TimeUnit.SECONDS));
        CompletableFuture<List<String>> second = takeElsewhere(queue);
        queue.add("b");
        queue.add("c");
        Thread.sleep(200);
        queue.add("d");
        assertFalse(second.isDone(), "a second writer started while the first was storing");

        queue.done();
        assertEquals(List.of("b", "c", "d"), second.get(5, TimeUnit.SECONDS));
    }

    @Test
    void aStoringWriterThatDoesNotFinishBringsInTheNextAfterTheReliefTime() throws Exception {
        Duration relief = Duration.ofMillis(150);
        GroupQueue<String> queue = new GroupQueue<>(200, relief);
        queue.add("a");
        assertEquals(List.of("a"), queue.take(1, TimeUnit.SECONDS));

        long before = System.nanoTime();
        queue.add("b");
        List<String> second = takeElsewhere(queue).get(5, TimeUnit.SECONDS);
        long waited = System.nanoTime() - before;
        assertEquals(List.of("b"), second);
        assertTrue(waited >= relief.toNanos(), "taken after " + waited / 1_000_000 + " ms");
    }

    @Test
    void withNoReliefTimeEveryFreeWriterTakesAtOnce() throws Exception {
        GroupQueue<String> queue = new GroupQueue<>(200, Duration.ZERO);
        queue.add("a");
        queue.take(1, TimeUnit.SECONDS);
        queue.add("b");
        assertEquals(List.of("b"), takeElsewhere(queue).get(5, TimeUnit.SECONDS));
    }

    @Test
    void aGroupHoldsAtMostTheMaximumOldestFirstAndNothingIsEmpty() throws Exception {
        GroupQueue<Integer> queue = new GroupQueue<>(3, Duration.ZERO);
        IntStream.range(0, 5).forEach(queue::add);
        assertEquals(List.of(0, 1, 2), queue.take(1, TimeUnit.SECONDS));
        queue.done();
        assertEquals(List.of(3, 4), queue.take(1, TimeUnit.SECONDS));
        queue.done();
        assertEquals(List.of(), queue.take(10, TimeUnit.MILLISECONDS), "nothing came: an empty group");
    }

    @Test
    void concurrentWritersTakeEveryItemExactlyOnce() throws Exception {
        GroupQueue<Integer> queue = new GroupQueue<>(50, Duration.ofMillis(1));
        ConcurrentLinkedQueue<Integer> taken = new ConcurrentLinkedQueue<>();
        int items = 20_000;
        List<CompletableFuture<Void>> running = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            running.add(CompletableFuture.runAsync(() -> {
                try {
                    while (taken.size() < items) {
                        List<Integer> group = queue.take(50, TimeUnit.MILLISECONDS);
                        if (!group.isEmpty()) {
                            assertTrue(group.size() <= 50, "group of " + group.size());
                            taken.addAll(group);
                            queue.done();
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, writers));
        }
        IntStream.range(0, items).parallel().forEach(queue::add);
        CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        assertEquals(items, taken.size());
        assertEquals(items, taken.stream().distinct().count(), "an item was taken twice");
    }

    private CompletableFuture<List<String>> takeElsewhere(GroupQueue<String> queue) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return queue.take(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }, writers);
    }
}
