package io.healthmon.server.logging;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Filter;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Payara writes some log records once per request, which lets a flood of requests flood the log:
 * <ul>
 * <li>its web container logs a 30-line SEVERE stack trace for every request whose URL has a malformed
 * percent-escape ({@code /api/v1/servers/%ZZ}): its CoyoteAdapter catches only
 * {@code CharConversionException} around URL decoding, and Grizzly's decoder throws
 * {@code IllegalArgumentException}; the request never reaches this application;</li>
 * <li>its connection pool logs three warnings, with stack traces, for every connection it could not
 * open (RAR5038, RAR5117, RAR5114), so a database outage under load writes dozens of lines per
 * request.</li>
 * </ul>
 * Filters on those loggers turn each kind into one line a minute with a count; every other record of
 * those loggers passes as before. They are removed when the application stops, so no class of this
 * application stays referenced by the server.
 */
@Startup
@Singleton
public class ContainerLogGuard {

    static final String WEB_CONTAINER = "jakarta.enterprise.web.core";
    static final String CONNECTORS = "javax.enterprise.resource.resourceadapter.com.sun.enterprise.connectors";
    static final String JDBC_CONNECTOR = "javax.enterprise.resource.resourceadapter.com.sun.gjc.spi";
    static final String ALLOCATOR = "javax.enterprise.resource.resourceadapter.com.sun.enterprise.resource.allocator";
    /** The pool's messages for a connection it could not open, by key and by the code their text starts with. */
    static final java.util.Set<String> POOL_FAILURES = java.util.Set.of(
            "poolmgr.get_connection_failure", "jdbc.exc_get_conn", "poolmgr.create_resource_error",
            "RAR5117", "RAR5114", "RAR5038");
    private static final Logger LOG = Logger.getLogger(ContainerLogGuard.class.getName());

    /** Held so the filters are not lost when a logger is collected. */
    private final List<Installed> installed = new ArrayList<>();

    @PostConstruct
    void install() {
        ThrottledLog throttled = new ThrottledLog(LOG, Duration.ofMinutes(1), Clock.systemUTC());
        for (String name : List.of(WEB_CONTAINER, CONNECTORS, JDBC_CONNECTOR, ALLOCATOR)) {
            Logger logger = Logger.getLogger(name);
            Filter guard = new Guard(logger.getFilter(), throttled);
            installed.add(new Installed(logger, logger.getFilter(), guard));
            logger.setFilter(guard);
        }
    }

    @PreDestroy
    void remove() {
        for (Installed i : installed) {
            if (i.logger().getFilter() == i.guard()) {
                i.logger().setFilter(i.previous());
            }
        }
    }

    private record Installed(Logger logger, Filter previous, Filter guard) {
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
            if (isPoolAllocationFailure(record)) {
                throttled.warning("pool", () -> "The connection pool could not open a connection to the database: "
                        + firstLine(record));
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

        /** A message the pool writes for each connection it could not open: its key, or its text's code. */
        static boolean isPoolAllocationFailure(LogRecord record) {
            String raw = record.getMessage();
            if (raw == null) {
                return false;
            }
            if (POOL_FAILURES.contains(raw)) {
                return true;
            }
            String text = new java.util.logging.SimpleFormatter().formatMessage(record);
            int end = text.indexOf(' ');
            return POOL_FAILURES.contains(end < 0 ? text : text.substring(0, end));
        }

        private static String firstLine(LogRecord record) {
            String text = new java.util.logging.SimpleFormatter().formatMessage(record);
            int end = text.indexOf('\n');
            text = end < 0 ? text : text.substring(0, end);
            return text.length() > 300 ? text.substring(0, 300) : text;
        }
    }
}
