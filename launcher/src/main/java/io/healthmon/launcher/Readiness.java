package io.healthmon.launcher;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Waits for the server's MicroProfile readiness probe to answer UP, and for a member to see its whole grid. */
final class Readiness {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /**
     * What Payara logs when the application could not be deployed (a setting it refused, say). Payara
     * Micro keeps running without it, so the launcher stops at this line rather than at the deadline.
     */
    static final String DEPLOYMENT_FAILED = "Exception while loading the app";

    /** The server's readiness data counts the members of its grid (1 alone). */
    private static final Pattern MEMBERS = Pattern.compile("\"members\"\\s*:\\s*\"?(\\d+)");

    /** The member count of the last UP answer, when it had one. */
    private volatile Optional<Integer> lastMembers = Optional.empty();

    /**
     * True once {@code /health/ready} answers 200; false when the deadline passes, the server dies or
     * its log says the application could not be deployed.
     */
    boolean await(URI base, ChildProcess server, Duration timeout) throws InterruptedException {
        return await(base, server, 1, timeout);
    }

    /**
     * True once {@code /health/ready} answers 200 and, for {@code members} above 1, its data counts that many
     * members of the grid: the instance has joined the others. False as {@link #await(URI, ChildProcess, Duration)}.
     */
    boolean await(URI base, ChildProcess server, int members, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/health/ready")).timeout(Duration.ofSeconds(5)).GET().build();
        while (Instant.now().isBefore(deadline) && server.isAlive()
                && server.firstLineContaining(DEPLOYMENT_FAILED).isEmpty()) {
            try {
                HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() == 200) {
                    lastMembers = members(answer.body());
                    if (members <= 1 || lastMembers.equals(Optional.of(members))) {
                        return true;
                    }
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(1000);
        }
        return false;
    }

    /** How many members the last UP answer counted, if it was UP and counted them. */
    Optional<Integer> lastMembers() {
        return lastMembers;
    }

    static Optional<Integer> members(String readinessBody) {
        Matcher m = MEMBERS.matcher(readinessBody);
        return m.find() ? Optional.of(Integer.parseInt(m.group(1))) : Optional.empty();
    }
}
