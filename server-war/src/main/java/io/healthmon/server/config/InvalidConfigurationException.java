package io.healthmon.server.config;

/** A configuration value that cannot be used; the message names the key and what is wrong. */
public class InvalidConfigurationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InvalidConfigurationException(String key, String problem) {
        super("Invalid configuration " + key + ": " + problem);
    }
}
