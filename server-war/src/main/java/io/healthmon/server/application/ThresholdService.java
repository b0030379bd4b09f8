package io.healthmon.server.application;

import io.healthmon.server.application.port.ServerDirectory;
import io.healthmon.server.application.port.ThresholdStore;
import io.healthmon.server.domain.ThresholdOverrides;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.logging.Logger;

/** An operator's per-server thresholds: read them, or replace them. */
@ApplicationScoped
public class ThresholdService {

    private static final Logger LOG = Logger.getLogger(ThresholdService.class.getName());

    @Inject
    ServerDirectory servers;

    @Inject
    ThresholdStore overrides;

    @Inject
    CopiedTableChanges changes;

    @Transactional
    public ThresholdOverrides of(String serverId) {
        return overrides.read(server(serverId));
    }

    /** Replaces the server's thresholds with {@code wanted}, checked by the caller (the API's request record). */
    @Transactional
    public void replace(String serverId, ThresholdOverrides wanted) {
        overrides.replace(server(serverId), wanted);
        changes.announceWhenCommitted(CopiedTableChanges.Table.THRESHOLDS);
        LOG.info(() -> "Thresholds of server " + serverId + " are now " + wanted);
    }

    private long server(String serverId) {
        return servers.refOf(serverId).orElseThrow(() -> new UnknownServerException("no server " + serverId));
    }
}
