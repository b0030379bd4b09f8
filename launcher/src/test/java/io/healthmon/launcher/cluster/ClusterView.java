package io.healthmon.launcher.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/v1/cluster} as one instance answered it: which instance answered, the members it
 * sees by name, and which instance holds each once-per-cluster duty.
 */
public record ClusterView(String thisInstance, boolean grid, List<String> members, Map<String, String> dutyHolders) {

    public static ClusterView parse(JsonNode body) {
        List<String> members = new ArrayList<>();
        body.path("members").forEach(m -> members.add(m.path("name").asText()));
        Map<String, String> duties = new LinkedHashMap<>();
        body.path("duties").forEach(d -> duties.put(d.path("duty").asText(), d.path("holder").asText()));
        return new ClusterView(body.path("this_instance").asText(), body.path("grid").asBoolean(), List.copyOf(members), duties);
    }

    /** The members' names, sorted. */
    public List<String> memberNames() {
        return members.stream().sorted().toList();
    }
}
