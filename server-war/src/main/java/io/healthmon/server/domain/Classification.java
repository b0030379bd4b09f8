package io.healthmon.server.domain;

import java.util.List;

/** A health state and the reasons for it, in words an operator reads ("cpu 95.0% > 90.0%"). */
public record Classification(HealthState state, List<String> reasons) {

    public Classification {
        reasons = List.copyOf(reasons);
    }

    public String reasonText() {
        return String.join("; ", reasons);
    }
}
