package io.mailcensus.worker.mailserver;

import io.mailcensus.schemas.DomainResult;
import io.mailcensus.schemas.MxHost;
import io.mailcensus.schemas.MxProbeTask;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The mail servers a domain's MX records point at, as (host, IP) probe tasks. Pure.
 *
 * <p>Skipped: the null MX (RFC 7505), {@code localhost} names and the loopback addresses
 * {@code 127.0.0.1} and {@code ::1} (a "localhost MX" would make the scanner probe itself; the
 * report counts these domains apart). A hostile zone can list thousands of MX hosts and
 * addresses: at most {@link #MAX_PER_DOMAIN} pairs are taken, in preference order as DNS gave
 * them, which covers every real configuration seen in the seed's data.
 */
public final class MxTargets {

    public static final int MAX_PER_DOMAIN = 32;

    private MxTargets() {}

    public static List<MxProbeTask> of(DomainResult domain, int port, Instant enqueuedAt) {
        Set<String> seen = new LinkedHashSet<>();
        List<MxProbeTask> tasks = new ArrayList<>();
        for (MxHost host : domain.getMx().getHosts()) {
            String name = normalise(host.getName());
            if (name.isEmpty() || name.equals("localhost") || name.startsWith("localhost.")) {
                continue;
            }
            List<String> addresses = new ArrayList<>(host.getIpv4());
            addresses.addAll(host.getIpv6());
            for (String ip : addresses) {
                if (isSelf(ip) || !seen.add(name + " " + ip)) {
                    continue;
                }
                if (tasks.size() == MAX_PER_DOMAIN) {
                    return tasks;
                }
                tasks.add(MxProbeTask.newBuilder()
                        .setScanId(domain.getScanId())
                        .setHost(name)
                        .setIp(ip)
                        .setPort(port)
                        .setEnqueuedAt(enqueuedAt)
                        .build());
            }
        }
        return tasks;
    }

    /** Lower case A-label without the trailing dot; "" for the null MX. */
    static String normalise(String host) {
        String h = host.strip().toLowerCase(Locale.ROOT);
        return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
    }

    private static boolean isSelf(String ip) {
        return ip.equals("127.0.0.1") || ip.equals("::1") || ip.equals("0:0:0:0:0:0:0:1");
    }
}
