package io.healthmon.server.application.port;

import jakarta.inject.Qualifier;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a port's implementation done the platform's plain way (JPA, one statement per row), kept as the
 * reference that the faster default implementation is held to. Only the push endpoint's reference
 * ingestion injects it; everything else gets the default.
 */
@Qualifier
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD})
public @interface PlatformReference {
}
