package io.healthmon.testsupport;

import io.healthmon.payara.PostBootCommands;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts the test database and writes the Payara post-boot file that creates {@code jdbc/healthmon}
 * for it, at the path in the system property {@value #POSTBOOT_PROPERTY}. Register it before
 * Arquillian's extension, so the database is up before Payara Micro boots:
 * {@code @ExtendWith({PayaraDatabaseExtension.class, ArquillianExtension.class})}.
 */
public final class PayaraDatabaseExtension implements BeforeAllCallback {

    public static final String POSTBOOT_PROPERTY = "healthmon.postboot.file";

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        TestDatabase database = TestDatabase.get();
        String file = System.getProperty(POSTBOOT_PROPERTY);
        if (file == null) {
            throw new IllegalStateException("System property " + POSTBOOT_PROPERTY
                    + " is not set: configure it in the failsafe plugin's systemPropertyVariables");
        }
        PostBootCommands.write(Path.of(file), database.coordinates(), PostBootCommands.PoolSizing.DEFAULT);
        ServerLog.writeConfiguration();
    }
}
