package io.healthmon.server.web;

import jakarta.servlet.AsyncContext;
import java.lang.reflect.Field;
import java.util.logging.Logger;

/**
 * Whether the container thread that started an asynchronous request is still inside it. Payara loses
 * an {@link AsyncContext#dispatch()} made by another thread while that thread leaves: its
 * {@code AsyncContextImpl} parks the dispatch for the starting thread when
 * {@code delayAsyncDispatchAndComplete} is set, and the starting thread, clearing the flag on its way
 * out, runs only a dispatch already parked. A dispatch that checks the flag just before it is cleared,
 * and parks just after the starting thread looked, is never run, and its client waits for ever. So a
 * body finished by a read callback is dispatched only once this says the starting thread has left;
 * from then on Payara runs a dispatch at once. On a container without that field it says "left" and
 * tells so once, and the dispatch goes ahead as the servlet specification allows.
 */
final class StartingThread {

    private static final Logger LOG = Logger.getLogger(StartingThread.class.getName());
    private static final String PAYARA_FLAG = "delayAsyncDispatchAndComplete";
    private static volatile boolean unsupportedTold;

    private StartingThread() {
    }

    /** True while dispatching from another thread could be lost. */
    static boolean stillInside(AsyncContext async) {
        try {
            Field flag = find(async.getClass());
            return flag.getBoolean(async);
        } catch (ReflectiveOperationException | RuntimeException e) {
            if (!unsupportedTold) {
                unsupportedTold = true;
                LOG.info("This container's asynchronous requests have no " + PAYARA_FLAG + " (" + e
                        + "); slow request bodies are dispatched as soon as they are read");
            }
            return false;
        }
    }

    private static Field find(Class<?> type) throws NoSuchFieldException {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            try {
                Field field = c.getDeclaredField(PAYARA_FLAG);
                field.setAccessible(true);
                return field;
            } catch (NoSuchFieldException e) {
                // look further up
            }
        }
        throw new NoSuchFieldException(type.getName() + "." + PAYARA_FLAG);
    }
}
