package io.healthmon.testsupport;

import io.healthmon.payara.DatabaseCoordinates;
import io.healthmon.payara.PostBootCommands;
import java.io.IOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Like {@link PayaraDatabaseExtension}, but the server reaches the test database through a
 * {@link TcpProxy} the test can cut and restore: a database outage without stopping the database.
 * Register it before Arquillian's extension. A test class marked {@link DatabaseAwayAtStart} gets the
 * proxy already cut, so the server starts while its database is unreachable.
 */
public final class ProxiedDatabaseExtension implements BeforeAllCallback {

    /** The proxy refuses connections when the server starts, until the test restores it. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.TYPE)
    public @interface DatabaseAwayAtStart {
    }

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
        if (context.getRequiredTestClass().isAnnotationPresent(DatabaseAwayAtStart.class)) {
            proxy.cut();
        }
        DatabaseCoordinates viaProxy = new DatabaseCoordinates("127.0.0.1", proxy.port(), db.database(), db.user(), db.password());
        String file = System.getProperty(PayaraDatabaseExtension.POSTBOOT_PROPERTY);
        if (file == null) {
            throw new IllegalStateException("System property " + PayaraDatabaseExtension.POSTBOOT_PROPERTY + " is not set");
        }
        PostBootCommands.write(Path.of(file), viaProxy, PostBootCommands.PoolSizing.DEFAULT);
        ServerLog.writeConfiguration();
    }
}
