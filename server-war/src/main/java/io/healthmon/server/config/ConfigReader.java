package io.healthmon.server.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigValue;

/**
 * Typed values from MicroProfile Config, each converted by the config's own converters (a duration by
 * {@link SecondsOrIsoDuration}), with its default in {@code META-INF/microprofile-config.properties}
 * and its bounds checked here: a value that does not convert or is out of bounds stops start-up with an
 * {@link InvalidConfigurationException} naming the key. Payara Server does not read a WAR's own
 * properties file or converters when the WAR is inside an EAR (the configuration is the EAR's), so the
 * packaged file, read from this class's loader, is the last source consulted, and durations are
 * converted here; in a plain WAR the container reads the same file and nothing changes. A key may have
 * older names (the original design's {@code cpu_threshold}, say): whichever is set in the source with
 * the highest ordinal wins, so an environment variable under an old name still beats the packaged
 * default.
 */
final class ConfigReader {

    /** Shorter secrets are guessable; refuse them at start-up rather than run exposed. */
    static final int MIN_SECRET_LENGTH = 16;

    private static final Properties PACKAGED = packagedDefaults();
    private static final SecondsOrIsoDuration DURATIONS = new SecondsOrIsoDuration();

    private final Config config;

    ConfigReader(Config config) {
        this.config = config;
    }

    int integer(String key, int min, int max, String... olderNames) {
        int value = required(key, Integer.class, "a whole number", olderNames);
        if (value < min || value > max) {
            throw new InvalidConfigurationException(key, value + " is outside " + min + " to " + max);
        }
        return value;
    }

    double decimal(String key, double min, double max, String... olderNames) {
        double value = required(key, Double.class, "a number", olderNames);
        if (!(value >= min && value <= max)) {
            throw new InvalidConfigurationException(key, value + " is outside " + min + " to " + max);
        }
        return value;
    }

    /** Whole seconds ("300") or ISO-8601 ("PT5M"). */
    Duration duration(String key, Duration min, Duration max, String... olderNames) {
        Duration value = required(key, Duration.class, "a number of seconds or an ISO-8601 duration", olderNames);
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            throw new InvalidConfigurationException(key, value.toSeconds() + " s is outside "
                    + min.toSeconds() + " to " + max.toSeconds() + " s");
        }
        return value;
    }

    /** A shared secret (token, signing key): unset, or at least {@link #MIN_SECRET_LENGTH} characters. */
    Optional<String> secret(String key) {
        Optional<String> value = optional(key, String.class, "text").map(String::trim).filter(s -> !s.isEmpty());
        if (value.isPresent() && value.get().length() < MIN_SECRET_LENGTH) {
            throw new InvalidConfigurationException(key, "must be at least " + MIN_SECRET_LENGTH + " characters");
        }
        return value;
    }

    /** Only "true" or "false", in any case: MicroProfile's own boolean converter takes any other word for false. */
    boolean trueOrFalse(String key) {
        String value = text(key).orElse("");
        if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(value);
        }
        throw new InvalidConfigurationException(key, "'" + value + "' is not true or false");
    }

    /** A text value, trimmed; empty when unset or blank. */
    Optional<String> text(String key) {
        return optional(key, String.class, "text").map(String::trim);
    }

    /** A comma-separated list; empty when unset. */
    List<String> list(String key) {
        return optional(key, String.class, "text")
                .map(v -> Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList())
                .orElse(List.of());
    }

    private <T> T required(String key, Class<T> type, String expected, String... olderNames) {
        return optional(key, type, expected, olderNames).orElseThrow(() -> new InvalidConfigurationException(key,
                "is not set (its default is in META-INF/microprofile-config.properties; an empty value unsets it)"));
    }

    private <T> Optional<T> optional(String key, Class<T> type, String expected, String... olderNames) {
        ConfigValue chosen = config.getConfigValue(key);
        for (String older : olderNames) {
            ConfigValue candidate = config.getConfigValue(older);
            if (candidate.getValue() != null && (chosen.getValue() == null || candidate.getSourceOrdinal() > chosen.getSourceOrdinal())) {
                chosen = candidate;
            }
        }
        String raw = chosen.getValue() != null ? chosen.getValue() : PACKAGED.getProperty(key);
        if (raw == null || raw.isBlank()) {
            return Optional.empty();
        }
        try {
            if (type == Duration.class) {
                return Optional.of(type.cast(DURATIONS.convert(raw)));
            }
            return Optional.of(config.getConverter(type)
                    .orElseThrow(() -> new IllegalStateException("no converter for " + type.getName()))
                    .convert(raw.trim()));
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigurationException(key, "'" + raw + "' is not " + expected);
        }
    }

    private static Properties packagedDefaults() {
        Properties defaults = new Properties();
        try (InputStream in = ConfigReader.class.getClassLoader().getResourceAsStream("META-INF/microprofile-config.properties")) {
            if (in != null) {
                defaults.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the packaged configuration defaults could not be read", e);
        }
        return defaults;
    }
}
