package io.healthmon.agent.collect;

import io.healthmon.report.NetworkInterfaceUsage;

/** Bytes in and out since boot per interface, loopback excluded (it says nothing about the host's traffic). */
public final class NetworkCollector implements Collector {

    private final SystemSource system;

    public NetworkCollector(SystemSource system) {
        this.system = system;
    }

    @Override
    public String name() {
        return "network";
    }

    @Override
    public void collect(ReportBuilder report) {
        report.network(system.networkInterfaces().stream()
                .filter(n -> !n.loopback())
                .map(n -> new NetworkInterfaceUsage(n.name(), Math.max(0, n.bytesReceived()), Math.max(0, n.bytesSent())))
                .toList());
    }
}
