package io.healthmon.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The options choosing how the connections are driven. */
class BenchOptionsTest {

    private static final String[] TOKENS = {"--enrollment-token", "e", "--admin-token", "a"};

    private static BenchOptions parse(String... args) throws Exception {
        String[] all = new String[TOKENS.length + args.length];
        System.arraycopy(TOKENS, 0, all, 0, TOKENS.length);
        System.arraycopy(args, 0, all, TOKENS.length, args.length);
        return BenchOptions.parse(all);
    }

    @Test
    void oneNonBlockingEventLoopByDefault() throws Exception {
        BenchOptions options = parse();
        assertEquals(1, options.ioThreads());
        assertFalse(options.blocking());
    }

    @Test
    void ioThreadsAndTheBlockingFlag() throws Exception {
        BenchOptions options = parse("--io-threads", "2", "--blocking", "--concurrency", "16");
        assertEquals(2, options.ioThreads());
        assertTrue(options.blocking());
        assertEquals(16, options.concurrency(), "the flag took no value from the options after it");
        assertThrows(IllegalArgumentException.class, () -> parse("--io-threads", "0"));
    }
}
