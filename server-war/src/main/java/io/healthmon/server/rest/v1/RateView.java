package io.healthmon.server.rest.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.healthmon.server.domain.NetworkRates;
import java.util.LinkedHashMap;
import java.util.Map;

/** An interface's throughput in bytes per second; a direction is absent when its counter was reset in the interval. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RateView(
        @JsonProperty("rx_bytes_per_second") Double received,
        @JsonProperty("tx_bytes_per_second") Double sent) {

    /** Each interface's rate, by interface name in the order given. */
    static Map<String, RateView> of(Map<String, NetworkRates.Rate> rates) {
        Map<String, RateView> out = new LinkedHashMap<>();
        rates.forEach((name, rate) -> out.put(name, new RateView(rate.receivedPerSecond(), rate.sentPerSecond())));
        return out;
    }
}
