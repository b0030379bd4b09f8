package io.healthmon.server.web;

import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Method;
import java.util.logging.Logger;

/**
 * Closes the network connection a request came on, at once. The servlet API has no such call, and
 * {@code Connection: close} on an answer is not enough with Payara: its HTTP layer (Grizzly) keeps
 * reading a request body the client declared until the last byte comes, so a client sending a byte a
 * second would keep its connection for minutes after being told 408. So this goes through Payara's
 * own request objects (Catalina's request facade, then Grizzly's request and its connection), found by
 * reflection because a web application cannot import them. On a container without them it does
 * nothing but say so once; the answer's {@code Connection: close} still applies there.
 */
final class ConnectionCloser {

    private static final Logger LOG = Logger.getLogger(ConnectionCloser.class.getName());
    private static volatile boolean unsupportedTold;

    private ConnectionCloser() {
    }

    static void close(HttpServletRequest request) {
        try {
            Object catalina = call(unwrap(request), "getUnwrappedCoyoteRequest");
            Object grizzly = call(catalina, "getCoyoteRequest");
            Object context = call(grizzly, "getContext");
            Object connection = call(context, "getConnection");
            call(connection, "closeSilently");
        } catch (ReflectiveOperationException | RuntimeException e) {
            if (!unsupportedTold) {
                unsupportedTold = true;
                LOG.warning("Cannot close slow clients' connections on this container (" + e
                        + "); they are told Connection: close and end when their bodies do");
            }
        }
    }

    private static Object unwrap(HttpServletRequest request) {
        jakarta.servlet.ServletRequest r = request;
        while (r instanceof jakarta.servlet.ServletRequestWrapper wrapper) {
            r = wrapper.getRequest();
        }
        return r;
    }

    private static Object call(Object target, String method) throws ReflectiveOperationException {
        Method m = findPublic(target.getClass(), method);
        return m.invoke(target);
    }

    /** The method as declared by a public class or interface, so it can be called from here. */
    private static Method findPublic(Class<?> type, String name) throws NoSuchMethodException {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            if (java.lang.reflect.Modifier.isPublic(c.getModifiers())) {
                try {
                    return c.getMethod(name);
                } catch (NoSuchMethodException e) {
                    // look further up
                }
            }
            for (Class<?> i : c.getInterfaces()) {
                try {
                    return i.getMethod(name);
                } catch (NoSuchMethodException e) {
                    // next interface
                }
            }
        }
        throw new NoSuchMethodException(type.getName() + "." + name + "()");
    }
}
