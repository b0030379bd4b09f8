package io.healthmon.server.web;

import io.healthmon.server.config.HttpConfig;
import io.healthmon.server.config.IngestConfig;
import io.healthmon.server.rest.ApiJson;
import io.healthmon.server.rest.problem.Problem;
import io.healthmon.server.rest.security.ClientAddresses;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.inject.Inject;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.Response;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Reads every request body before an endpoint sees it, without a thread waiting on the client. A body
 * that is there with its headers (nearly every agent's) is read at once and the request goes on as
 * usual. One still arriving is read as its bytes come ({@link ReadListener}), holding no request thread,
 * and must be complete within {@code healthmon.http.body-timeout}: else 408 and the connection is
 * closed. One client address may hold at most {@code healthmon.http.slow-bodies-per-address} such
 * bodies at once; past that, 429 and the connection is closed. So clients that send a byte a second
 * cost connections and a little memory, never the request threads everyone else needs.
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true, dispatcherTypes = DispatcherType.REQUEST)
public class RequestBodyDeadlineFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(RequestBodyDeadlineFilter.class.getName());
    private static final int CHUNK = 8192;
    private static final int STARTER_LOOKS = 5000;

    @Inject
    transient HttpConfig http;

    @Inject
    transient IngestConfig ingest;

    @Inject
    transient ClientAddresses clientAddresses;

    @Resource
    transient ManagedThreadFactory threads;

    /**
     * Runs the bodies' deadlines. Not the shared ManagedScheduledExecutorService: that carries the
     * submitting request's servlet context to the task's thread, which a request finished meanwhile
     * leaves in a state that breaks the scheduler's other tasks. A deadline only hands its answer to
     * the container ({@link AsyncContext#start}), which needs no context here.
     */
    private transient ScheduledThreadPoolExecutor deadlines;

    /** Bodies still arriving, per client address. */
    private final transient Map<String, AtomicInteger> slowBodies = new ConcurrentHashMap<>();

    @Override
    public void init() {
        deadlines = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = threads.newThread(task);
            thread.setName("healthmon-body-deadlines");
            thread.setDaemon(true);
            return thread;
        });
        deadlines.setRemoveOnCancelPolicy(true);
    }

    @Override
    public void destroy() {
        deadlines.shutdownNow();
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!hasBody(request) || request.getContentLengthLong() > ingest.maxBodyBytes()) {
            chain.doFilter(request, response); // nothing to wait for, or refused by the endpoint unread (413)
            return;
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream(Math.max(0, (int) Math.min(CHUNK, request.getContentLengthLong())));
        ServletInputStream in = request.getInputStream();
        byte[] chunk = new byte[CHUNK];
        // Without a read listener, isReady() says whether bytes are buffered, so these reads never block.
        if (!readBuffered(request, in, body, chunk)) {
            refuseAndClose(request, response, tooLarge(), 0);
            return;
        }
        if (in.isFinished() && !in.isReady() || arrived(request, body)) {
            chain.doFilter(new BufferedBodyRequest(request, body), response);
            return;
        }
        awaitBody(request, response, body, in, chunk);
    }

    /**
     * Reads the bytes already here, never past a declared length (what follows it belongs to the next
     * request on the connection); false once the body is larger than allowed, which a chunked body can
     * only show by being sent.
     */
    private boolean readBuffered(HttpServletRequest request, ServletInputStream in, ByteArrayOutputStream body, byte[] chunk)
            throws IOException {
        while (!arrived(request, body) && in.isReady()) {
            int n = in.read(chunk);
            if (n < 0) {
                return true;
            }
            body.write(chunk, 0, n);
            if (body.size() > ingest.maxBodyBytes()) {
                return false;
            }
        }
        return true;
    }

    private void awaitBody(HttpServletRequest request, HttpServletResponse response, ByteArrayOutputStream body,
                           ServletInputStream in, byte[] chunk) throws IOException {
        String address = clientAddresses.of(request);
        AtomicInteger held = slowBodies.computeIfAbsent(address, a -> new AtomicInteger());
        if (held.incrementAndGet() > http.slowBodiesPerAddress()) {
            release(address, held);
            refuseAndClose(request, response, Problem.of(Response.Status.TOO_MANY_REQUESTS, "too-many-slow-requests",
                    "this address is sending too many request bodies slowly at once; retry after 10 s"), 10);
            return;
        }
        AsyncContext async = request.startAsync(new BufferedBodyRequest(request, body), response);
        // The container's own timeout would also run out while the endpoint works after the dispatch
        // (and answer 500); the body's deadline is this filter's own, cancelled once the body is in.
        async.setTimeout(0);
        SlowBody slow = new SlowBody(address, held);
        // The deadline only starts the answer: the container's own thread for this asynchronous request
        // writes it (AsyncContext.start).
        slow.deadline = deadlines.schedule(() -> async.start(() -> {
            if (slow.settle()) {
                try {
                    refuseAndClose(request, response, Problem.of(Response.Status.REQUEST_TIMEOUT, "body-timeout",
                            "the request body did not arrive within " + http.bodyTimeout().toSeconds() + " s"), 0);
                } catch (IOException | RuntimeException e) {
                    LOG.log(Level.FINE, "Could not answer a request whose body timed out (the client may have gone)", e);
                }
                async.complete();
            }
        }), http.bodyTimeout().toMillis(), TimeUnit.MILLISECONDS);
        in.setReadListener(new ReadListener() {
            @Override
            public void onDataAvailable() throws IOException {
                if (slow.isSettled()) {
                    return;
                }
                if (!readBuffered(request, in, body, chunk)) {
                    if (slow.settle()) {
                        refuseAndClose(request, response, tooLarge(), 0);
                        async.complete();
                    }
                    return;
                }
                if (arrived(request, body)) {
                    onAllDataRead(); // the declared length is in; what the stream says after it does not matter
                }
            }

            @Override
            public void onAllDataRead() {
                if (slow.settle()) {
                    dispatchOnceStarterLeft(async, 0); // the endpoint runs as usual, reading the buffered body
                }
            }

            @Override
            public void onError(Throwable t) {
                if (slow.settle()) {
                    LOG.log(Level.FINE, "A request body could not be read (the client may have gone)", t);
                    async.complete();
                }
            }
        });
    }

    /**
     * Dispatches to the endpoint once the container thread that started the request has left it (see
     * {@link StartingThread}); until then it looks again every millisecond. That thread leaves within
     * microseconds, so the bound only guards against a container that never clears its flag.
     */
    private void dispatchOnceStarterLeft(AsyncContext async, int looks) {
        if (looks < STARTER_LOOKS && StartingThread.stillInside(async)) {
            deadlines.schedule(() -> dispatchOnceStarterLeft(async, looks + 1), 1, TimeUnit.MILLISECONDS);
            return;
        }
        if (looks == STARTER_LOOKS) {
            LOG.warning("The thread that started a request still held it after " + STARTER_LOOKS + " ms; dispatching anyway");
        }
        async.dispatch();
    }

    /**
     * A body still arriving: whichever comes first (its last byte, its deadline, too many bytes, a read
     * error) settles it, once, which cancels the deadline and frees its place among its address's.
     */
    private final class SlowBody {
        private final String address;
        private final AtomicInteger held;
        private final AtomicBoolean settled = new AtomicBoolean();
        private volatile ScheduledFuture<?> deadline;

        SlowBody(String address, AtomicInteger held) {
            this.address = address;
            this.held = held;
        }

        /** True for the one caller that settles it. */
        boolean settle() {
            if (!settled.compareAndSet(false, true)) {
                return false;
            }
            if (deadline != null) {
                deadline.cancel(false);
            }
            release(address, held);
            return true;
        }

        boolean isSettled() {
            return settled.get();
        }
    }

    private void release(String address, AtomicInteger held) {
        if (held.decrementAndGet() <= 0) {
            slowBodies.remove(address, held);
        }
    }

    private Problem tooLarge() {
        return Problem.of(Response.Status.REQUEST_ENTITY_TOO_LARGE, "too-large",
                "the body is larger than " + ingest.maxBodyBytes() + " bytes");
    }

    private static boolean hasBody(HttpServletRequest request) {
        return request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null;
    }

    /** A body of known length whose bytes are all here, though the stream has not said it ended yet. */
    private static boolean arrived(HttpServletRequest request, ByteArrayOutputStream body) {
        return request.getContentLengthLong() > 0 && body.size() >= request.getContentLengthLong();
    }

    /** Answers at once and closes the connection: a client this slow, or this large, does not get to keep it. */
    private static void refuseAndClose(HttpServletRequest request, HttpServletResponse response, Problem problem,
                                       int retryAfterSeconds) throws IOException {
        try {
            refuse(response, problem, retryAfterSeconds);
        } finally {
            ConnectionCloser.close(request);
        }
    }

    private static void refuse(HttpServletResponse response, Problem problem, int retryAfterSeconds) throws IOException {
        if (response.isCommitted()) {
            return;
        }
        byte[] json = ApiJson.MAPPER.writeValueAsBytes(problem);
        response.setStatus(problem.status());
        response.setHeader("Connection", "close");
        if (retryAfterSeconds > 0) {
            response.setHeader("Retry-After", Integer.toString(retryAfterSeconds));
        }
        response.setContentType(Problem.MEDIA_TYPE);
        response.setContentLength(json.length);
        response.getOutputStream().write(json);
        response.flushBuffer();
    }
}
