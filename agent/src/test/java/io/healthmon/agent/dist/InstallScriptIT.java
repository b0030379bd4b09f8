package io.healthmon.agent.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * agent/install.sh install, uninstall and uninstall --purge into a scratch root ({@code --root}): the
 * files it creates, their modes and owners, and the system user, then what each uninstall keeps.
 */
class InstallScriptIT {

    private static final String USER = "healthmon-agent";

    private static Command installSh(Path root, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("bash", Path.of("install.sh").toAbsolutePath().toString()));
        command.addAll(List.of(args));
        command.addAll(List.of("--root", root.toString()));
        Command run = Command.run(command);
        assertEquals(0, run.exitCode(), String.join(" ", command) + ":\n" + run.output());
        return run;
    }

    private static String mode(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS));
    }

    private static int owner(Path path, String attribute) throws Exception {
        return (Integer) Files.getAttribute(path, "unix:" + attribute, LinkOption.NOFOLLOW_LINKS);
    }

    /** The user's passwd line in the scratch root, or null. */
    private static String[] passwd(Path root) throws Exception {
        for (String line : Files.readAllLines(root.resolve("etc/passwd"))) {
            if (line.startsWith(USER + ":")) {
                return line.split(":");
            }
        }
        return null;
    }

    @Test
    void installsUninstallsAndPurgesInAScratchRoot(@TempDir Path root) throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "install.sh runs as root (it creates a user)");
        Path jar = Path.of("target/healthmon-agent.jar").toAbsolutePath();
        assertTrue(Files.isRegularFile(jar), "the packaged jar " + jar);
        Files.createDirectories(root.resolve("etc"));
        Files.writeString(root.resolve("etc/passwd"), "root:x:0:0:root:/root:/bin/bash\n");
        Files.writeString(root.resolve("etc/group"), "root:x:0:\n");
        Files.writeString(root.resolve("etc/shadow"), "root:*:19000:0:99999:7:::\n");
        Files.writeString(root.resolve("etc/gshadow"), "root:*::\n");

        installSh(root, "install", "--jar", jar.toString(), "--ca-file", Path.of("dist/agent.yaml").toAbsolutePath().toString());

        String[] user = passwd(root);
        assertTrue(user != null, "the user is in the root's passwd");
        int uid = Integer.parseInt(user[2]);
        int gid = Integer.parseInt(user[3]);
        assertTrue(uid > 0 && uid < 1000, "a system user: " + uid);
        assertEquals("/var/lib/healthmon-agent", user[5]);
        assertEquals("/usr/sbin/nologin", user[6]);
        assertTrue(Files.readAllLines(root.resolve("etc/group")).contains(USER + ":x:" + gid + ":"), "its own group");

        Path opt = root.resolve("opt/healthmon-agent/healthmon-agent.jar");
        assertEquals(Files.size(jar), Files.size(opt));
        assertEquals("rw-r--r--", mode(opt));
        Path yaml = root.resolve("etc/healthmon-agent/agent.yaml");
        assertEquals("rw-r-----", mode(yaml));
        assertEquals(0, owner(yaml, "uid"));
        assertEquals(gid, owner(yaml, "gid"), "the agent's group reads its configuration");
        assertTrue(Files.readString(yaml).contains("    ca_file: \"/etc/healthmon-agent/ca.pem\""),
                "the CA file as the agent sees it at run time, not under the scratch root");
        assertEquals("rw-r--r--", mode(root.resolve("etc/healthmon-agent/ca.pem")));
        Path state = root.resolve("var/lib/healthmon-agent");
        assertEquals("rwx------", mode(state));
        assertEquals(uid, owner(state, "uid"));
        assertEquals(gid, owner(state, "gid"));
        Path unit = root.resolve("etc/systemd/system/healthmon-agent.service");
        assertEquals("rw-r--r--", mode(unit));
        assertEquals(Files.readString(Path.of("dist/healthmon-agent.service")), Files.readString(unit));

        installSh(root, "uninstall");
        assertFalse(Files.exists(unit));
        assertFalse(Files.exists(root.resolve("opt/healthmon-agent")));
        assertTrue(Files.exists(yaml) && Files.isDirectory(state), "configuration, key and spool are kept");
        assertTrue(passwd(root) != null, "and the user");

        installSh(root, "uninstall", "--purge");
        assertFalse(Files.exists(root.resolve("etc/healthmon-agent")));
        assertFalse(Files.exists(state));
        assertEquals(null, passwd(root), "the user is gone");
        assertFalse(Files.readString(root.resolve("etc/group")).contains(USER + ":"), "and its group");
    }
}
