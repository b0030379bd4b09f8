package io.healthmon.testsupport;

import io.healthmon.payara.DatabaseCoordinates;
import io.healthmon.payara.PostBootCommands;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Like {@link PayaraDatabaseExtension}, but the server reaches the test database through a
 * {@link TcpProxy} the test can cut and restore: a database outage without stopping the database.
 * Register it before Arquillian's extension.
 */
public final class ProxiedDatabaseExtension implements BeforeAllCallback {

    private static TcpProxy proxy;

    /** The proxy of the current test class. */
    public static TcpProxy proxy() {
        return proxy;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        DatabaseCoordinates db = TestDatabase.get().coordinates();
        if (proxy != null) {
            proxy.close();
        }
        proxy = new TcpProxy(db.host(), db.port());
        DatabaseCoordinates viaProxy = new DatabaseCoordinates("127.0.0.1", proxy.port(), db.database(), db.user(), db.password());
        String file = System.getProperty(PayaraDatabaseExtension.POSTBOOT_PROPERTY);
        if (file == null) {
            throw new IllegalStateException("System property " + PayaraDatabaseExtension.POSTBOOT_PROPERTY + " is not set");
        }
        PostBootCommands.write(Path.of(file), viaProxy, PostBootCommands.PoolSizing.DEFAULT);
    }
}
