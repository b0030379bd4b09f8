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

    static final Set<String> KEYS = Set.of(
            SERVER_URL, SERVER_URLS, "agent.failback_after", "agent.server_id", "agent.api_key", "agent.api_key_file",
            "agent.collection_interval", "agent.retry_attempts", "agent.retry_backoff", "agent.allow_plain_http",
            "agent.http.connect_timeout", "agent.http.request_timeout",
            "agent.tls.ca_file", "agent.tls.system_trust", "agent.tls.pin_sha256",
            "agent.spool.directory", "agent.spool.max_bytes", "agent.spool.max_age", "agent.spool.batch_size",
            "agent.disks.exclude_fs_types", "agent.disks.include_fs_types", "agent.disks.exclude_mountpoints");

    private static final String ENV_PREFIX = "MONITORING_";

    /**
     * The environment variable that overrides a key: {@code MONITORING_} and the key after
     * {@code agent.}, in capitals, dots as underscores ({@code agent.spool.max_age} is
     * {@code MONITORING_SPOOL_MAX_AGE}). The seed's names ({@code MONITORING_SERVER_URL},
     * {@code MONITORING_API_KEY}) follow the same rule.
     */
    public static String environmentVariable(String key) {
        return ENV_PREFIX + key.substring("agent.".length()).replace('.', '_').toUpperCase(java.util.Locale.ROOT);
    }

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
        Map<String, String> labels = new java.util.HashMap<>();
        for (String key : KEYS) {
            String variable = environmentVariable(key);
            String value = env.get(variable);
            if (value != null && !value.isBlank()) {
                fromEnv.put(key, value.trim());
                labels.put(key, variable); // an error names what the operator set
            }
        }
        if (fromEnv.containsKey(SERVER_URL) && fromEnv.containsKey(SERVER_URLS)) {
            throw new ConfigException("MONITORING_SERVER_URL and MONITORING_SERVER_URLS", "both are set; set one");
        }
        override(values, lists, fromEnv);
        override(values, lists, flags);
        flags.keySet().forEach(labels::remove);
        if (purpose == Purpose.PRINT && !values.containsKey(SERVER_URL) && !values.containsKey(SERVER_URLS)) {
            values.put(SERVER_URL, "http://localhost/"); // printing sends nothing
        }
        return build(new Values(values, lists, labels), purpose);
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
            throw new ConfigException(v.label("agent.server_id"), io.healthmon.report.Limits.SERVER_ID_RULE + ", was '" + serverId + "'");
        }
        Path keyFile = v.path("agent.api_key_file").orElse(Path.of(DEFAULT_STATE, "api-key"));
        Optional<String> apiKey = v.text("agent.api_key");
        if (apiKey.isEmpty() && purpose == Purpose.RUN) {
            apiKey = Optional.of(readKeyFile(v.label("agent.api_key_file"), keyFile));
        }
        Duration interval = v.seconds("agent.collection_interval", 60, 1, 86_400);
        int attempts = (int) v.number("agent.retry_attempts", 3, 0, 100);
        double backoff = v.decimal("agent.retry_backoff", 2.0, 1.0, 10.0);
        TlsSettings tls = tls(v);
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
                tls,
                v.path("agent.spool.directory").orElse(Path.of(DEFAULT_STATE, "spool")),
                v.number("agent.spool.max_bytes", 50L * 1024 * 1024, 64 * 1024, 100L * 1024 * 1024 * 1024),
                v.seconds("agent.spool.max_age", 7 * 86_400, 60, 366 * 86_400),
                (int) v.number("agent.spool.batch_size", 100, 1, io.healthmon.report.Limits.MAX_BATCH),
                Set.copyOf(excluded),
                v.list("agent.disks.exclude_mountpoints").orElse(List.of()));
    }

    /**
     * The CA file replaces the JVM's authorities unless {@code system_trust} is true. Without a CA file
     * the JVM's authorities are the trust, as they always were (configurations without one keep
     * working), and switching them off is an error: nothing would be trusted.
     */
    private static TlsSettings tls(Values v) {
        Optional<Path> caFile = v.path("agent.tls.ca_file");
        caFile.ifPresent(f -> {
            if (!Files.isReadable(f)) {
                throw new ConfigException(v.label("agent.tls.ca_file"), "cannot read " + f);
            }
        });
        boolean systemTrust = v.flag("agent.tls.system_trust", caFile.isEmpty());
        if (!systemTrust && caFile.isEmpty()) {
            throw new ConfigException(v.label("agent.tls.system_trust"), "false, and no agent.tls.ca_file names whom to"
                    + " trust instead: give the server's CA (or its certificate) in agent.tls.ca_file");
        }
        List<String> pins = new ArrayList<>();
        for (String pin : v.list("agent.tls.pin_sha256").orElse(List.of())) {
            pins.add(PublicKeyPin.toHex(v.label("agent.tls.pin_sha256"), pin));
        }
        return new TlsSettings(caFile, systemTrust, List.copyOf(pins));
    }

    /** {@code server_url} as a list of one, or the entries of {@code server_urls}; never both. */
    private static List<URI> serverUrls(Values v, Purpose purpose) {
        boolean plainAllowed = v.flag("agent.allow_plain_http", false);
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
            return List.of(serverUrl(v.label(SERVER_URL), text, plainAllowed));
        }
        List<String> entries = many.get();
        if (entries.isEmpty()) {
            throw new ConfigException(v.label(SERVER_URLS), "empty: list at least one server URL");
        }
        List<URI> urls = new ArrayList<>();
        Map<String, Integer> numbers = new java.util.HashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            // Numbered from 1, as an operator counts the lines of the list.
            String key = v.label(SERVER_URLS) + "[" + (i + 1) + "]";
            URI url = serverUrl(key, entries.get(i), plainAllowed);
            Integer earlier = numbers.putIfAbsent(sameServer(url), i + 1);
            if (earlier != null) {
                throw new ConfigException(key, "'" + entries.get(i) + "' is the same server as " + v.label(SERVER_URLS)
                        + "[" + earlier + "]; list each server once");
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

    private static String readKeyFile(String key, Path file) {
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

    /**
     * Typed access to the flattened values (and the items of the file's lists). Every error names where
     * the value came from: the key, or the environment variable that set it.
     */
    private record Values(Map<String, String> map, Map<String, List<String>> lists, Map<String, String> labels) {

        /** The key, or the environment variable that overrode it. */
        String label(String key) {
            return labels.getOrDefault(key, key);
        }

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

        /** true or false, in any case; anything else is an error rather than a silent false. */
        boolean flag(String key, boolean defaultValue) {
            Optional<String> raw = text(key);
            if (raw.isEmpty()) {
                return defaultValue;
            }
            if (raw.get().equalsIgnoreCase("true") || raw.get().equalsIgnoreCase("false")) {
                return Boolean.parseBoolean(raw.get());
            }
            throw new ConfigException(label(key), "must be true or false, was '" + raw.get() + "'");
        }

        long number(String key, long defaultValue, long min, long max) {
            return ranged(key, defaultValue, min, max, Long::valueOf, "a whole number", "");
        }

        double decimal(String key, double defaultValue, double min, double max) {
            return ranged(key, defaultValue, min, max, Double::valueOf, "a number", "");
        }

        Duration seconds(String key, long defaultSeconds, long min, long max) {
            return Duration.ofSeconds(ranged(key, defaultSeconds, min, max, Long::valueOf, "a whole number of seconds",
                    " seconds"));
        }

        /**
         * The one place where a configured number is read and held to its range: absent gives the
         * default; text that is not a number of the kind, or a number outside [min, max] (NaN included),
         * is an error naming the key or variable and what was written.
         */
        private <T extends Comparable<T>> T ranged(String key, T defaultValue, T min, T max,
                                                   java.util.function.Function<String, T> parse, String kind, String unit) {
            Optional<String> raw = text(key);
            if (raw.isEmpty()) {
                return defaultValue;
            }
            T value;
            try {
                value = parse.apply(raw.get());
            } catch (NumberFormatException e) {
                throw new ConfigException(label(key), "must be " + kind + ", was '" + raw.get() + "'");
            }
            if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
                throw new ConfigException(label(key), "must be from " + min + " to " + max + unit + ", was " + raw.get());
            }
            return value;
        }
    }
}
