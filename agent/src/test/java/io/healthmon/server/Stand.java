package io.healthmon.server;

/** Stands for a server class, in the server's package, for the agent's layering rule to catch. */
public class Stand {
}
