package io.healthmon.launcher;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/** What the launcher prints once everything runs: where to go, and the credentials to use there. */
final class Banner {

    private Banner() {
    }

    /** With several instances, each is named with its URL; any of them serves the dashboard and the API. */
    static String text(List<ServerInstance> instances, StoredCredentials credentials, Path dataDir) {
        ServerInstance first = instances.get(0);
        URI base = first.secureBase().orElse(first.base());
        StringBuilder heading = new StringBuilder(" healthmon is running");
        if (instances.size() > 1) {
            heading.append(": ").append(instances.size()).append(" server instances in one cluster");
            for (ServerInstance instance : instances) {
                heading.append(String.format("\n   %-19s%s", instance.name() + ":", instance.secureBase().orElse(instance.base())));
            }
        }
        return """

                ================================================================
                %s
                   Dashboard:         %s
                   API:               %sapi/v1/servers
                   Operator token:    %s
                   Enrollment token:  %s
                   Data directory:    %s
                 Use the operator token as 'Authorization: Bearer <token>'.
                 Press Ctrl-C to stop.
                ================================================================
                """.formatted(heading, base, base, credentials.adminToken(), credentials.enrollmentToken(), dataDir);
    }
}
