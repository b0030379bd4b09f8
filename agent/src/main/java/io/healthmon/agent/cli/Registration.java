package io.healthmon.agent.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;

/**
 * {@code register}: presents the enrollment token once, and writes the API key the server returns to
 * the key file, readable by the agent's user only (0600). The token itself is not stored.
 */
final class Registration {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Registration() {
    }

    static void register(HttpClient client, URI serverUrl, String token, String serverId, Path keyFile, Duration timeout)
            throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(serverUrl.resolve("api/v1/register"))
                .timeout(timeout)
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(java.util.Map.of("server_id", serverId))))
                .build();
        HttpResponse<String> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (javax.net.ssl.SSLHandshakeException e) {
            throw new IOException(io.healthmon.agent.transport.HttpTransport.describe(e), e);
        }
        if (response.statusCode() != 201) {
            throw new IOException("the server refused the registration (" + response.statusCode() + "): "
                    + io.healthmon.agent.transport.HttpTransport.detail(response.body()));
        }
        JsonNode body = JSON.readTree(response.body());
        String key = body.path("api_key").asText("");
        if (key.isEmpty()) {
            throw new IOException("the server's answer held no api_key");
        }
        writeKey(keyFile, key);
    }

    /** Writes via a 0600 temporary file and a rename, so the key is never readable by others, even briefly. */
    static void writeKey(Path keyFile, String key) throws IOException {
        Path dir = keyFile.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = dir.resolve(keyFile.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(tmp, key + "\n");
        Files.move(tmp, keyFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
