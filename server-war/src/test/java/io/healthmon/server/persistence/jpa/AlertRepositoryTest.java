package io.healthmon.server.persistence.jpa;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class AlertRepositoryTest {

    @Test
    void serversGoToPostgreSqlAsTheTextFormOfAnArray() {
        assertEquals("{7}", AlertRepository.arrayLiteral(List.of(7L)));
        assertEquals("{1,22,-3,9223372036854775807}", AlertRepository.arrayLiteral(List.of(1L, 22L, -3L, Long.MAX_VALUE)));
        assertEquals("{}", AlertRepository.arrayLiteral(List.of()));
    }
}
