package io.healthmon.agent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code agent.server_urls} (a cluster's instances), {@code agent.failback_after}, and their environment variables. */
class ServerUrlsConfigTest {

    private static final Map<String, String> KEY = Map.of("MONITORING_API_KEY", "k");

    private static AgentConfig parse(String yaml, Map<String, String> env) {
        Map<String, String> withKey = new HashMap<>(KEY);
        withKey.putAll(env);
        return new ConfigLoader(withKey, () -> "this-host").parse(yaml, ConfigLoader.Purpose.RUN);
    }

    private static String problem(String yaml, Map<String, String> env) {
        return assertThrows(ConfigException.class, () -> parse(yaml, env)).getMessage();
    }

    private static List<URI> uris(String... urls) {
        List<URI> out = new ArrayList<>();
        for (String url : urls) {
            out.add(URI.create(url));
        }
        return out;
    }

    @Test
    void theLaunchersBlockListIsTheServersInOrderWithTheDefaultFailback() {
        AgentConfig c = parse("""
                agent:
                  server_urls:
                    - "http://127.0.0.1:8080/"
                    - "http://127.0.0.1:8081/"
                """, Map.of());
        assertEquals(uris("http://127.0.0.1:8080/", "http://127.0.0.1:8081/"), c.serverUrls());
        assertEquals(Duration.ofMinutes(5), c.failbackAfter());
    }

    @Test
    void aFlowListAndASingleServerUrlReadAsLists() {
        assertEquals(uris("https://a.example.org/", "https://b.example.org/x/"),
                parse("agent:\n  server_urls: [\"https://a.example.org/\", \"https://b.example.org/x\"]\n", Map.of()).serverUrls());
        assertEquals(uris("https://one.example.org/"),
                parse("agent:\n  server_url: https://one.example.org\n", Map.of()).serverUrls());
    }

    @Test
    void theEnvironmentsServersReplaceTheFilesWhicheverKeyEitherUses() {
        Map<String, String> urls = Map.of("MONITORING_SERVER_URLS", " https://x.example.org/ ,https://y.example.org ");
        assertEquals(uris("https://x.example.org/", "https://y.example.org/"),
                parse("agent:\n  server_urls: [\"https://a/\", \"https://b/\"]\n", urls).serverUrls());
        assertEquals(uris("https://x.example.org/", "https://y.example.org/"),
                parse("agent:\n  server_url: https://a/\n", urls).serverUrls(), "the list replaces a file's single URL");
        assertEquals(uris("https://z.example.org/"),
                parse("agent:\n  server_urls: [\"https://a/\", \"https://b/\"]\n", Map.of("MONITORING_SERVER_URL", "https://z.example.org"))
                        .serverUrls(), "a single URL replaces a file's list");
        assertEquals(uris("https://x.example.org/", "https://y.example.org/"), parse("", urls).serverUrls(), "no file needed");

        String both = problem("", Map.of("MONITORING_SERVER_URL", "https://a/", "MONITORING_SERVER_URLS", "https://b/"));
        assertTrue(both.startsWith("MONITORING_SERVER_URL and MONITORING_SERVER_URLS: both are set"), both);
    }

    @Test
    void registersCommandLineServerReplacesTheFilesList() {
        AgentConfig c = new ConfigLoader(Map.of("MONITORING_SERVER_URLS", "https://env/"), () -> "h")
                .parse("agent:\n  server_urls: [\"https://a/\", \"https://b/\"]\n", ConfigLoader.Purpose.REGISTER,
                        Map.of("agent.server_url", "https://flag.example.org"));
        assertEquals(uris("https://flag.example.org/"), c.serverUrls());
    }

    @Test
    void bothKeysInTheFileAreAnErrorNamingBothAndSeveralServersInTheOneKeyAreNamedToo() {
        String commas = problem("", Map.of("MONITORING_SERVER_URL", "https://a/,https://b/"));
        assertTrue(commas.startsWith("MONITORING_SERVER_URL: holds a comma") && commas.contains("agent.server_urls"), commas);
        String both = problem("agent:\n  server_url: https://a/\n  server_urls: [\"https://b/\"]\n", Map.of());
        assertTrue(both.startsWith("agent.server_url and agent.server_urls: both are set"), both);
        String missing = problem("agent:\n  collection_interval: 5\n", Map.of());
        assertTrue(missing.startsWith("agent.server_url: missing"), missing);
        assertTrue(missing.contains("agent.server_urls") && missing.contains("MONITORING_SERVER_URLS"), missing);
    }

    @Test
    void aBadEntryIsNamedByItsNumberCountedFromOne() {
        String scheme = problem("agent:\n  server_urls: [\"https://a/\", \"ftp://b/\"]\n", Map.of());
        assertTrue(scheme.startsWith("agent.server_urls[2]: must be an https://"), scheme);
        assertTrue(scheme.contains("'ftp://b/'"), scheme);

        String plain = problem("""
                agent:
                  server_urls:
                    - "https://a/"
                    - "http://127.0.0.1:8081/"
                    - "http://10.0.0.5:8080/"
                """, Map.of());
        assertTrue(plain.startsWith("agent.server_urls[3]: plain http is only allowed to this machine"), plain);
        assertEquals(3, parse("""
                agent:
                  allow_plain_http: true
                  server_urls: ["https://a/", "http://127.0.0.1:8081/", "http://10.0.0.5:8080/"]
                """, Map.of()).serverUrls().size(), "allow_plain_http applies to every entry");

        String fromEnv = problem("", Map.of("MONITORING_SERVER_URLS", "https://a/,http://10.0.0.5/"));
        assertTrue(fromEnv.startsWith("MONITORING_SERVER_URLS[2]: plain http"), fromEnv);
        String blank = problem("", Map.of("MONITORING_SERVER_URLS", "https://a/,,https://b/"));
        assertTrue(blank.startsWith("MONITORING_SERVER_URLS[2]: empty"), blank);
        String unset = problem("agent:\n  server_urls:\n    - https://a/\n    - \"${UNSET_URL}\"\n", Map.of());
        assertTrue(unset.startsWith("agent.server_urls[2]: empty"), unset);
    }

    @Test
    void anEmptyListIsAnErrorNamingTheKey() {
        assertTrue(problem("agent:\n  server_urls: []\n", Map.of()).startsWith("agent.server_urls: empty"));
        String commentedOut = problem("agent:\n  server_urls:\n  #  - https://a/\n", Map.of());
        assertTrue(commentedOut.startsWith("agent.server_urls: empty"), commentedOut);
    }

    @Test
    void theSameServerTwiceIsAnErrorNamingBothEntries() {
        String twice = problem("agent:\n  server_urls: [\"https://a.example.org/\", \"https://b/\", \"https://A.Example.org:443\"]\n",
                Map.of());
        assertTrue(twice.startsWith("agent.server_urls[3]: 'https://A.Example.org:443' is the same server as agent.server_urls[1]"),
                twice);
        assertEquals(2, parse("agent:\n  server_urls: [\"https://a/\", \"https://a:8443/\"]\n", Map.of()).serverUrls().size(),
                "another port is another instance");
    }

    @Test
    void failbackAfterComesFromTheFileOrItsEnvironmentVariable() {
        String yaml = "agent:\n  server_urls: [\"https://a/\", \"https://b/\"]\n  failback_after: 60\n";
        assertEquals(Duration.ofSeconds(60), parse(yaml, Map.of()).failbackAfter());
        assertEquals(Duration.ofSeconds(900), parse(yaml, Map.of("MONITORING_FAILBACK_AFTER", "900")).failbackAfter());
        String zero = problem("agent:\n  server_url: https://a/\n  failback_after: 0\n", Map.of());
        assertTrue(zero.startsWith("agent.failback_after: must be from 1 to 86400 seconds, was 0"), zero);
    }

    @Test
    void blockFlowAndEnvironmentFormsReadTheSameListOrTheSameDuplicate() {
        qt().withExamples(200).forAll(lists().of(integers().between(8080, 8085)).ofSizeBetween(1, 5)).check(ports -> {
            StringBuilder block = new StringBuilder("agent:\n  server_urls:\n");
            List<String> urls = new ArrayList<>();
            for (int port : ports) {
                urls.add("http://127.0.0.1:" + port + "/");
                block.append("    - \"http://127.0.0.1:").append(port).append("/\"\n");
            }
            String flow = "agent:\n  server_urls: [\"" + String.join("\", \"", urls) + "\"]\n";
            Map<String, String> env = Map.of("MONITORING_SERVER_URLS", String.join(",", urls));
            int repeat = firstRepeat(ports);
            if (repeat < 0) {
                List<URI> expected = uris(urls.toArray(new String[0]));
                return expected.equals(parse(block.toString(), Map.of()).serverUrls())
                        && expected.equals(parse(flow, Map.of()).serverUrls())
                        && expected.equals(parse("", env).serverUrls());
            }
            String named = "agent.server_urls[" + repeat + "]: ";
            return problem(block.toString(), Map.of()).startsWith(named) && problem(flow, Map.of()).startsWith(named)
                    && problem("", env).startsWith("MONITORING_SERVER_URLS[" + repeat + "]: ");
        });
    }

    /** The number (from 1) of the first entry that repeats an earlier one, or -1. */
    private static int firstRepeat(List<Integer> ports) {
        for (int i = 1; i < ports.size(); i++) {
            if (ports.subList(0, i).contains(ports.get(i))) {
                return i + 1;
            }
        }
        return -1;
    }
}
