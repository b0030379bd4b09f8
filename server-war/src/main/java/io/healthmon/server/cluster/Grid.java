package io.healthmon.server.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.config.EvictionConfig;
import com.hazelcast.config.EvictionPolicy;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.MaxSizePolicy;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.topic.ITopic;
import io.healthmon.server.domain.RateLimiter;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.concurrent.ContextService;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * Payara Micro's Domain Data Grid, when this instance runs in one (started with {@code --clustername};
 * {@code --nohazelcast} runs it alone). The grid carries what every instance must see at once: shared
 * maps (key cache, rate-limit buckets) and messages (a threshold changed). Alone, the same calls work on
 * this instance's own memory, so the rest of the server does not ask which mode it runs in.
 *
 * <p>Values put in the grid are JDK types only (String, Long, long[]): the grid deserializes with
 * Payara's common class loader, which does not see the application's classes.
 */
@ApplicationScoped
public class Grid {

    /** Where Payara binds its Hazelcast instance (the default of its {@code jndi-name} setting). */
    static final String JNDI_NAME = "payara/Hazelcast";
    /**
     * Where Payara keeps each member's instance name ({@code --name}): a grid map from member UUID to
     * attributes, as its member attributes keep the name the member started with, before Payara Micro
     * applied {@code --name} (read in Payara's HazelcastCore).
     */
    static final String INSTANCE_MAP = "payara-instance-map";
    static final String INSTANCE_NAME_ATTRIBUTE = "GLASSFISH-INSTANCE";
    /** Per instance: a flood of distinct keys or addresses cannot grow the grid without limit. */
    private static final int MAX_SHARED_BUCKETS = 100_000;
    private static final Logger LOG = Logger.getLogger(Grid.class.getName());

    @Resource
    ContextService contexts;

    private HazelcastInstance hazelcast;
    private String thisInstance;
    private String thisAddress;
    private final ConcurrentMap<String, ConcurrentMap<?, ?>> localMaps = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, List<Consumer<String>>> localTopics = new ConcurrentHashMap<>();
    /** The grid outlives a redeployment: listeners are taken off when the application stops. */
    private final List<Runnable> unsubscribe = new CopyOnWriteArrayList<>();

    @PostConstruct
    void find() {
        hazelcast = lookup().filter(h -> h.getLifecycleService().isRunning()).orElse(null);
        if (hazelcast != null) {
            Member local = hazelcast.getCluster().getLocalMember();
            thisInstance = nameOf(local);
            thisAddress = addressOf(local);
            LOG.info("This is instance " + thisInstance + " of cluster " + hazelcast.getConfig().getClusterName()
                    + ", with " + hazelcast.getCluster().getMembers().size() + " members");
        } else {
            thisInstance = hostName();
            thisAddress = thisInstance;
            LOG.info("Running alone (no data grid): instance " + thisInstance);
        }
    }

    @PreDestroy
    void leave() {
        unsubscribe.forEach(Runnable::run);
    }

