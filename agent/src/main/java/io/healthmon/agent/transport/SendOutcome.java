package io.healthmon.agent.transport;

import io.healthmon.agent.json.JsonTree;
import java.time.Duration;

/** What became of one request, as the agent must act on it. */
public sealed interface SendOutcome {

    /** 2xx: the server has every report of the request (stored, duplicate, or rejected individually). */
    record Accepted(JsonTree body) implements SendOutcome {
    }

    /** 400 and other final 4xx: these reports can never succeed. */
    record Rejected(int status, String detail) implements SendOutcome {
    }

    /** 401/403: the key is wrong for this server; keep the reports, tell the operator. */
    record Unauthorized(int status, String detail) implements SendOutcome {
    }

    /** 413: send fewer reports per request. */
    record TooLarge(String detail) implements SendOutcome {
    }

    /** 408, 429, 5xx or no answer: worth trying again later. */
    record RetryLater(String reason, Duration retryAfter) implements SendOutcome {
    }
}
