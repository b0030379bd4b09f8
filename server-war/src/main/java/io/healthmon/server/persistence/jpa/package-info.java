/**
 * JPA (EclipseLink) entities and their repositories. Times are {@code OffsetDateTime} in UTC on the
 * entities because EclipseLink 4.0 cannot bind {@code Instant} to {@code timestamptz}; repositories
 * convert at their edge so the rest of the server sees {@code Instant}.
 */
package io.healthmon.server.persistence.jpa;
