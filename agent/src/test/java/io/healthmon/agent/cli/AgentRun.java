package io.healthmon.agent.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.healthmon.agent.collect.Collector;
import io.healthmon.agent.collect.CollectorRunner;
import io.healthmon.agent.collect.ReportBuilder;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/** An agent's {@link AgentService#run} on a thread of its own, as the agent's main runs it, for tests. */
final class AgentRun {

    private final AgentService agent;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final Thread thread;

    private AgentRun(AgentService agent) {
        this.agent = agent;
        this.thread = new Thread(() -> {
            try {
                agent.run();
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "test-agent");
    }

    static AgentRun start(AgentService agent) {
        AgentRun run = new AgentRun(agent);
        run.thread.start();
        return run;
    }

    /** Stops the agent as SIGTERM does and waits for it, then checks it ended by itself and without error. */
    void stopAndCheckItEnded() throws InterruptedException {
        agent.stop();
        thread.join(10_000);
        assertFalse(thread.isAlive(), "stopped");
        assertNull(failure.get());
    }

    /** Collectors that report only an uptime of 1 s: the smallest valid report. */
    static CollectorRunner uptimeOnly(Clock clock) {
        Collector uptime = new Collector() {
            @Override
            public String name() {
                return "uptime";
            }

            @Override
            public void collect(ReportBuilder report) {
                report.uptime(1);
            }
        };
        return new CollectorRunner(List.of(uptime), clock, "web-01", "test");
    }
}
