package io.healthmon.archfixture.domain;

import jakarta.persistence.EntityManager;

/** A domain rule that needs the container. */
public class ContainerBoundRule {
    EntityManager em;
}
