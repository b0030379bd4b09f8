package io.healthmon.launcher;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** The launcher's own lines on the terminal, time-stamped in UTC. */
final class Console {

    private Console() {
    }

    static void say(String message) {
        System.out.println(Instant.now().truncatedTo(ChronoUnit.SECONDS) + " healthmon: " + message);
    }
}
