package io.healthmon.server.architecture;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/**
 * Each of {@link LayeringRules} fails on the fixture built to break it (package
 * {@code io.healthmon.archfixture}), so a rule that passes on the server says something.
 */
class LayeringRulesTest {

    private static final String FIXTURE = "io.healthmon.archfixture";
    private static final JavaClasses FIXTURES = new ClassFileImporter().importPackages(FIXTURE);

    @Test
    void aPackageCycleFails() {
        assertFailsNaming(LayeringRules.noPackageCycles(FIXTURE), "Ping");
    }

    @Test
    void aResourceReadingAnEntityFails() {
        assertFailsNaming(LayeringRules.restDoesNotUsePersistence(FIXTURE), "ThingResource");
    }

    @Test
    void aDomainClassUsingTheContainerFails() {
        assertFailsNaming(LayeringRules.domainIsPlainJava(FIXTURE), "ContainerBoundRule");
    }

    @Test
    void aTimeConversionOutsidePersistenceFails() {
        assertFailsNaming(LayeringRules.timeConversionsStayInPersistence(FIXTURE), "StampingService");
    }

    @Test
    void aServiceUsingPersistenceDirectlyFails() {
        assertFailsNaming(LayeringRules.onlyPersistenceUsesPersistence(FIXTURE), "StampingService");
    }

    @Test
    void aDirectCallToANotifierFails() {
        assertFailsNaming(LayeringRules.notifiersOnlyThroughEvents(FIXTURE), "HastyService");
    }

    private static void assertFailsNaming(ArchRule rule, String violator) {
        AssertionError failure = assertThrows(AssertionError.class, () -> rule.check(FIXTURES));
        assertTrue(failure.getMessage().contains(violator), failure.getMessage());
    }
}
