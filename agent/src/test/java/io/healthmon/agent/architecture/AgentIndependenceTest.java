package io.healthmon.agent.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/**
 * The agent stands alone: it shares the report model with the server and nothing else, so it can be
 * installed, versioned and trusted on every host without the server's code.
 */
class AgentIndependenceTest {

    private static ArchRule agentUsesNoServerCode(String root) {
        return noClasses().that().resideInAPackage(root + "..")
                .should().dependOnClassesThat().resideInAPackage("io.healthmon.server..")
                .because("the agent shares only the report model with the server");
    }

    @Test
    void theAgentUsesNoServerCode() {
        agentUsesNoServerCode("io.healthmon.agent").check(new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.healthmon.agent"));
    }

    @Test
    void theRuleFailsOnAClassThatUsesServerCode() {
        AssertionError failure = assertThrows(AssertionError.class, () -> agentUsesNoServerCode("io.healthmon.agentfixture")
                .check(new ClassFileImporter().importPackages("io.healthmon.agentfixture")));
        assertTrue(failure.getMessage().contains("ServerMinded"), failure.getMessage());
    }
}
