package io.healthmon.agent.config;

import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.healthmon.agent.json.JsonTree;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the YAML file, expands {@code ${VAR}} and {@code ${VAR:-default}} from the environment,
 * rejects unknown (misspelt) keys, applies the environment overrides and checks every value.
 */
public final class ConfigLoader {

    static final String SERVER_URL = "agent.server_url";
    static final String SERVER_URLS = "agent.server_urls";

    /** Environment variables that override the file, by the key they override. */
    public static final Map<String, String> ENV_OVERRIDES = Map.of(
            SERVER_URL, "MONITORING_SERVER_URL",
            SERVER_URLS, "MONITORING_SERVER_URLS",
            "agent.failback_after", "MONITORING_FAILBACK_AFTER",
            "agent.api_key", "MONITORING_API_KEY",
            "agent.server_id", "MONITORING_SERVER_ID",
            "agent.collection_interval", "MONITORING_COLLECTION_INTERVAL");

    static final Set<String> KEYS = Set.of(
            SERVER_URL, SERVER_URLS, "agent.failback_after", "agent.server_id", "agent.api_key", "agent.api_key_file",
            "agent.collection_interval", "agent.retry_attempts", "agent.retry_backoff", "agent.allow_plain_http",
            "agent.http.connect_timeout", "agent.http.request_timeout",
            "agent.tls.ca_file",
            "agent.spool.directory", "agent.spool.max_bytes", "agent.spool.max_age", "agent.spool.batch_size",
            "agent.disks.exclude_fs_types", "agent.disks.include_fs_types", "agent.disks.exclude_mountpoints");

