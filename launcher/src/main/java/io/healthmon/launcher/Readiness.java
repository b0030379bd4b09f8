package io.healthmon.launcher;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

/** Waits for the server's MicroProfile readiness probe to answer UP. */
final class Readiness {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /**
     * What Payara logs when the application could not be deployed (a setting it refused, say). Payara
     * Micro keeps running without it, so the launcher stops at this line rather than at the deadline.
     */
    static final String DEPLOYMENT_FAILED = "Exception while loading the app";

    /**
     * True once {@code /health/ready} answers 200; false when the deadline passes, the server dies or
     * its log says the application could not be deployed.
     */
    boolean await(URI base, ChildProcess server, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/health/ready")).timeout(Duration.ofSeconds(5)).GET().build();
        while (Instant.now().isBefore(deadline) && server.isAlive()
                && server.firstLineContaining(DEPLOYMENT_FAILED).isEmpty()) {
            try {
                if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return true;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(1000);
        }
        return false;
    }
}
