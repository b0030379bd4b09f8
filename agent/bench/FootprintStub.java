import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/** A stand-in server for the footprint benchmark: acknowledges every report, so only the agent is measured. */
public class FootprintStub {
    public static void main(String[] args) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), Integer.parseInt(args[0])), 0);
        server.createContext("/api/v1/metrics", exchange -> {
            exchange.getRequestBody().readAllBytes();
            byte[] body = "{\"accepted\":1,\"duplicates\":0,\"rejected\":0}".getBytes();
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }
}
