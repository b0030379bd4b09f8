package io.healthmon.server.application;

import io.healthmon.server.domain.ThresholdOverrides;
import io.healthmon.server.persistence.jpa.ServerEntity;
import io.healthmon.server.persistence.jpa.ServerRepository;
import io.healthmon.server.persistence.jpa.ThresholdOverrideRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.logging.Logger;

/** An operator's per-server thresholds: read them, or replace them. */
@ApplicationScoped
public class ThresholdService {

    private static final Logger LOG = Logger.getLogger(ThresholdService.class.getName());

    @Inject
    ServerRepository servers;

    @Inject
    ThresholdOverrideRepository overrides;

    @Inject
    CopiedTableChanges changes;

    @Transactional
    public ThresholdOverrides of(String serverId) {
        return overrides.read(server(serverId).getId());
    }

    /** Replaces the server's thresholds with {@code wanted}, checked by the caller (the API's request record). */
    @Transactional
    public void replace(String serverId, ThresholdOverrides wanted) {
        ServerEntity server = server(serverId);
        overrides.replace(server.getId(), wanted);
        changes.announceWhenCommitted(CopiedTableChanges.Table.THRESHOLDS);
        LOG.info(() -> "Thresholds of server " + serverId + " are now " + wanted);
    }

    private ServerEntity server(String serverId) {
        return servers.findByServerId(serverId).orElseThrow(() -> new UnknownServerException("no server " + serverId));
    }
}
