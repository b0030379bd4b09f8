package io.healthmon.server.application;

/** One broken rule of one field, as the client names the field ({@code disk_usage[0].percentage}). */
public record Violation(String field, String rule) {
}
