package io.healthmon.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The fast path for UTC instants reads what Jackson's own deserializer reads, and refuses what it refuses. */
class UtcInstantDeserializerTest {

    private static final ObjectMapper WIRE = ReportJson.newMapper();
    private static final ObjectMapper JACKSON = JsonMapper.builder().addModule(new JavaTimeModule()).build();
    private static final long YEAR_1 = Instant.parse("0001-01-01T00:00:00Z").getEpochSecond();
    private static final long YEAR_9999 = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
    private static final String MUTATIONS = "0123456789-:.TZz+ x";

    @Test
    void everyUtcInstantWithZeroToNineFractionDigitsIsReadFastAndAsJacksonReadsIt() {
        qt().withExamples(2000).forAll(longs().between(YEAR_1, YEAR_9999), integers().between(0, 999_999_999),
                integers().between(0, 9)).check((second, nanos, digits) -> {
                    String text = utcText(second, nanos, digits);
                    Instant fast = UtcInstantText.parseOrNull(text);
                    return fast != null && fast.equals(Instant.parse(text)) && fast.equals(read(WIRE, text))
                            && fast.equals(read(JACKSON, text));
                });
    }

    @Test
    void textOneCharacterAwayFromTheFormIsReadOrRefusedExactlyAsJacksonDoes() {
        qt().withExamples(3000).forAll(longs().between(YEAR_1, YEAR_9999), integers().between(0, 9),
                integers().between(0, 29), integers().between(0, 3 * MUTATIONS.length() - 1))
                .check((second, digits, position, mutation) -> {
                    String valid = utcText(second, 123_456_789, digits);
                    int at = Math.min(position, valid.length() - 1);
                    char c = MUTATIONS.charAt(mutation % MUTATIONS.length());
                    String text = switch (mutation / MUTATIONS.length()) { // replace, insert or delete
                        case 0 -> valid.substring(0, at) + c + valid.substring(at + 1);
                        case 1 -> valid.substring(0, at) + c + valid.substring(at);
                        default -> valid.substring(0, at) + valid.substring(at + 1);
                    };
                    return outcome(WIRE, text).equals(outcome(JACKSON, text));
                });
    }

    @Test
    void theEdgesOfTheCalendarAndOtherFormsGoToJackson() {
        for (String text : List.of("2024-02-29T00:00:00Z", "2023-02-29T00:00:00Z", "2026-04-31T00:00:00Z",
                "2026-12-03T24:00:00Z", "2026-12-31T23:59:60Z", "2026-12-03T06:15:33.Z", "2026-12-03T06:15:33.1234567890Z",
                "2026-12-03T06:15:33+02:00", "2026-12-03T06:15:33z", "2026-12-03t06:15:33Z", " 2026-12-03T06:15:33Z",
                "+12026-12-03T06:15:33Z", "0000-01-01T00:00:00Z", "")) {
            assertEquals(outcome(JACKSON, text), outcome(WIRE, text), text);
        }
        assertNotNull(UtcInstantText.parseOrNull("2024-02-29T23:59:59.999999999Z"));
        assertNull(UtcInstantText.parseOrNull("2023-02-29T00:00:00Z"), "no such day: Jackson says so, in its words");
        assertEquals(outcome(JACKSON, "1796278523.5"), outcome(WIRE, "1796278523.5"), "numbers are Jackson's");
    }

    private static String utcText(long second, int nanos, int digits) {
        String whole = Instant.ofEpochSecond(second).toString(); // yyyy-MM-ddTHH:mm:ssZ, seconds always shown
        String fraction = String.format("%09d", nanos).substring(0, digits);
        return whole.substring(0, whole.length() - 1) + (digits == 0 ? "" : "." + fraction) + "Z";
    }

    private static Instant read(ObjectMapper mapper, String text) {
        try {
            return mapper.readValue(mapper.writeValueAsString(text), Instant.class);
        } catch (Exception e) {
            throw new AssertionError(text, e);
        }
    }

    /** The instant read, or the refusal's type and message: what a client would be told. */
    private static String outcome(ObjectMapper mapper, String json) {
        String document = json.matches("[0-9.]+") ? json : "\"" + json + "\"";
        try {
            return "read " + mapper.readValue(document, Instant.class);
        } catch (Exception e) {
            return "refused " + e.getClass().getSimpleName() + ": " + e.getMessage().lines().findFirst().orElse("");
        }
    }
}
