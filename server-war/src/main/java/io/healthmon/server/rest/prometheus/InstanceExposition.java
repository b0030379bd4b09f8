package io.healthmon.server.rest.prometheus;

import io.healthmon.server.telemetry.Distribution;
import java.io.IOException;
import java.io.Writer;
import java.util.List;

/** This instance's histograms in Prometheus's text format: the part of its own metrics Payara's exporter cannot write. */
public final class InstanceExposition {

    private InstanceExposition() {
    }

    public static void write(List<Distribution> distributions, Writer out) throws IOException {
        PrometheusText text = new PrometheusText(out);
        for (Distribution distribution : distributions) {
            text.histogram(distribution);
        }
    }
}
