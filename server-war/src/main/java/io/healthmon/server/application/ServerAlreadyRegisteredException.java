package io.healthmon.server.application;

/** The enrollment token was presented for a server id that is already registered: it registers new ids only. */
public class ServerAlreadyRegisteredException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String serverId;

    public ServerAlreadyRegisteredException(String serverId) {
        super("server_id '" + serverId + "' is already registered; the enrollment token registers new servers only."
                + " An operator re-enrols it: POST /api/v1/servers/" + serverId + "/enrolment with the operator token"
                + " gives a one-time token for its agent");
        this.serverId = serverId;
    }

    public String serverId() {
        return serverId;
    }
}
