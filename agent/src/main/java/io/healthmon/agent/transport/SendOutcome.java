package io.healthmon.agent.transport;

import io.healthmon.agent.json.JsonTree;
import java.time.Duration;

/** What became of one request, as the agent must act on it. */
public sealed interface SendOutcome {

    /** 2xx: the server has every report of the request (stored, duplicate, or rejected individually). */
    record Accepted(JsonTree body) implements SendOutcome {
    }

    /**
     * A 4xx in problem+json from healthmon's application about these reports (400: invalid): they can
     * never succeed. No other answer may reject a report.
     */
    record Rejected(int status, String detail) implements SendOutcome {
    }

    /** 401/403: the key is wrong for this server; keep the reports, tell the operator. */
    record Unauthorized(int status, String detail) implements SendOutcome {
    }

    /**
     * 413: send fewer reports per request. {@code byApplication} when healthmon itself said so (in
     * problem+json); only then is a single report too large for good, rather than too large for a
     * proxy in front that a fixed configuration will let through.
     */
    record TooLarge(String detail, boolean byApplication) implements SendOutcome {
    }

    /**
     * healthmon's application refused the request, not the reports in it (404, 405, 406, 408, 415, 429
     * in problem+json: a wrong URL or request shape, a slow body, too many requests): keep them and
     * try again later, on the same server, because its judgement is the cluster's.
     */
    record RetryLater(String reason, Duration retryAfter) implements SendOutcome {
    }

    /**
     * The server did not take the request: no answer (refused, reset, timed out, an untrusted
     * certificate), a 5xx, or any other answer that is not healthmon's application's (an HTML 404
     * while it deploys, a 3xx, a proxy's error page). Another instance of a cluster may take it at
     * once; the reports are kept either way.
     */
    record Unavailable(String reason, Duration retryAfter) implements SendOutcome {
    }
}
