package io.mailcensus.launcher.local;

import io.mailcensus.core.port.ScanOptions;
import io.mailcensus.worker.politeness.PolitenessSettings;
import java.net.InetSocketAddress;
import java.util.Locale;
import java.util.stream.Collectors;

/** The options of a {@link ScanPlan} that change what the scan measures, as its {@code scans} row keeps them. */
final class PlanOptions {

    private PlanOptions() {}

    static ScanOptions of(ScanPlan plan) {
        String resolvers = plan.dns().resolvers().isEmpty() ? "system"
                : plan.dns().resolvers().stream().map(PlanOptions::address).collect(Collectors.joining(","));
        return new ScanOptions(
                resolvers,
                plan.dns().dnssec().option(),
                plan.mail().enabled(),
                plan.web().enabled(),
                (long) plan.mail().optOut().entries(),
                politeness(plan.mail().politeness()),
                politeness(plan.web().politeness()),
                version());
    }

    /** The gate settings as --*-politeness would take them. */
    static String politeness(PolitenessSettings p) {
        return String.format(Locale.ROOT, "connections=%d,per-minute=%d,delay-factor=%s,max-delay=%s,backoff-base=%s,"
                + "backoff-max=%s,quarantine-after=%d,lease=%s", p.connections(), p.perMinute(), p.delayFactor(),
                p.maxDelay(), p.backoffBase(), p.backoffMax(), p.quarantineAfter(), p.lease());
    }

    static String version() {
        String v = PlanOptions.class.getPackage().getImplementationVersion();
        return v != null ? v : "dev";
    }

    private static String address(InetSocketAddress a) {
        String host = a.getAddress() == null ? a.getHostString() : a.getAddress().getHostAddress();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort();
    }
}
