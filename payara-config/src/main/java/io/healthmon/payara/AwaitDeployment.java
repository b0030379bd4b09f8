package io.healthmon.payara;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

/**
 * {@code java -cp healthmon-payara-config.jar io.healthmon.payara.AwaitDeployment URL SECONDS}: exits 0
 * once {@code URL} (the server's {@code /health/ready}) answers with the application's own
 * {@code database} check, and 1 when that has not happened within {@code SECONDS}. Payara Micro keeps
 * running when the WAR fails to deploy and has no option to exit instead; run as the systemd unit's
 * {@code ExecStartPost}, this turns such a start into a failed one, which {@code Restart=on-failure}
 * acts on. The check UP (200) or DOWN (503, PostgreSQL away) both mean the application is deployed.
 */
public final class AwaitDeployment {

    /** The name of the server's readiness check (DatabaseReadinessCheck), present only once the WAR is deployed. */
    static final String APPLICATION_CHECK = "\"database\"";

    private AwaitDeployment() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length != 2) {
            System.err.println("usage: AwaitDeployment READINESS_URL SECONDS");
            System.exit(2);
        }
        URI url = URI.create(args[0]);
        Duration timeout = Duration.ofSeconds(Long.parseLong(args[1]));
        if (await(url, timeout)) {
            System.out.println("healthmon: deployed (" + url + " answers with the application's readiness check)");
            System.exit(0);
        }
        System.err.println("healthmon: the application is not deployed " + timeout.toSeconds() + " s after the start ("
                + url + " has no readiness check of the application); see the server's log for why");
        System.exit(1);
    }

    static boolean await(URI url, Duration timeout) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(5)).GET().build();
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            try {
                HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (deployed(answer.statusCode(), answer.body())) {
                    return true;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(1000);
        }
        return false;
    }

    /** Readiness UP or DOWN that names the application's own check; Payara's answer without the WAR has none. */
    static boolean deployed(int status, String body) {
        return (status == 200 || status == 503) && body.contains(APPLICATION_CHECK);
    }
}
