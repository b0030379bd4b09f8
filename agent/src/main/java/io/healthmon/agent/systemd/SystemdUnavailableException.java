package io.healthmon.agent.systemd;

/** systemd cannot be asked on this machine (not PID 1, no bus, no systemctl). */
public class SystemdUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SystemdUnavailableException(String message) {
        super(message);
    }
}
