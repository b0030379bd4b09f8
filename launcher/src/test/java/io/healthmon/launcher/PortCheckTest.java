package io.healthmon.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import org.junit.jupiter.api.Test;

class PortCheckTest {

    @Test
    void aPortInUseIsNamedWithWhatItWasForAndTheOptionThatMovesIt() throws Exception {
        int port;
        try (ServerSocket holder = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = holder.getLocalPort();
            String message = assertThrows(IllegalStateException.class, () -> PortCheck.requireFree(List.of(
                    new PortCheck.Use(port, "the grid port of healthmon-2", "--grid-port")))).getMessage();
            assertEquals("port " + port + " (the grid port of healthmon-2) is taken by another program;"
                    + " stop it or choose other ports with --grid-port", message);
        }
        assertTrue(PortCheck.free(port), "free again once closed");
        PortCheck.requireFree(List.of(new PortCheck.Use(port, "the HTTP port", "--port")));
    }
}
