package io.healthmon.launcher;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The few calls the launcher makes as the operator, over the server's plain HTTP port on loopback. */
final class OperatorApi {

    private static final Pattern TOKEN = Pattern.compile("\"enrolment_token\"\\s*:\\s*\"([^\"]+)\"");

    private final URI base;
    private final String adminToken;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    OperatorApi(URI base, String adminToken) {
        this.base = base;
        this.adminToken = adminToken;
    }

    /** A one-time re-enrolment token for a registered server; using it revokes the server's other keys. */
    String enrolmentToken(String serverId) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(base.resolve("api/v1/servers/"
                        + URLEncoder.encode(serverId, StandardCharsets.UTF_8).replace("+", "%20") + "/enrolment"))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + adminToken)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"revoke_existing_keys\": true}"))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        Matcher token = TOKEN.matcher(response.body());
        if (response.statusCode() != 201 || !token.find()) {
            throw new IOException("the server did not issue a re-enrolment token for " + serverId + " ("
                    + response.statusCode() + "): " + response.body());
        }
        return token.group(1);
    }
}
