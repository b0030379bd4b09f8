/**
 * The ports the application owns towards its storage: interfaces in the application's terms (server
 * refs, key hashes, domain values and instants, never entities), implemented by the adapters in
 * {@code persistence}. A use case depends on these; persistence depends on them to implement them, so
 * the dependency points from the adapter to the application. Callers provide the transaction unless a
 * method says otherwise. ArchUnit ({@code ServerLayeringTest}) fails the build on any use of
 * persistence outside it. {@link PlatformReference} marks an implementation kept as the reference a
 * faster one is held to.
 */
package io.healthmon.server.application.port;