    private static Optional<HazelcastInstance> lookup() {
        try {
            return Optional.of((HazelcastInstance) new InitialContext().lookup(JNDI_NAME));
        } catch (NamingException | ClassCastException e) {
            return Optional.empty(); // started with --nohazelcast
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    public boolean joined() {
        return hazelcast != null;
    }

    /** This instance's name: Payara Micro's {@code --name} in a grid, the host name alone. */
    public String thisInstance() {
        return thisInstance;
    }

    /** Where the other members reach this instance (its grid address; the host name alone). */
    public String thisAddress() {
        return thisAddress;
    }

    /** How many members the grid sees now (1 alone); cheap enough for every readiness probe. */
    public int memberCount() {
        return hazelcast == null ? 1 : hazelcast.getCluster().getMembers().size();
    }

    /** The members the grid sees now, this one included, by name; alone, this instance only. */
    public List<GridMember> members() {
        if (hazelcast == null) {
            return List.of(new GridMember(thisInstance, thisAddress, true));
        }
        Member local = hazelcast.getCluster().getLocalMember();
        return hazelcast.getCluster().getMembers().stream()
                .map(m -> new GridMember(nameOf(m), addressOf(m), m.equals(local)))
                .sorted(Comparator.comparing(GridMember::name))
                .toList();
    }

    private static String addressOf(Member member) {
        return member.getAddress().getHost() + ":" + member.getAddress().getPort();
    }

    private String nameOf(Member member) {
        Object attributes = hazelcast.getMap(INSTANCE_MAP).get(member.getUuid());
        if (attributes instanceof Map<?, ?> named && named.get(INSTANCE_NAME_ATTRIBUTE) instanceof String name) {
            return name;
        }
        String name = member.getAttribute(INSTANCE_NAME_ATTRIBUTE);
        return name != null ? name : member.getUuid().toString();
    }

    /**
     * A map every instance shares, whose entries go away {@code timeToLive} after they were last
     * written and which keeps at most {@code maxPerInstance} entries per instance (least recently used
     * go first). Alone, a map of this instance's memory, which callers bound themselves.
     */
    @SuppressWarnings("unchecked")
    public <K, V> ConcurrentMap<K, V> map(String name, Duration timeToLive, int maxPerInstance) {
        if (hazelcast == null) {
            return (ConcurrentMap<K, V>) localMaps.computeIfAbsent(name, n -> new ConcurrentHashMap<>());
        }
        // Added before first use; the same config again from another instance is accepted, a different one refused.
        hazelcast.getConfig().addMapConfig(new MapConfig(name)
                .setTimeToLiveSeconds((int) Math.max(1, timeToLive.toSeconds()))
                .setEvictionConfig(new EvictionConfig().setEvictionPolicy(EvictionPolicy.LRU)
                        .setMaxSizePolicy(MaxSizePolicy.PER_NODE).setSize(maxPerInstance)));
        return hazelcast.getMap(name);
    }

    /**
     * Token buckets by key ({@link RateLimiter}) in a map every instance shares, so that a key's budget
     * is spent across the cluster; alone, in this instance's memory.
     */
    public <K> RateLimiter<K> rateLimiter(String name, int perMinute, int burst, Clock clock) {
        if (hazelcast == null) {
            return new RateLimiter<>(perMinute, burst, clock);
        }
        return new RateLimiter<>(perMinute, burst, clock, map(name, RateLimiter.refillTime(perMinute, burst), MAX_SHARED_BUCKETS));
    }

    /** Tells every instance, this one included; alone, this instance's listeners at once. */
    public void publish(String topic, String message) {
        if (hazelcast == null) {
            localTopics.getOrDefault(topic, List.of()).forEach(listener -> listener.accept(message));
        } else {
            hazelcast.<String>getTopic(topic).publish(message);
        }
    }

    /**
     * Calls {@code listener} with each message published to the topic by any instance. A message from
     * another instance arrives on a thread of the grid's own, outside the application: the listener
     * runs there in the context of the thread that subscribed, taken by the container's
     * {@code ContextService}. Without it, a bean the listener meets for the first time is created
     * without the container's injections (its persistence context stays null), and stays so.
     */
    public void subscribe(String topic, Consumer<String> listener) {
        if (hazelcast == null) {
            localTopics.computeIfAbsent(topic, t -> new CopyOnWriteArrayList<>()).add(listener);
        } else {
            @SuppressWarnings("unchecked")
            Consumer<String> inContext = contexts.createContextualProxy(listener, Consumer.class);
            ITopic<String> t = hazelcast.getTopic(topic);
            UUID registration = t.addMessageListener(message -> inContext.accept(message.getMessageObject()));
            unsubscribe.add(() -> t.removeMessageListener(registration));
        }
    }

    /** A member of the grid as it sees itself: its name, its grid address, and whether it is this instance. */
    public record GridMember(String name, String address, boolean thisInstance) {
    }
}
