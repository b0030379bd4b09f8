package io.healthmon.server.application;

/** The server an API key belongs to: a key writes only this server's data. */
public record AuthenticatedAgent(long serverRef, String serverId, long keyId) {

    /** As one string, for the grid's key cache (which holds JDK types only); the server id goes last, as it may hold anything. */
    String encoded() {
        return serverRef + " " + keyId + " " + serverId;
    }

    static AuthenticatedAgent decode(String encoded) {
        int first = encoded.indexOf(' ');
        int second = encoded.indexOf(' ', first + 1);
        return new AuthenticatedAgent(Long.parseLong(encoded, 0, first, 10), encoded.substring(second + 1),
                Long.parseLong(encoded, first + 1, second, 10));
    }
}
