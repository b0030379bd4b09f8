package io.healthmon.server.config;

import jakarta.annotation.Priority;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import org.eclipse.microprofile.config.spi.Converter;

/**
 * MicroProfile Config's converter for {@link Duration} settings: whole seconds ({@code 300}), as every
 * duration in this project's configuration is documented, or ISO-8601 ({@code PT5M}). It outranks the
 * implicit {@code Duration.parse} converter, which knows only the latter.
 */
@Priority(200)
public class SecondsOrIsoDuration implements Converter<Duration> {

    private static final long serialVersionUID = 1L;

    @Override
    public Duration convert(String value) {
        String text = value.trim();
        try {
            return text.startsWith("P") || text.startsWith("p") ? Duration.parse(text) : Duration.ofSeconds(Long.parseLong(text));
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new IllegalArgumentException("'" + value + "' is not a number of seconds or an ISO-8601 duration", e);
        }
    }
}
