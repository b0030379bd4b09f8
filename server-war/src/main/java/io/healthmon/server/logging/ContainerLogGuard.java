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
 * open (RAR5038, RAR5117, RAR5114), and more for each connection lost, so a database outage under
 * load writes dozens of lines per request.</li>
 * </ul>
 * Filters on those loggers turn each kind (the malformed URL; each of the pool's messages, by its key)
 * into one line a minute with a count and no stack trace; the web container's other records pass as
 * before. They are removed when the application stops, so no class of this
 * application stays referenced by the server.
 */
@Startup
@Singleton
public class ContainerLogGuard {

    static final String WEB_CONTAINER = "jakarta.enterprise.web.core";
    /** The connection pool's loggers, and the transaction manager's that reports its lost connections; a filter is not inherited, so each is named. */
    static final List<String> POOL_LOGGERS = List.of(
            "javax.enterprise.resource.resourceadapter.com.sun.enterprise.connectors",
            "javax.enterprise.resource.resourceadapter.com.sun.enterprise.resource",
            "javax.enterprise.resource.resourceadapter.com.sun.enterprise.resource.allocator",
            "javax.enterprise.resource.resourceadapter.com.sun.enterprise.resource.pool",
            "javax.enterprise.resource.resourceadapter.com.sun.enterprise.resource.rm",
            "javax.enterprise.resource.jta.com.sun.enterprise.transaction",
            "javax.enterprise.resource.resourceadapter.com.sun.gjc.spi",
            "javax.enterprise.resource.resourceadapter.com.sun.gjc.spi.jdbc40",
            "javax.enterprise.resource.resourceadapter.com.sun.gjc.util");
    private static final Logger LOG = Logger.getLogger(ContainerLogGuard.class.getName());

    /** Held so the filters are not lost when a logger is collected. */
    private final List<Installed> installed = new ArrayList<>();

    @PostConstruct
    void install() {
        ThrottledLog throttled = new ThrottledLog(LOG, Duration.ofMinutes(1), Clock.systemUTC());
        List<String> names = new ArrayList<>(POOL_LOGGERS);
        names.add(WEB_CONTAINER);
        for (String name : names) {
            Logger logger = Logger.getLogger(name);
            Filter guard = new Guard(logger.getFilter(), throttled, POOL_LOGGERS.contains(name));
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
        private final boolean pool;

        Guard(Filter previous, ThrottledLog throttled, boolean pool) {
            this.previous = previous;
            this.throttled = throttled;
            this.pool = pool;
        }

        @Override
        public boolean isLoggable(LogRecord record) {
            String malformed = malformedUrl(record.getThrown());
            if (malformed != null) {
                throttled.warning("malformed-url", () -> "Refused a request whose URL is malformed (" + malformed
                        + "); Payara answers such requests itself, with an empty 200, before this application sees them");
                return false;
            }
            if (pool && record.getLevel().intValue() >= java.util.logging.Level.WARNING.intValue()) {
                String key = record.getMessage() == null ? "" : record.getMessage();
                throttled.warning("pool " + key, () -> "The database connection pool: " + firstLine(record)
                        + (record.getThrown() == null ? "" : " (" + record.getThrown() + ")"));
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

        private static String firstLine(LogRecord record) {
            String text = new java.util.logging.SimpleFormatter().formatMessage(record);
            int end = text.indexOf('\n');
            text = end < 0 ? text : text.substring(0, end);
            return text.length() > 300 ? text.substring(0, 300) : text;
        }
    }
}
