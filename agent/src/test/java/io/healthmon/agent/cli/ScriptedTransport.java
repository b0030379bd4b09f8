package io.healthmon.agent.cli;

import io.healthmon.agent.transport.SendOutcome;
import io.healthmon.agent.transport.Transport;
import io.healthmon.report.MetricsReport;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Answers each request with the next scripted outcome, and records what it was sent. */
final class ScriptedTransport implements Transport {

    private final Deque<SendOutcome> script;
    final List<List<MetricsReport>> requests = new CopyOnWriteArrayList<>();

    ScriptedTransport(SendOutcome... outcomes) {
        this.script = new ArrayDeque<>(Arrays.asList(outcomes));
    }

    @Override
    public synchronized SendOutcome send(List<MetricsReport> reports) {
        requests.add(List.copyOf(reports));
        if (script.isEmpty()) {
            throw new AssertionError("more requests than the test scripted: " + requests.size());
        }
        return script.poll();
    }
}
