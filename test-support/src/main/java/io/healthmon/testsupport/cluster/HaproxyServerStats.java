package io.healthmon.testsupport.cluster;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One instance as HAProxy's {@code show stat} reports it: its check status ({@code UP}, {@code DOWN},
 * {@code UP 1/2} while going down, {@code DOWN 1/2} while coming up, {@code MAINT}), the sessions it
 * served, the 5xx answers it gave or HAProxy gave for it, and the requests HAProxy tried again
 * ({@code wretr}) or sent to another instance ({@code wredis}): what a test prints to show how a death
 * was handled.
 */
public record HaproxyServerStats(String name, String status, long sessions, long responses5xx, long retries,
                                 long redispatches) {

    /** Taking traffic: {@code UP}, or {@code UP 1/2} (one check failed, not yet enough to take it out). */
    public boolean up() {
        return status.equals("UP") || status.startsWith("UP ");
    }

    /**
     * The servers of backend {@code backend} in the CSV {@code show stat} answers (its first line names
     * the columns, after {@code # }), by name, in the configuration's order.
     */
    static List<HaproxyServerStats> parse(String csv, String backend) {
        List<String> lines = csv.lines().filter(l -> !l.isBlank()).toList();
        if (lines.isEmpty() || !lines.get(0).startsWith("# ")) {
            throw new IllegalArgumentException("not HAProxy's show stat output: " + csv);
        }
        String[] header = lines.get(0).substring(2).split(",", -1);
        Map<String, Integer> column = new HashMap<>();
        for (int i = 0; i < header.length; i++) {
            column.putIfAbsent(header[i], i);
        }
        List<HaproxyServerStats> servers = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            String name = f[column.get("svname")];
            if (!f[column.get("pxname")].equals(backend) || name.equals("FRONTEND") || name.equals("BACKEND")) {
                continue;
            }
            servers.add(new HaproxyServerStats(name, f[column.get("status")], number(f, column, "stot"),
                    number(f, column, "hrsp_5xx"), number(f, column, "wretr"), number(f, column, "wredis")));
        }
        return servers;
    }

    private static long number(String[] fields, Map<String, Integer> column, String name) {
        Integer index = column.get(name);
        if (index == null || index >= fields.length || fields[index].isEmpty()) {
            return 0;
        }
        return Long.parseLong(fields[index]);
    }
}
