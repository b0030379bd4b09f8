package io.healthmon.archfixture.cycle.b;

import io.healthmon.archfixture.cycle.a.Ping;

/** The other half: b depends on a. */
public class Pong {
    Ping ping;
}
