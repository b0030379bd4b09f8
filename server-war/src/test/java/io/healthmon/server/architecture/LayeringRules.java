package io.healthmon.server.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.lang.ArchRule;

/**
 * The server's layering as ArchUnit rules, each for a root package, so that the same rule checks the
 * server and, in {@link LayeringRulesTest}, a fixture built to break it.
 */
final class LayeringRules {

    private LayeringRules() {
    }

    /** No cycle among packages, subpackages included: dependencies run one way. */
    static ArchRule noPackageCycles(String root) {
        return slices().matching(root + ".(**)").should().beFreeOfCycles()
                .because("each package's dependencies run one way, so it can be read and changed on its own");
    }

    /** Resources reach the database only through application services. */
    static ArchRule restDoesNotUsePersistence(String root) {
        return noClasses().that().resideInAPackage(root + ".rest..")
                .should().dependOnClassesThat().resideInAPackage(root + ".persistence..")
                .because("a resource parses, calls one application service and maps its result");
    }

    /** The domain is plain Java: rules that a unit test can run without a container or a configuration. */
    static ArchRule domainIsPlainJava(String root) {
        return noClasses().that().resideInAPackage(root + ".domain..")
                .should().dependOnClassesThat().resideInAnyPackage("jakarta..", "javax..", "org.eclipse..",
                        "com.fasterxml..", "com.hazelcast..", root + ".config..", root + ".application..",
                        root + ".persistence..", root + ".rest..", root + ".notification..", root + ".cluster..")
                .because("configuration and adapters produce domain values; the domain depends on none of them");
    }

    /**
     * Only persistence converts times for its columns: entities and repositories take and return
     * {@code Instant}, so the rest of the server never meets the {@code OffsetDateTime} that EclipseLink needs.
     */
    static ArchRule timeConversionsStayInPersistence(String root) {
        return noClasses().that().resideInAPackage(root + "..").and().resideOutsideOfPackage(root + ".persistence..")
                .should().dependOnClassesThat().haveFullyQualifiedName("java.time.OffsetDateTime")
                .orShould().dependOnClassesThat().haveFullyQualifiedName(root + ".persistence.jpa.UtcTimes")
                .because("the server works in java.time.Instant; persistence converts to and from its columns' type inside");
    }

    /**
     * Persistence is an adapter: the classes outside it reach the database through ports the
     * application owns, which persistence implements, and meet domain values, never entities or
     * repositories.
     */
    static ArchRule onlyPersistenceUsesPersistence(String root) {
        return noClasses().that().resideInAPackage(root + "..").and().resideOutsideOfPackage(root + ".persistence..")
                .should().dependOnClassesThat().resideInAPackage(root + ".persistence..")
                .because("persistence implements the application's ports; the rest of the server depends on those");
    }

    /** Notifiers observe alert events; nothing calls them directly, so an alert change is notified once, after commit. */
    static ArchRule notifiersOnlyThroughEvents(String root) {
        return noClasses().that().haveSimpleNameNotEndingWith("Notifier")
                .should().dependOnClassesThat().haveSimpleNameEndingWith("Notifier")
                .because("notifiers observe events fired after commit; a direct call would notify a change that may roll back");
    }
}
