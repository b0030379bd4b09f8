package io.healthmon.agent.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The agent's validated settings. {@code serverUrls} are the instances of one healthmon server in
 * order of preference (one, without a cluster), each ending in a slash; the agent fails over along
 * them and returns to the first after {@code failbackAfter}. {@code apiKey} is empty only where a key
 * is not needed yet (registration); {@code tls} says whom the agent trusts with its reports.
 */
public record AgentConfig(
        List<URI> serverUrls,
        Duration failbackAfter,
        String serverId,
        Optional<String> apiKey,
        Path apiKeyFile,
        Duration collectionInterval,
        int retryAttempts,
        double retryBackoff,
        Duration connectTimeout,
        Duration requestTimeout,
        TlsSettings tls,
        Path spoolDirectory,
        long spoolMaxBytes,
        Duration spoolMaxAge,
        int spoolBatchSize,
        Set<String> excludedFsTypes,
        List<String> excludedMountpoints) {

    /** Pseudo and image file systems: they hold no data an operator fills up. */
    public static final Set<String> DEFAULT_EXCLUDED_FS_TYPES = Set.of(
            "proc", "sysfs", "tmpfs", "devtmpfs", "devpts", "overlay", "squashfs", "cgroup", "cgroup2",
            "pstore", "bpf", "tracefs", "debugfs", "securityfs", "configfs", "fusectl", "mqueue", "hugetlbfs",
            "autofs", "binfmt_misc", "rpc_pipefs", "nsfs", "ramfs", "efivarfs", "fuse.lxcfs", "selinuxfs",
            "iso9660", "nfsd", "fuse.portal", "fuse.gvfsd-fuse", "aufs", "shm");

    public String requireApiKey() {
        return apiKey.orElseThrow(() -> new ConfigException("agent.api_key",
                "no API key: set MONITORING_API_KEY, agent.api_key, or run 'register' to write " + apiKeyFile));
    }
}
