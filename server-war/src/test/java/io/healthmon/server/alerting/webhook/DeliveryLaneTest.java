package io.healthmon.server.alerting.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.healthmon.server.MutableClock;
import io.healthmon.server.application.port.WebhookDeliveryLease;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** A lane against an in-memory outbox and a scripted receiver, run on the calling thread. */
class DeliveryLaneTest {

    private static final String RECEIVER = "http://127.0.0.1:1/hook";
    private static final Duration CALL_BOUND = Duration.ofSeconds(10);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-06T10:00:00Z"));
    private final FakeOutbox outbox = new FakeOutbox();

    private DeliveryLane lane(Function<UUID, WebhookClient.Attempt> receiver) {
        WebhookClient client = new WebhookClient() {
            @Override
            public Attempt post(String url, UUID eventId, String body) {
                return receiver.apply(eventId);
            }
        };
        return new DeliveryLane(RECEIVER, outbox, client, new ReceiverBreaker(3, Duration.ofSeconds(60)), clock, CALL_BOUND,
                Runnable::run);
    }

    @Test
    void aReceiverThatDoesNotAnswerGetsThreeCallsThenItsDeliveriesWaitWithTheirAttemptsUnspent() {
        outbox.pending(10);
        lane(id -> {
            clock.advance(Duration.ofSeconds(1));
            return WebhookClient.Attempt.unanswered("ConnectException");
        }).wake();

        assertEquals(3, outbox.recorded.size(), "three attempts, then the breaker opened: " + outbox.recorded);
        assertEquals(1, outbox.released.size(), "the rest of the claim went back unattempted");
        assertEquals(1, outbox.claims, "an open breaker claims nothing more");
    }

    @Test
    void aReceiverThatAnswersWithAnErrorIsStillCalledForEveryDueDelivery() {
        outbox.pending(25);
        lane(id -> WebhookClient.Attempt.refused("HTTP 500", Optional.empty())).wake();

        assertEquals(25, outbox.recorded.size());
        assertTrue(outbox.recorded.stream().noneMatch(WebhookClient.Attempt::delivered));
        assertTrue(outbox.released.isEmpty());
    }

    @Test
    void aClaimWhoseLeaseCannotCoverAnotherCallIsHandedBackAndClaimedAfresh() {
        outbox.pending(4);
        lane(id -> {
            clock.advance(CALL_BOUND.plusSeconds(1)); // slow, but answering
            return WebhookClient.Attempt.DELIVERED;
        }).wake();

        assertEquals(4, outbox.recorded.size(), "every delivery sent, each inside a lease");
        assertTrue(outbox.recorded.stream().allMatch(WebhookClient.Attempt::delivered));
        assertTrue(outbox.released.size() >= 1, "a claim whose lease ran short was handed back: " + outbox.released);
    }

    /** The outbox of one receiver: claims take pending rows not yet recorded, releases put them back. */
    private final class FakeOutbox extends LeasedOutbox {
        final List<UUID> pending = new ArrayList<>();
        final List<WebhookClient.Attempt> recorded = new ArrayList<>();
        final List<UUID> released = new ArrayList<>();
        final List<WebhookDeliveryLease> leased = new ArrayList<>();
        int claims;

        void pending(int count) {
            for (int i = 0; i < count; i++) {
                pending.add(UUID.randomUUID());
            }
        }

        @Override
        public List<WebhookDeliveryLease> claim(String receiver) {
            claims++;
            UUID token = UUID.randomUUID();
            Instant until = DeliveryLaneTest.this.clock.instant().plus(CALL_BOUND.multipliedBy(2)).plus(LEASE_MARGIN);
            List<WebhookDeliveryLease> out = new ArrayList<>();
            for (UUID event : pending.subList(0, Math.min(CLAIM_SIZE, pending.size()))) {
                out.add(new WebhookDeliveryLease(out.size(), event, receiver, "{}", 0, token, until));
            }
            pending.removeAll(out.stream().map(WebhookDeliveryLease::eventId).toList());
            leased.addAll(out);
            return out;
        }

        @Override
        public void release(UUID token) {
            released.add(token);
            List<WebhookDeliveryLease> back = leased.stream().filter(l -> l.token().equals(token)).toList();
            leased.removeAll(back);
            pending.addAll(0, back.stream().map(WebhookDeliveryLease::eventId).toList());
        }

        @Override
        public void record(WebhookDeliveryLease lease, WebhookClient.Attempt attempt) {
            recorded.add(attempt);
            leased.remove(lease);
        }
    }
}