    static final String DEFAULT_STATE = "/var/lib/healthmon-agent";
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?}");
    private static final YAMLFactory YAML = new YAMLFactory();

    private final Map<String, String> env;
    private final Supplier<String> hostName;

    public ConfigLoader(Map<String, String> env, Supplier<String> hostName) {
        this.env = env;
        this.hostName = hostName;
    }

    /** What the configuration is loaded for: each needs different keys. */
    public enum Purpose {
        /** Running: the server URL and an API key are required. */
        RUN,
        /** Printing a report: nothing about the server is needed. */
        PRINT,
        /** Registering: the server URL is needed, the key is what registration creates. */
        REGISTER
    }

    /** Loads a file (or, without one, only the environment) and checks every value. */
    public AgentConfig load(Optional<Path> file, Purpose purpose) {
        return load(file, purpose, Map.of());
    }

    /** As {@link #load(Optional, Purpose)}, with command-line values that win over file and environment. */
    public AgentConfig load(Optional<Path> file, Purpose purpose, Map<String, String> flags) {
        return fromTree(file.map(this::read).orElse(null), purpose, flags);
    }

    /** Parses YAML text (for tests). */
    public AgentConfig parse(String yaml, Purpose purpose) {
        return parse(yaml, purpose, Map.of());
    }

    /** Parses YAML text with command-line values (for tests). */
    AgentConfig parse(String yaml, Purpose purpose, Map<String, String> flags) {
        try {
            return fromTree(JsonTree.parse(YAML, yaml), purpose, flags);
        } catch (IOException e) {
            throw new ConfigException("(file)", "not valid YAML: " + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    private AgentConfig fromTree(JsonTree tree, Purpose purpose, Map<String, String> flags) {
        Map<String, String> values = new java.util.LinkedHashMap<>();
        Map<String, List<String>> lists = new java.util.LinkedHashMap<>();
        flatten(tree, values, lists);
        Map<String, String> fromEnv = new java.util.LinkedHashMap<>();
        ENV_OVERRIDES.forEach((key, variable) -> {
            String value = env.get(variable);
            if (value != null && !value.isBlank()) {
                fromEnv.put(key, value.trim());
            }
        });
        if (fromEnv.containsKey(SERVER_URL) && fromEnv.containsKey(SERVER_URLS)) {
            throw new ConfigException("MONITORING_SERVER_URL and MONITORING_SERVER_URLS", "both are set; set one");
        }
        override(values, lists, fromEnv);
        override(values, lists, flags);
        if (purpose == Purpose.PRINT && !values.containsKey(SERVER_URL) && !values.containsKey(SERVER_URLS)) {
            values.put(SERVER_URL, "http://localhost/"); // printing sends nothing
        }
        return build(new Values(values, lists), purpose);
    }

    /**
     * Puts a layer (environment, command line) over the values below it. The servers are one setting
     * under two keys: a layer that names them with either key replaces what the layers below said with
     * either, so MONITORING_SERVER_URL overrides a file's {@code server_urls} as it does its {@code server_url}.
     */
    private static void override(Map<String, String> values, Map<String, List<String>> lists, Map<String, String> layer) {
        if (layer.containsKey(SERVER_URL) || layer.containsKey(SERVER_URLS)) {
            values.remove(SERVER_URL);
            values.remove(SERVER_URLS);
            lists.remove(SERVER_URLS);
        }
        layer.forEach((key, value) -> {
            values.put(key, value);
            lists.remove(key);
        });
    }

    private JsonTree read(Path file) {
        try {
            return JsonTree.parse(YAML, Files.readString(file));
        } catch (NoSuchFileException e) {
            throw new ConfigException("--config", "no such file " + file);
        } catch (AccessDeniedException e) {
            throw new ConfigException("--config", "cannot read " + file + " (permission denied)");
        } catch (IOException e) {
            throw new ConfigException("--config", file + " is not valid YAML: " + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    /**
     * Dotted keys to expanded scalar text in {@code out}; lists become comma-separated there and keep
     * their items in {@code lists}. Unknown keys are errors.
     */
    private void flatten(JsonTree root, Map<String, String> out, Map<String, List<String>> lists) {
        if (root != null && !root.isNull()) {
            if (!root.isObject()) {
                throw new ConfigException("(file)", "must be a mapping with an 'agent:' section");
            }
            flatten("", root, out, lists);
        }
    }

    private void flatten(String prefix, JsonTree node, Map<String, String> out, Map<String, List<String>> lists) {
        for (Map.Entry<String, JsonTree> field : node.fields().entrySet()) {
            String key = prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey();
            JsonTree value = field.getValue();
            boolean section = KEYS.stream().anyMatch(k -> k.startsWith(key + "."));
            if (value.isNull() && section) {
                continue; // a section left empty (everything in it commented out)
            }
            if (value.isObject()) {
                if (!section) {
                    throw unknown(key);
                }
                flatten(key, value, out, lists);
            } else {
                if (!KEYS.contains(key)) {
                    throw unknown(key);
                }
                if (value.isArray()) {
                    List<String> items = new ArrayList<>();
                    value.items().forEach(v -> items.add(expand(key, v.asText())));
                    out.put(key, String.join(",", items));
                    lists.put(key, List.copyOf(items));
                } else if (value.isNull() && key.equals(SERVER_URLS)) {
                    // The key written with its entries commented out: an empty list, not "use server_url".
                    out.put(key, "");
                    lists.put(key, List.of());
                } else if (!value.isNull()) {
                    out.put(key, expand(key, value.asText()));
                }
            }
        }
    }

    private static ConfigException unknown(String key) {
        String close = KEYS.stream().filter(k -> similar(k, key)).findFirst().map(k -> " (did you mean " + k + "?)").orElse("");
        return new ConfigException(key, "unknown key" + close);
    }

    private static boolean similar(String a, String b) {
        String[] pa = a.split("\\.");
        String[] pb = b.split("\\.");
        if (pa.length != pb.length) {
            return false;
        }
        String la = pa[pa.length - 1];
        String lb = pb[pb.length - 1];
        return Math.abs(la.length() - lb.length()) <= 2 && (la.startsWith(lb.substring(0, Math.min(3, lb.length())))
                || la.endsWith(lb.substring(Math.max(0, lb.length() - 3))));
    }

    String expand(String key, String text) {
        Matcher m = VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = env.get(m.group(1));
            if (value == null || value.isEmpty()) {
                value = m.group(2) == null ? "" : m.group(2);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString().trim();
    }

    private AgentConfig build(Values v, Purpose purpose) {
        List<URI> serverUrls = serverUrls(v, purpose);
        String serverId = v.text("agent.server_id").orElseGet(hostName);
        if (!serverId.matches(io.healthmon.report.Limits.SERVER_ID_PATTERN)) {
            throw new ConfigException("agent.server_id", io.healthmon.report.Limits.SERVER_ID_RULE + ", was '" + serverId + "'");
        }
        Path keyFile = v.path("agent.api_key_file").orElse(Path.of(DEFAULT_STATE, "api-key"));
        Optional<String> apiKey = v.text("agent.api_key");
        if (apiKey.isEmpty() && purpose == Purpose.RUN) {
            apiKey = Optional.of(readKeyFile(keyFile));
        }
        Duration interval = v.seconds("agent.collection_interval", 60, 1, 86_400);
        int attempts = (int) v.number("agent.retry_attempts", 3, 0, 100);
        double backoff = v.decimal("agent.retry_backoff", 2.0, 1.0, 10.0);
        Optional<Path> caFile = v.path("agent.tls.ca_file");
        caFile.ifPresent(f -> {
            if (!Files.isReadable(f)) {
                throw new ConfigException("agent.tls.ca_file", "cannot read " + f);
            }
        });
        Set<String> excluded = new HashSet<>(AgentConfig.DEFAULT_EXCLUDED_FS_TYPES);
        v.list("agent.disks.exclude_fs_types").ifPresent(list -> {
            excluded.clear();
            excluded.addAll(list);
        });
        v.list("agent.disks.include_fs_types").ifPresent(excluded::removeAll);
        return new AgentConfig(serverUrls, v.seconds("agent.failback_after", 300, 1, 86_400),
                serverId, apiKey, keyFile, interval, attempts, backoff,
                v.seconds("agent.http.connect_timeout", 5, 1, 300),
                v.seconds("agent.http.request_timeout", 15, 1, 600),
                caFile,
                v.path("agent.spool.directory").orElse(Path.of(DEFAULT_STATE, "spool")),
                v.number("agent.spool.max_bytes", 50L * 1024 * 1024, 64 * 1024, 100L * 1024 * 1024 * 1024),
                v.seconds("agent.spool.max_age", 7 * 86_400, 60, 366 * 86_400),
                (int) v.number("agent.spool.batch_size", 100, 1, io.healthmon.report.Limits.MAX_BATCH),
                Set.copyOf(excluded),
                v.list("agent.disks.exclude_mountpoints").orElse(List.of()));
    }

    /** {@code server_url} as a list of one, or the entries of {@code server_urls}; never both. */
    private static List<URI> serverUrls(Values v, Purpose purpose) {
        boolean plainAllowed = Boolean.parseBoolean(v.text("agent.allow_plain_http").orElse("false"));
        Optional<String> one = v.text(SERVER_URL);
        Optional<List<String>> many = v.entries(SERVER_URLS);
        if (one.isPresent() && many.isPresent()) {
            throw new ConfigException(SERVER_URL + " and " + SERVER_URLS, "both are set; keep " + SERVER_URL
                    + " for one server, or list every server under " + SERVER_URLS);
        }
        if (many.isEmpty()) {
            String text = one.orElseThrow(() -> new ConfigException(SERVER_URL, "missing: set " + SERVER_URL + " (or "
                    + SERVER_URLS + ") in the file, or MONITORING_SERVER_URL (or MONITORING_SERVER_URLS)"
                    + (purpose == Purpose.REGISTER ? ", or give register --server URL" : "")));
            return List.of(serverUrl(SERVER_URL, text, plainAllowed));
        }
        List<String> entries = many.get();
        if (entries.isEmpty()) {
            throw new ConfigException(SERVER_URLS, "empty: list at least one server URL");
        }
        List<URI> urls = new ArrayList<>();
        Map<String, Integer> numbers = new java.util.HashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            // Numbered from 1, as an operator counts the lines of the list.
            String key = SERVER_URLS + "[" + (i + 1) + "]";
            URI url = serverUrl(key, entries.get(i), plainAllowed);
            Integer earlier = numbers.putIfAbsent(sameServer(url), i + 1);
            if (earlier != null) {
                throw new ConfigException(key, "'" + entries.get(i) + "' is the same server as " + SERVER_URLS + "["
                        + earlier + "]; list each server once");
            }
            urls.add(url);
        }
        return List.copyOf(urls);
    }

    /** What makes two URLs the same server: case and a default port written out do not. */
    private static String sameServer(URI url) {
        String scheme = url.getScheme().toLowerCase(java.util.Locale.ROOT);
        int port = url.getPort() >= 0 ? url.getPort() : scheme.equals("https") ? 443 : 80;
        return scheme + "://" + url.getHost().toLowerCase(java.util.Locale.ROOT) + ":" + port + url.normalize().getPath();
    }

    private static URI serverUrl(String key, String text, boolean plainAllowed) {
        if (text.isBlank()) {
            throw new ConfigException(key, "empty: give a server's URL");
        }
        if (text.contains(",")) {
            // Legal in a URL, but here it is several servers written where one belongs.
            throw new ConfigException(key, "holds a comma, was '" + text + "': list several servers under " + SERVER_URLS
                    + " (or in MONITORING_SERVER_URLS, comma-separated)");
        }
        URI uri;
        try {
            uri = new URI(text.endsWith("/") ? text : text + "/");
        } catch (URISyntaxException e) {
            throw new ConfigException(key, "not a URL: '" + text + "'");
        }
        if (uri.getHost() == null || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))) {
            throw new ConfigException(key, "must be an https:// (or, to this machine, http://) URL, was '" + text + "'");
        }
        if ("http".equals(uri.getScheme()) && !plainAllowed && !isLoopback(uri.getHost())) {
            throw new ConfigException(key, "plain http is only allowed to this machine (loopback); use https://,"
                    + " or set agent.allow_plain_http: true on a network you trust");
        }
        return uri;
    }

    private static boolean isLoopback(String host) {
        String h = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        if (h.equals("localhost")) {
            return true;
        }
        try {
            return h.matches("[0-9.]+|[0-9a-fA-F:]+") && InetAddress.getByName(h).isLoopbackAddress();
        } catch (IOException e) {
            return false;
        }
    }

    private static String readKeyFile(Path file) {
        String key = "agent.api_key_file";
        try {
            String text = Files.readString(file).trim();
            if (text.isEmpty()) {
                throw new ConfigException(key, file + " is empty: run 'register' again");
            }
            return text;
        } catch (NoSuchFileException e) {
            throw new ConfigException(key, "no key in " + file + ": run 'register --server URL --token TOKEN' first,"
                    + " or set MONITORING_API_KEY");
        } catch (AccessDeniedException e) {
            throw new ConfigException(key, "cannot read " + file + " (permission denied: it must belong to the agent's user)");
        } catch (IOException e) {
            throw new ConfigException(key, "cannot read " + file + ": " + e.getMessage());
        }
    }

    /** Typed access to the flattened values (and the items of the file's lists), each error naming its key. */
    private record Values(Map<String, String> map, Map<String, List<String>> lists) {

        /**
         * A list's entries as written, blanks included (for errors that name the entry): the file's YAML
         * list, or a comma-separated value (the environment's). Empty when the key is not set.
         */
        Optional<List<String>> entries(String key) {
            if (lists.containsKey(key)) {
                return Optional.of(lists.get(key));
            }
            return text(key).map(t -> {
                List<String> out = new ArrayList<>();
                for (String entry : t.split(",", -1)) {
                    out.add(entry.trim());
                }
                return out;
            });
        }

        Optional<String> text(String key) {
            String value = map.get(key);
            return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
        }

        Optional<Path> path(String key) {
            return text(key).map(Path::of);
        }

        Optional<List<String>> list(String key) {
            return text(key).map(t -> List.copyOf(new LinkedHashSet<>(
                    java.util.Arrays.stream(t.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList())));
        }

        long number(String key, long defaultValue, long min, long max) {
            Optional<String> raw = text(key);
            if (raw.isEmpty()) {
                return defaultValue;
            }
            long value;
            try {
                value = Long.parseLong(raw.get());
            } catch (NumberFormatException e) {
                throw new ConfigException(key, "must be a whole number, was '" + raw.get() + "'");
            }
            if (value < min || value > max) {
                throw new ConfigException(key, "must be from " + min + " to " + max + ", was " + value);
            }
            return value;
        }

        double decimal(String key, double defaultValue, double min, double max) {
            Optional<String> raw = text(key);
            if (raw.isEmpty()) {
                return defaultValue;
            }
            double value;
            try {
                value = Double.parseDouble(raw.get());
            } catch (NumberFormatException e) {
                throw new ConfigException(key, "must be a number, was '" + raw.get() + "'");
            }
            if (!(value >= min && value <= max)) {
                throw new ConfigException(key, "must be from " + min + " to " + max + ", was " + value);
            }
            return value;
        }

        Duration seconds(String key, long defaultSeconds, long min, long max) {
            Optional<String> raw = text(key);
            if (raw.isPresent()) {
                try {
                    if (Double.parseDouble(raw.get()) <= 0) {
                        throw new ConfigException(key, "must be greater than 0 seconds, was " + raw.get());
                    }
                } catch (NumberFormatException e) {
                    throw new ConfigException(key, "must be a whole number of seconds, was '" + raw.get() + "'");
                }
            }
            return Duration.ofSeconds(number(key, defaultSeconds, min, max));
        }
    }
}
