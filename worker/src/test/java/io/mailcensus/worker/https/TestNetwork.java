package io.mailcensus.worker.https;

import io.mailcensus.worker.politeness.HostGates;
import io.mailcensus.worker.politeness.PolitenessSettings;
import io.mailcensus.worker.politeness.Scheduler;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** Names pointed at loopback addresses by hand, and politeness gates that hardly wait. */
final class TestNetwork implements AddressResolver {

    /** A name that resolves to nothing known: the lookup "failed" (a SERVFAIL, say). */
    static final String DNS_FAILURE = "servfail.test";

    final List<String> asked = new CopyOnWriteArrayList<>();
    private final Map<String, List<InetAddress>> names = new ConcurrentHashMap<>();

    TestNetwork point(String name, InetAddress... addresses) {
        names.put(name, List.of(addresses));
        return this;
    }

    @Override
    public CompletionStage<Resolution> resolve(String host) {
        asked.add(host);
        if (host.equals(DNS_FAILURE)) {
            return CompletableFuture.completedFuture(new Resolution.Failed("SERVFAIL"));
        }
        List<InetAddress> addresses = names.get(host);
        return CompletableFuture.completedFuture(addresses == null ? new Resolution.NoAddress("NXDOMAIN")
                : new Resolution.Addresses(addresses));
    }

    static InetAddress loopback(int last) {
        try {
            return InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) last});
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Gates that still serialise and count, but pause only a millisecond between connections. */
    static HostGates quickGates(int quarantineAfter) {
        PolitenessSettings settings = new PolitenessSettings(1, 60_000, 0, Duration.ofMillis(10),
                Duration.ofMillis(1), Duration.ofMillis(5), quarantineAfter, Duration.ofMinutes(1));
        return new HostGates(settings, Scheduler.system());
    }
}
