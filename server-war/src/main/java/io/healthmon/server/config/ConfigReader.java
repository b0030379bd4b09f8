package io.healthmon.server.config;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;

/**
 * Reads typed values from MicroProfile Config with fallback names and range checks, so each
 * configuration class states its keys, defaults and bounds in one line each.
 */
final class ConfigReader {

    private final Config config;

    ConfigReader(Config config) {
        this.config = config;
    }

    Optional<String> text(String key, String... fallbacks) {
        for (String name : names(key, fallbacks)) {
            Optional<String> value = config.getOptionalValue(name, String.class).map(String::trim);
            if (value.isPresent() && !value.get().isEmpty()) {
                return value;
            }
        }
        return Optional.empty();
    }

    /** Shorter secrets are guessable; refuse them at start-up rather than run exposed. */
    static final int MIN_SECRET_LENGTH = 16;

    /** A shared secret (token, signing key): unset, or at least {@link #MIN_SECRET_LENGTH} characters. */
    Optional<String> secret(String key) {
        Optional<String> value = text(key);
        if (value.isPresent() && value.get().length() < MIN_SECRET_LENGTH) {
            throw new InvalidConfigurationException(key, "must be at least " + MIN_SECRET_LENGTH + " characters");
        }
        return value;
    }

    double decimal(String key, double defaultValue, double min, double max, String... fallbacks) {
        Optional<String> raw = text(key, fallbacks);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        double value;
        try {
            value = Double.parseDouble(raw.get());
        } catch (NumberFormatException e) {
            throw new InvalidConfigurationException(key, "'" + raw.get() + "' is not a number");
        }
        if (!(value >= min && value <= max)) {
            throw new InvalidConfigurationException(key, value + " is outside " + min + " to " + max);
        }
        return value;
    }

    int integer(String key, int defaultValue, int min, int max, String... fallbacks) {
        Optional<String> raw = text(key, fallbacks);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        int value;
        try {
            value = Integer.parseInt(raw.get());
        } catch (NumberFormatException e) {
            throw new InvalidConfigurationException(key, "'" + raw.get() + "' is not a whole number");
        }
        if (value < min || value > max) {
            throw new InvalidConfigurationException(key, value + " is outside " + min + " to " + max);
        }
        return value;
    }

    /** A duration in whole seconds ("300"), or ISO-8601 ("PT5M"). */
    Duration seconds(String key, Duration defaultValue, Duration min, Duration max, String... fallbacks) {
        Optional<String> raw = text(key, fallbacks);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        Duration value;
        try {
            value = raw.get().startsWith("P") || raw.get().startsWith("p")
                    ? Duration.parse(raw.get())
                    : Duration.ofSeconds(Long.parseLong(raw.get()));
        } catch (RuntimeException e) {
            throw new InvalidConfigurationException(key, "'" + raw.get() + "' is not a number of seconds or an ISO-8601 duration");
        }
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            throw new InvalidConfigurationException(key, value.toSeconds() + " s is outside "
                    + min.toSeconds() + " to " + max.toSeconds() + " s");
        }
        return value;
    }

    List<String> list(String key) {
        return text(key).map(v -> Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList())
                .orElse(List.of());
    }

    private static List<String> names(String key, String... fallbacks) {
        String[] all = new String[fallbacks.length + 1];
        all[0] = key;
        System.arraycopy(fallbacks, 0, all, 1, fallbacks.length);
        return List.of(all);
    }
}
