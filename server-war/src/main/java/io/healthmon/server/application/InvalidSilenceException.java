package io.healthmon.server.application;

import java.util.List;

/** A silence an operator asked for that cannot be: each rule it breaks, by field. */
public class InvalidSilenceException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient List<Violation> violations;

    public InvalidSilenceException(List<Violation> violations) {
        super(violations.get(0).field() + " " + violations.get(0).rule());
        this.violations = List.copyOf(violations);
    }

    public List<Violation> violations() {
        return violations;
    }
}
