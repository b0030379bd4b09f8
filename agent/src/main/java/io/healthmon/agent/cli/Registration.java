package io.healthmon.agent.cli;

import io.healthmon.agent.json.Json;
import io.healthmon.agent.json.JsonTree;
import io.healthmon.agent.transport.HttpPoster;
import io.healthmon.agent.transport.HttpTransport;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

/**
 * {@code register}: presents the enrollment token once, and writes the API key the server returns to
 * the key file, readable by the agent's user only (0600). The token itself is not stored.
 */
final class Registration {

    private Registration() {
    }

    static void register(HttpPoster http, URI serverUrl, String token, String serverId, Path keyFile) throws IOException {
        byte[] request = Json.bytes(g -> {
            g.writeStartObject();
            g.writeStringField("server_id", serverId);
            g.writeEndObject();
        }, false);
        HttpPoster.Response response;
        try {
            response = http.post(serverUrl.resolve("api/v1/register"),
                    Map.of("Authorization", "Bearer " + token, "Content-Type", "application/json"), request);
        } catch (javax.net.ssl.SSLHandshakeException e) {
            throw new IOException(HttpTransport.describe(e), e);
        }
        if (response.status() != 201) {
            throw new IOException("the server refused the registration (" + response.status() + "): "
                    + HttpTransport.detail(response.body()));
        }
        String key = JsonTree.parseLeniently(response.body()).path("api_key").asText("");
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
