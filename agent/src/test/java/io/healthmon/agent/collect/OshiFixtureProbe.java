package io.healthmon.agent.collect;

import java.nio.file.Path;
import java.util.function.Supplier;
import oshi.SystemInfo;

/**
 * Prints what {@link OshiSystemSource} reads, one figure a line, for a test to run in a JVM of its own
 * with {@code -Doshi.util.proc.path} at a fixture: OSHI reads its configuration once per JVM.
 */
public final class OshiFixtureProbe {

    private OshiFixtureProbe() {
    }

    public static void main(String[] args) {
        OshiSystemSource source = new OshiSystemSource(new SystemInfo(), Path.of(args[0]), path -> null);
        print("ticks", () -> {
            StringBuilder ticks = new StringBuilder();
            for (long tick : source.cpuTicks()) {
                ticks.append(' ').append(tick);
            }
            return ticks.toString().trim();
        });
        print("memory", () -> source.memory().total() + " " + source.memory().available());
        print("swap", () -> source.swap().total() + " " + source.swap().used());
        print("uptime", () -> Long.toString(source.uptimeSeconds()));
    }

    /** "name figures", or "name error: why" when reading it threw (as a collector would record it). */
    private static void print(String name, Supplier<String> figure) {
        try {
            System.out.println(name + " " + figure.get());
        } catch (RuntimeException e) {
            System.out.println(name + " error: " + e);
        }
    }
}
