package io.healthmon.testsupport.cluster;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * HAProxy in front of the given instances, with {@link HaproxyConfig}'s configuration, listening on
 * loopback on a free port below 32768. It runs as a plain foreground process (no service manager
 * here), its output (each instance going DOWN or UP) in {@link #log()}; {@link #servers()} asks its
 * stats socket how it sees each instance; {@link #close()} stops it and removes its files. The binary
 * is Debian's {@value #DEBIAN_BINARY} (.ci/run installs it), else {@code haproxy} on the PATH.
 */
public final class Haproxy implements AutoCloseable {

    static final String DEBIAN_BINARY = "/usr/sbin/haproxy";
    private static final Duration LISTENING_WITHIN = Duration.ofSeconds(10);

    private final Process process;
    private final Path directory;
    private final int port;

    private Haproxy(Process process, Path directory, int port) {
        this.process = process;
        this.directory = directory;
        this.port = port;
    }

    /** Starts HAProxy in front of {@code backends} and returns once it accepts connections and answers on its stats socket. */
    public static Haproxy start(List<HaproxyConfig.Backend> backends) throws IOException, InterruptedException {
        // A short path of its own: a UNIX socket's path may not exceed 107 bytes.
        Path directory = Files.createTempDirectory("healthmon-haproxy");
        int port = LocalPorts.free();
        Path config = directory.resolve("haproxy.cfg");
        Files.writeString(config, HaproxyConfig.render("127.0.0.1:" + port, directory.resolve("stats.sock"), backends));
        // -db: stay in the foreground, so that this Process is HAProxy itself and stopping it stops it.
        Process process = new ProcessBuilder(binary(), "-db", "-f", config.toString())
                .redirectErrorStream(true)
                .redirectOutput(directory.resolve("haproxy.log").toFile())
                .start();
        Haproxy haproxy = new Haproxy(process, directory, port);
        try {
            haproxy.awaitListening();
        } catch (IOException | RuntimeException | InterruptedException e) {
            haproxy.close(); // no HAProxy left running behind a failed start
            throw e;
        }
        return haproxy;
    }

    public int port() {
        return port;
    }

    /** {@code http://127.0.0.1:PORT/}. */
    public URI url() {
        return URI.create("http://127.0.0.1:" + port + "/");
    }

    /** Its output so far: warnings such as "Server healthmon/healthmon-2 is DOWN". */
    public Path log() {
        return directory.resolve("haproxy.log");
    }

    public String logText() {
        try {
            return Files.readString(log());
        } catch (IOException e) {
            return "(" + log() + " unreadable: " + e.getMessage() + ")";
        }
    }

    public long pid() {
        return process.pid();
    }

    /** Each instance as HAProxy sees it now, in the configuration's order. */
    public List<HaproxyServerStats> servers() throws IOException {
        return HaproxyServerStats.parse(ask("show stat"), HaproxyConfig.BACKEND_SECTION);
    }

    /** Whether HAProxy counts the instance named so ({@code healthmon-2}) as taking traffic. */
    public boolean isUp(String name) throws IOException {
        return servers().stream().anyMatch(s -> s.name().equals(name) && s.up());
    }

    /** One command to the stats socket, its whole answer (HAProxy closes the connection after it). */
    private String ask(String command) throws IOException {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(directory.resolve("stats.sock")));
            channel.write(ByteBuffer.wrap((command + "\n").getBytes(StandardCharsets.US_ASCII)));
            ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
            StringBuilder answer = new StringBuilder();
            while (channel.read(buffer) >= 0) {
                buffer.flip();
                answer.append(StandardCharsets.US_ASCII.decode(buffer));
                buffer.clear();
            }
            return answer.toString();
        }
    }

    private void awaitListening() throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(LISTENING_WITHIN);
        while (true) {
            if (!process.isAlive()) {
                throw new IOException("HAProxy exited with status " + process.exitValue() + ":\n" + logText());
            }
            if (accepts() && Files.exists(directory.resolve("stats.sock"))) {
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IOException("HAProxy did not listen on port " + port + " within " + LISTENING_WITHIN.toSeconds()
                        + " s:\n" + logText());
            }
            Thread.sleep(100);
        }
    }

    private boolean accepts() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** SIGTERM (HAProxy's hard stop: open connections are closed), SIGKILL if that is not enough; then its files go. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        deleteQuietly(directory);
    }

    private static String binary() {
        return Files.isExecutable(Path.of(DEBIAN_BINARY)) ? DEBIAN_BINARY : "haproxy";
    }

    /** Its files are in a temporary directory: one left behind is untidy, not a reason to fail a test. */
    private static void deleteQuietly(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            System.err.println("Could not remove HAProxy's directory " + dir + ": " + e.getMessage());
        }
    }
}
