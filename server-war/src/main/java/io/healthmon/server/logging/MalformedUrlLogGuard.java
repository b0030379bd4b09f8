package io.healthmon.server.logging;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import java.time.Clock;
import java.time.Duration;
import java.util.logging.Filter;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Payara's web container logs a 30-line SEVERE stack trace for every request whose URL has a malformed
 * percent-escape ({@code GET /api/v1/servers/%ZZ}): its CoyoteAdapter catches only
 * {@code CharConversionException} around URL decoding, and Grizzly's decoder throws
 * {@code IllegalArgumentException}. The request never reaches this application, so anyone could fill
 * the log with one line of curl. This filter on the container's logger turns those records into one
 * line a minute with a count; every other record of that logger passes as before. It is removed when
 * the application stops, so no class of this application stays referenced by the server.
 */
@Startup
@Singleton
public class MalformedUrlLogGuard {

    static final String CONTAINER_LOGGER = "jakarta.enterprise.web.core";
    private static final Logger LOG = Logger.getLogger(MalformedUrlLogGuard.class.getName());

    /** Held so the filter is not lost when the logger is collected. */
    private Logger container;
    private Filter previous;
    private Filter installed;

    @PostConstruct
    void install() {
        container = Logger.getLogger(CONTAINER_LOGGER);
        previous = container.getFilter();
        installed = new Guard(previous, new ThrottledLog(LOG, Duration.ofMinutes(1), Clock.systemUTC()));
        container.setFilter(installed);
    }

    @PreDestroy
    void remove() {
        if (container.getFilter() == installed) {
            container.setFilter(previous);
        }
    }

    static final class Guard implements Filter {
        private final Filter previous;
        private final ThrottledLog throttled;

        Guard(Filter previous, ThrottledLog throttled) {
            this.previous = previous;
            this.throttled = throttled;
        }

        @Override
        public boolean isLoggable(LogRecord record) {
            String malformed = malformedUrl(record.getThrown());
            if (malformed != null) {
                throttled.warning("malformed-url", () -> "Refused a request whose URL is malformed (" + malformed
                        + "); Payara answers such requests itself, with an empty 200, before this application sees them");
                return false;
            }
            return previous == null || previous.isLoggable(record);
        }

        /** The decoder's message when the failure is a malformed percent-escape in a URL, else null. */
        static String malformedUrl(Throwable thrown) {
            for (Throwable t = thrown; t != null; t = t.getCause() == t ? null : t.getCause()) {
                if (t instanceof IllegalArgumentException && t.getMessage() != null && t.getMessage().startsWith("URLDecoder:")) {
                    String message = t.getMessage();
                    return message.length() > 200 ? message.substring(0, 200) : message;
                }
            }
            return null;
        }
    }
}
