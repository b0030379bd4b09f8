package io.healthmon.archfixture.cycle.a;

import io.healthmon.archfixture.cycle.b.Pong;

/** Half of a package cycle: a depends on b. */
public class Ping {
    Pong pong;
}
