package io.healthmon.server.alerting.webhook;

import io.healthmon.server.config.WebhookConfig;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.Collection;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The delivery lanes of this server instance, one per receiver URL, made when a receiver first has
 * something to send. Lanes run on the platform's default managed executor, whose pool grows a thread
 * per concurrent task, so a lane stuck on a dead receiver never queues the others behind it.
 */
@ApplicationScoped
public class DeliveryLanes {

    @Resource
    ManagedExecutorService executor;

    @Inject
    LeasedOutbox outbox;

    @Inject
    WebhookClient client;

    @Inject
    WebhookConfig config;

    @Inject
    Clock clock;

    private final ConcurrentMap<String, DeliveryLane> lanes = new ConcurrentHashMap<>();

    /** Wakes the lanes of these receivers; each sends what it has due, without the caller waiting. */
    public void wake(Collection<String> receivers) {
        receivers.forEach(receiver -> lanes.computeIfAbsent(receiver, this::newLane).wake());
    }

    private DeliveryLane newLane(String receiver) {
        return new DeliveryLane(receiver, outbox, client, new ReceiverBreaker(config.breakerFailures(), config.breakerDelay()),
                clock, config.timeout(), executor);
    }
}
