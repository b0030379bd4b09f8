/**
 * JPA (EclipseLink) entities and their repositories. Times are {@code OffsetDateTime} in UTC on the
 * fields of the entities because EclipseLink 4.0 cannot bind {@code Instant} to {@code timestamptz};
 * entities and repositories convert inside ({@code UtcTimes}, package-private), so their constructors,
 * methods and getters take and return {@code Instant} and the rest of the server sees only that.
 */
package io.healthmon.server.persistence.jpa;
