package io.healthmon.payara;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where the PostgreSQL database is and how to log in, parsed from {@code DATABASE_URL} in either of
 * the forms operators use: {@code postgresql://user:pass@host:port/db} (also {@code postgres://}) or
 * {@code jdbc:postgresql://host:port/db?user=u&password=p}.
 */
public record DatabaseCoordinates(String host, int port, String database, String user, String password) {

    public static final int DEFAULT_PORT = 5432;

    public DatabaseCoordinates {
        requireText(host, "host");
        requireText(database, "database name");
        requireText(user, "user");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("DATABASE_URL: port must be 1 to 65535, was " + port);
        }
        password = password == null ? "" : password;
    }

    /** Parses a DATABASE_URL; the message of the exception names what is wrong, never the password. */
    public static DatabaseCoordinates parse(String url) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("DATABASE_URL is empty");
        }
        String trimmed = url.trim();
        String withoutJdbc = trimmed.startsWith("jdbc:") ? trimmed.substring("jdbc:".length()) : trimmed;
        if (!withoutJdbc.startsWith("postgresql://") && !withoutJdbc.startsWith("postgres://")) {
            throw new IllegalArgumentException(
                    "DATABASE_URL must start with postgresql://, postgres:// or jdbc:postgresql://");
        }
        URI uri;
        try {
            uri = new URI(withoutJdbc);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("DATABASE_URL is not a valid URL: " + e.getReason());
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("DATABASE_URL has no host");
        }
        Map<String, String> query = parseQuery(uri.getRawQuery());
        String user = query.get("user");
        String password = query.get("password");
        if (uri.getRawUserInfo() != null) {
            String[] parts = uri.getRawUserInfo().split(":", 2);
            user = decode(parts[0]);
            password = parts.length > 1 ? decode(parts[1]) : password;
        }
        String path = uri.getPath() == null ? "" : uri.getPath();
        String database = path.startsWith("/") ? path.substring(1) : path;
        if (database.isEmpty()) {
            throw new IllegalArgumentException("DATABASE_URL has no database name (the path after the host)");
        }
        if (user == null) {
            throw new IllegalArgumentException("DATABASE_URL has no user (user:password@ or ?user=)");
        }
        int port = uri.getPort() == -1 ? DEFAULT_PORT : uri.getPort();
        return new DatabaseCoordinates(uri.getHost(), port, database, user, password);
    }

    /** The JDBC URL without credentials. */
    public String jdbcUrl() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    @Override
    public String toString() {
        // Never print the password: this record ends up in log lines.
        return "DatabaseCoordinates[" + user + "@" + host + ":" + port + "/" + database + "]";
    }

    private static Map<String, String> parseQuery(String rawQuery) {
        Map<String, String> result = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return result;
        }
        for (String pair : rawQuery.split("&")) {
            String[] kv = pair.split("=", 2);
            result.put(decode(kv[0]), kv.length > 1 ? decode(kv[1]) : "");
        }
        return result;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    private static void requireText(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("DATABASE_URL: " + what + " is missing");
        }
    }
}
