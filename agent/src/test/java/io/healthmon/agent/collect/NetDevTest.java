package io.healthmon.agent.collect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.healthmon.agent.collect.SystemSource.InterfaceReading;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NetDevTest {

    @Test
    void fieldsSplitAsTheBlanksRegexDid() {
        for (String text : List.of("", "cpu  1 2\t3", "a", "1 kB", "x\u000B\fy\r\nz", "MemTotal:    24683584 kB")) {
            String trimmed = text.trim();
            assertArrayEquals(trimmed.split("\\s+"), NetDev.fields(trimmed), text);
        }
    }

    @Test
    void realNetDevWithLoopbackByNameAndInterfacesWithoutAnAddress() throws Exception {
        assertEquals(List.of(new InterfaceReading("lo", 503959, 503959, true),
                        new InterfaceReading("ifb0", 0, 0, false),
                        new InterfaceReading("ifb1", 0, 0, false),
                        new InterfaceReading("eth0", 485296558, 827647, false)),
                new NetDev(MountTableTest.fixture("real")).interfaces());
    }

    @Test
    void netDevSkipsMalformedLinesAndReadsLoopbackType() throws Exception {
        assertEquals(List.of(new InterfaceReading("lo", 100, 100, true),
                        new InterfaceReading("eth0", 1234, 5678, false),
                        new InterfaceReading("lo2", 7, 8, true),
                        new InterfaceReading("ens3", 11, 12, false)),
                new NetDev(MountTableTest.fixture("edge")).interfaces());
    }

    @Test
    void loopbackTypeReadOncePerInterfaceAndForgottenWhenItGoes(@TempDir Path root) throws IOException {
        Files.createDirectories(root.resolve("proc/net"));
        Files.createDirectories(root.resolve("sys/class/net/veth1"));
        Path dev = root.resolve("proc/net/dev");
        Path type = root.resolve("sys/class/net/veth1/type");
        String veth = "veth1: 1 0 0 0 0 0 0 0 2 0 0 0 0 0 0 0\n";
        Files.writeString(dev, veth);
        Files.writeString(type, "772\n");
        NetDev netDev = new NetDev(root);
        assertTrue(netDev.interfaces().get(0).loopback());

        Files.writeString(type, "1\n");
        assertTrue(netDev.interfaces().get(0).loopback(), "cached: the type file is not read again");

        Files.writeString(dev, "");
        assertEquals(List.of(), netDev.interfaces());
        Files.writeString(dev, veth);
        assertFalse(netDev.interfaces().get(0).loopback(), "a name that went and came back is read afresh");
    }

    @Test
    void aMissingFileHasNoInterfaces(@TempDir Path empty) {
        assertEquals(List.of(), new NetDev(empty).interfaces());
    }
}
