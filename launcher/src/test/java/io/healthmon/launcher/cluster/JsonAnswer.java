package io.healthmon.launcher.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;

/** An answer to a GET: its status ({@link Answer#NO_ANSWER} for none) and body, kept to show in a failure. */
public record JsonAnswer(int status, String body) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public boolean ok() {
        return status == 200;
    }

    /** The body as JSON; a missing node when it is not JSON. */
    public JsonNode json() {
        try {
            return body == null || body.isEmpty() ? MissingNode.getInstance() : JSON.readTree(body);
        } catch (IOException e) {
            return MissingNode.getInstance();
        }
    }

    @Override
    public String toString() {
        return status + " " + (body == null ? "" : body.length() > 500 ? body.substring(0, 500) + "..." : body);
    }
}
