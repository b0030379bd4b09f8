package io.healthmon.archfixture.rest;

import io.healthmon.archfixture.persistence.StoredThing;

/** A resource reading an entity itself, skipping the application layer. */
public class ThingResource {
    public String get(StoredThing thing) {
        return thing.name();
    }
}
