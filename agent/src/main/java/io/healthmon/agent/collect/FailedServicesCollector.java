package io.healthmon.agent.collect;

import io.healthmon.agent.systemd.Systemctl;
import io.healthmon.agent.systemd.SystemdUnavailableException;

/**
 * The failed systemd units. When systemd cannot be asked, {@code failed_services} stays absent and the
 * report says why in {@code collection_errors}: unknown is not the same as "nothing failed".
 */
public final class FailedServicesCollector implements Collector {

    private final Systemctl systemctl;

    public FailedServicesCollector(Systemctl systemctl) {
        this.systemctl = systemctl;
    }

    @Override
    public String name() {
        return "failed_services";
    }

    @Override
    public void collect(ReportBuilder report) throws Exception {
        try {
            report.failedServices(systemctl.failedServices());
        } catch (SystemdUnavailableException e) {
            report.failedServices(null);
            report.error(name(), "unavailable: " + e.getMessage());
        }
    }
}
