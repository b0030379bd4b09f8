package io.healthmon.server.application;

import io.healthmon.report.Limits;
import io.healthmon.server.domain.ThresholdOverrides;
import io.healthmon.server.persistence.jpa.ServerEntity;
import io.healthmon.server.persistence.jpa.ServerRepository;
import io.healthmon.server.persistence.jpa.ThresholdOverrideRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/** An operator's per-server thresholds: read them, or replace them after checking every value. */
@ApplicationScoped
public class ThresholdService {

    private static final Logger LOG = Logger.getLogger(ThresholdService.class.getName());

    @Inject
    ServerRepository servers;

    @Inject
    ThresholdOverrideRepository overrides;

    @Inject
    ThresholdChanges changes;

    @Transactional
    public ThresholdOverrides of(String serverId) {
        return overrides.read(server(serverId).getId());
    }

    /** @return the violations; nothing is changed unless there are none */
    @Transactional
    public List<Violation> replace(String serverId, ThresholdOverrides wanted) {
        ServerEntity server = server(serverId);
        List<Violation> violations = check(wanted);
        if (violations.isEmpty()) {
            overrides.replace(server.getId(), wanted);
            changes.announceWhenCommitted();
            LOG.info(() -> "Thresholds of server " + serverId + " are now " + wanted);
        }
        return violations;
    }

    /** Every value out of range or mountpoint out of bounds, each naming its field. */
    public static List<Violation> check(ThresholdOverrides wanted) {
        List<Violation> out = new ArrayList<>();
        percentage(out, "cpu", wanted.cpu());
        percentage(out, "disk", wanted.disk());
        for (Map.Entry<String, Double> e : wanted.mountpoints().entrySet()) {
            String path = "mountpoints." + e.getKey();
            if (e.getKey().isBlank() || e.getKey().length() > Limits.MAX_MOUNTPOINT) {
                out.add(new Violation("mountpoints", "a mountpoint must be 1 to " + Limits.MAX_MOUNTPOINT + " characters"));
            } else if (e.getValue() == null) {
                out.add(new Violation(path, "must be a number from 0 to 100"));
            } else {
                percentage(out, path, e.getValue());
            }
        }
        return out;
    }

    private static void percentage(List<Violation> out, String field, Double value) {
        if (value != null && !(value >= 0 && value <= 100)) {
            out.add(new Violation(field, "must be from 0 to 100"));
        }
    }

    private ServerEntity server(String serverId) {
        return servers.findByServerId(serverId).orElseThrow(() -> new UnknownServerException("no server " + serverId));
    }
}
