package io.healthmon.archfixture.persistence;

/** Stands for an entity. */
public class StoredThing {
    public String name() {
        return "thing";
    }
}
