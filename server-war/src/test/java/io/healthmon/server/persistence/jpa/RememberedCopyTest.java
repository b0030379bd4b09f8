package io.healthmon.server.persistence.jpa;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RememberedCopyTest {

    private final AtomicInteger reads = new AtomicInteger();

    @Test
    void readsOnceWhileFreshAndAgainOnceForgotten() {
        RememberedCopy<Integer> copy = new RememberedCopy<>(Duration.ofHours(1), reads::incrementAndGet);
        assertEquals(1, copy.get());
        assertEquals(1, copy.get(), "kept while fresh");
        copy.forget();
        assertEquals(2, copy.get(), "read again once forgotten");
        assertEquals(2, reads.get());
    }

    @Test
    void readsAgainOnceTooOld() {
        RememberedCopy<Integer> copy = new RememberedCopy<>(Duration.ZERO, reads::incrementAndGet);
        assertEquals(1, copy.get());
        assertEquals(2, copy.get(), "a copy remembered for no time is read each time");
    }
}
