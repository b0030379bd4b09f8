package io.healthmon.server.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
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

    @Test
    void onlyPersistenceUsesPersistence() {
        LayeringRules.onlyPersistenceUsesPersistence(ROOT).check(SERVER);
    }

    @Test
    void notifiersAreReachedOnlyThroughEvents() {
        LayeringRules.notifiersOnlyThroughEvents(ROOT).check(SERVER);
    }
}
