package io.healthmon.server.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.freeze.FreezingArchRule;
import org.junit.jupiter.api.Test;

/** The server's main code kept to {@link LayeringRules}. */
class ServerLayeringTest {

    private static final String ROOT = "io.healthmon.server";
    private static final JavaClasses SERVER = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(ROOT);

    @Test
    void noPackageCycles() {
        LayeringRules.noPackageCycles(ROOT).check(SERVER);
    }

    @Test
    void resourcesDoNotUsePersistence() {
        LayeringRules.restDoesNotUsePersistence(ROOT).check(SERVER);
    }

    @Test
    void theDomainIsPlainJava() {
        LayeringRules.domainIsPlainJava(ROOT).check(SERVER);
    }

    @Test
    void timeConversionsStayInPersistence() {
        LayeringRules.timeConversionsStayInPersistence(ROOT).check(SERVER);
    }

    /**
     * Frozen: the classes that still use persistence directly are listed in
     * {@code src/test/resources/archunit_store} (ArchUnit's freeze store, read with {@code archunit.properties});
     * a new one fails the build, and one that stops is dropped from the list by the next run. A change
     * that only moves a use (a method's signature changed) is recorded with
     * {@code -Darchunit.freeze.refreeze=true} on this test; commit the store it rewrites.
     */
    @Test
    void noNewDirectUseOfPersistence() {
        FreezingArchRule.freeze(LayeringRules.onlyPersistenceUsesPersistence(ROOT)).check(SERVER);
    }

    @Test
    void notifiersAreReachedOnlyThroughEvents() {
        LayeringRules.notifiersOnlyThroughEvents(ROOT).check(SERVER);
    }
}
