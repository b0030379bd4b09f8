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

    /** Environment variables that override the file, by the key they override. */
    public static final Map<String, String> ENV_OVERRIDES = Map.of(
            "agent.server_url", "MONITORING_SERVER_URL",
            "agent.api_key", "MONITORING_API_KEY",
            "agent.server_id", "MONITORING_SERVER_ID",
            "agent.collection_interval", "MONITORING_COLLECTION_INTERVAL");

    static final Set<String> KEYS = Set.of(
            "agent.server_url", "agent.server_id", "agent.api_key", "agent.api_key_file",
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
        try {
            return fromTree(JsonTree.parse(YAML, yaml), purpose, Map.of());
        } catch (IOException e) {
            throw new ConfigException("(file)", "not valid YAML: " + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    private AgentConfig fromTree(JsonTree tree, Purpose purpose, Map<String, String> flags) {
        Map<String, String> values = new java.util.LinkedHashMap<>(flatten(tree));
        ENV_OVERRIDES.forEach((key, variable) -> {
            String value = env.get(variable);
            if (value != null && !value.isBlank()) {
                values.put(key, value.trim());
            }
        });
        values.putAll(flags);
        if (purpose == Purpose.PRINT && !values.containsKey("agent.server_url")) {
            values.put("agent.server_url", "http://localhost/"); // printing sends nothing
        }
        return build(new Values(values), purpose == Purpose.RUN);
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

    /** Dotted keys to expanded scalar text; lists become comma-separated. Unknown keys are errors. */
    private Map<String, String> flatten(JsonTree root) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        if (root != null && !root.isNull()) {
            if (!root.isObject()) {
                throw new ConfigException("(file)", "must be a mapping with an 'agent:' section");
            }
            flatten("", root, out);
        }
        return out;
    }

    private void flatten(String prefix, JsonTree node, Map<String, String> out) {
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
                flatten(key, value, out);
            } else {
                if (!KEYS.contains(key)) {
                    throw unknown(key);
                }
                if (value.isArray()) {
                    List<String> items = new ArrayList<>();
                    value.items().forEach(v -> items.add(expand(key, v.asText())));
                    out.put(key, String.join(",", items));
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

    private AgentConfig build(Values v, boolean requireKey) {
        URI serverUrl = serverUrl(v);
        String serverId = v.text("agent.server_id").orElseGet(hostName);
        if (!serverId.matches(io.healthmon.report.Limits.SERVER_ID_PATTERN)) {
            throw new ConfigException("agent.server_id", io.healthmon.report.Limits.SERVER_ID_RULE + ", was '" + serverId + "'");
        }
        Path keyFile = v.path("agent.api_key_file").orElse(Path.of(DEFAULT_STATE, "api-key"));
        Optional<String> apiKey = v.text("agent.api_key");
        if (apiKey.isEmpty() && requireKey) {
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
        return new AgentConfig(serverUrl, serverId, apiKey, keyFile, interval, attempts, backoff,
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

    private static URI serverUrl(Values v) {
        String key = "agent.server_url";
        String text = v.text(key).orElseThrow(() -> new ConfigException(key,
                "missing: set it in the file or in MONITORING_SERVER_URL"));
        URI uri;
        try {
            uri = new URI(text.endsWith("/") ? text : text + "/");
        } catch (URISyntaxException e) {
            throw new ConfigException(key, "not a URL: '" + text + "'");
        }
        if (uri.getHost() == null || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))) {
            throw new ConfigException(key, "must be an https:// (or, to this machine, http://) URL, was '" + text + "'");
        }
        boolean plainAllowed = Boolean.parseBoolean(v.text("agent.allow_plain_http").orElse("false"));
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

    /** Typed access to the flattened values, each error naming its key. */
    private record Values(Map<String, String> map) {

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
