/** The fleet in Prometheus's text exposition format, for Prometheus to scrape. */
package io.healthmon.server.rest.prometheus;
