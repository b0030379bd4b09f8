package io.healthmon.server.rest.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.healthmon.server.domain.Silence;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** A silence as operators read it: its state now is {@code active}, {@code pending} or {@code expired}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SilenceView(
        @JsonProperty("id") long id,
        @JsonProperty("server") String server,
        @JsonProperty("server_pattern") String serverPattern,
        @JsonProperty("kinds") List<String> kinds,
        @JsonProperty("subject") String subject,
        @JsonProperty("starts_at") Instant startsAt,
        @JsonProperty("ends_at") Instant endsAt,
        @JsonProperty("comment") String comment,
        @JsonProperty("created_by") String createdBy,
        @JsonProperty("created_at") Instant createdAt,
        @JsonProperty("state") String state) {

    static SilenceView of(Silence s, Instant now) {
        return new SilenceView(s.id(), s.server(), s.serverPattern() == null ? null : s.serverPattern().glob(),
                s.kinds().stream().map(Enum::name).sorted().toList(), s.subject(), s.startsAt(), s.endsAt(), s.comment(),
                s.createdBy(), s.createdAt(), s.stateAt(now).name().toLowerCase(Locale.ROOT));
    }
}
