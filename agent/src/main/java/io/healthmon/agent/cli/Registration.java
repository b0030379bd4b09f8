package io.healthmon.agent.cli;

import io.healthmon.agent.json.Json;
import io.healthmon.agent.json.JsonTree;
import io.healthmon.agent.transport.HttpPoster;
import io.healthmon.agent.transport.HttpTransport;
import io.healthmon.agent.transport.SendOutcome;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

/**
 * {@code register}: presents the enrollment token once, and writes the API key the server returns to
 * the key file, readable by the agent's user only (0600). The token itself is not stored. With several
 * servers (a cluster's instances) it asks them in order, going on to the next only when one is
 * unavailable as the sender judges it (no answer, 5xx, an answer not from healthmon's application);
 * any other refusal is the cluster's and ends the registration.
 */
final class Registration {

    private Registration() {
    }

    /** Registers with the first server that takes the request, and returns that server. */
    static URI register(HttpPoster http, List<URI> servers, String token, String serverId, Path keyFile) throws IOException {
        byte[] request = Json.bytes(g -> {
            g.writeStartObject();
            g.writeStringField("server_id", serverId);
            g.writeEndObject();
        }, false);
        Map<String, String> headers = Map.of("Authorization", "Bearer " + token, "Content-Type", "application/json");
        StringBuilder unavailable = new StringBuilder();
        for (int i = 0; i < servers.size(); i++) {
            HttpPoster.Response response;
            try {
                response = http.post(servers.get(i).resolve("api/v1/register"), headers, request);
            } catch (IOException e) {
                passOn(servers, i, HttpTransport.describe(e), unavailable);
                continue;
            }
            if (HttpTransport.outcome(response) instanceof SendOutcome.Unavailable away) {
                passOn(servers, i, away.reason(), unavailable);
                continue;
            }
            writeKey(keyFile, keyFrom(response));
            return servers.get(i);
        }
        throw new IOException("no server took the registration: " + unavailable);
    }

    /** Notes why server {@code i} could not take the registration, and says which is asked next. */
    private static void passOn(List<URI> servers, int i, String reason, StringBuilder unavailable) {
        unavailable.append(unavailable.length() == 0 ? "" : "; ").append(servers.get(i)).append(": ").append(reason);
        if (i + 1 < servers.size()) {
            Log.warn("registration: " + servers.get(i) + " is unavailable (" + reason + "); trying " + servers.get(i + 1));
        }
    }

    /** The key of a 201; any other answer that reaches here is the application's refusal. */
    private static String keyFrom(HttpPoster.Response response) throws IOException {
        if (response.status() != 201) {
            throw new IOException("the server refused the registration (" + response.status() + "): "
                    + HttpTransport.detail(response.body()));
        }
        String key = JsonTree.parseLeniently(response.body()).path("api_key").asText("");
        if (key.isEmpty()) {
            throw new IOException("the server's answer held no api_key");
        }
        return key;
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
