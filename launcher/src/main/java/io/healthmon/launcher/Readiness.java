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

    /** True once {@code /health/ready} answers 200; false when the deadline passes or the server dies. */
    boolean await(URI base, ChildProcess server, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/health/ready")).timeout(Duration.ofSeconds(5)).GET().build();
        while (Instant.now().isBefore(deadline) && server.isAlive()) {
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
