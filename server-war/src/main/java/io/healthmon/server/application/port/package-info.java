/**
 * The ports the application owns towards its storage: interfaces in the application's terms (server
 * refs, key hashes, domain values and instants, never entities), implemented by the adapters in
 * {@code persistence}. A use case depends on these; persistence depends on them to implement them, so
 * the dependency points from the adapter to the application. Callers provide the transaction unless a
 * method says otherwise. ArchUnit's frozen rule in {@code ServerLayeringTest} lists the uses of
 * persistence not yet behind a port.
 */
package io.healthmon.server.application.port;
