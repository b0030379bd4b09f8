package io.healthmon.agent.collect;

import io.healthmon.report.CollectionError;
import io.healthmon.report.DiskUsage;
import io.healthmon.report.FailedService;
import io.healthmon.report.LoadAverage;
import io.healthmon.report.Memory;
import io.healthmon.report.MetricsReport;
import io.healthmon.report.NetworkInterfaceUsage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The parts of one report as collectors fill them in; built once every collector has run. */
public final class ReportBuilder {

    Double cpuUsage;
    Memory memory;
    Memory swap;
    List<DiskUsage> disks;
    LoadAverage load;
    Long uptime;
    List<FailedService> failedServices;
    List<NetworkInterfaceUsage> network;
    final List<CollectionError> errors = new ArrayList<>();

    public void cpuUsage(double value) {
        cpuUsage = value;
    }

    public void memory(Memory value) {
        memory = value;
    }

    public void swap(Memory value) {
        swap = value;
    }

    public void disks(List<DiskUsage> value) {
        disks = List.copyOf(value);
    }

    public void load(LoadAverage value) {
        load = value;
    }

    public void uptime(long value) {
        uptime = value;
    }

    /** Null means the check was unavailable (not: nothing failed). */
    public void failedServices(List<FailedService> value) {
        failedServices = value == null ? null : List.copyOf(value);
    }

    public void network(List<NetworkInterfaceUsage> value) {
        network = List.copyOf(value);
    }

    /** Recorded as the server accepts it: at most 1000 characters, no NUL. */
    public void error(String collector, String message) {
        String text = message == null ? "" : message.replace('\0', ' ');
        errors.add(new CollectionError(collector, text.length() > 1000 ? text.substring(0, 1000) : text));
    }

    public MetricsReport build(String serverId, Instant timestamp, String agentVersion) {
        return new MetricsReport(serverId, timestamp, cpuUsage, memory, disks, load, uptime, failedServices,
                swap, network, agentVersion, errors.isEmpty() ? null : List.copyOf(errors));
    }
}
