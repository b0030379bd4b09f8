package io.healthmon.bench;

import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The options of the benchmarks that write a fleet straight into an embedded run's database:
 * {@code --url}, {@code --data-dir} (required: the database and the tokens are found there) and whole
 * numbers, each with its default.
 */
record EmbeddedRunArgs(URI url, Path dataDir, Map<String, Integer> numbers) {

    /** {@code defaults}: each number option's name without its dashes, and its default. */
    static EmbeddedRunArgs parse(String[] args, Map<String, Integer> defaults) {
        URI url = URI.create("http://127.0.0.1:8080/");
        Path dataDir = null;
        Map<String, Integer> numbers = new LinkedHashMap<>(defaults);
        for (int i = 0; i < args.length; i += 2) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            String name = args[i].startsWith("--") ? args[i].substring(2) : "";
            switch (name) {
                case "url" -> url = URI.create(value.endsWith("/") ? value : value + "/");
                case "data-dir" -> dataDir = Path.of(value);
                default -> {
                    if (name.isEmpty() || !numbers.containsKey(name)) {
                        throw new IllegalArgumentException("unknown option " + args[i]);
                    }
                    numbers.put(name, Integer.parseInt(value));
                }
            }
        }
        if (dataDir == null) {
            throw new IllegalArgumentException("give --data-dir: an embedded run's data directory");
        }
        return new EmbeddedRunArgs(url, dataDir, Map.copyOf(numbers));
    }

    int number(String name) {
        return numbers.get(name);
    }
}
