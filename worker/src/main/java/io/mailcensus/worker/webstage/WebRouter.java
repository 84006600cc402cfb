package io.mailcensus.worker.webstage;

import io.mailcensus.core.name.IpText;
import io.mailcensus.schemas.DomainResult;
import io.mailcensus.schemas.DomainStatus;
import io.mailcensus.schemas.WebProbeTask;
import io.mailcensus.worker.https.AddressResolver;
import io.mailcensus.worker.https.AddressResolver.Resolution;
import io.mailcensus.worker.net.AddressPolicy;
import io.mailcensus.worker.optout.OptOutList;
import java.net.InetAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Turns a domain's DNS result into its web probe task, in the domain loop: resolves the
 * domain's own name (the host of security.txt, fetched for every domain) and keys the task by
 * the address the probe will connect to, the same address the HTTPS gate is keyed by. A domain
 * whose name has no address the probe may use is keyed by nothing (its probes open no connection
 * to that name; the sink then keys it by domain).
 *
 * <p>The MTA-STS policy host ({@code mta-sts.<domain>}, a few percent of domains) and the
 * Microsoft 365 host are fetched by the same task at the worker that owns the domain's own web
 * address: their gates are per worker, not cluster-wide. The domain's own address is the one a
 * hosting concentration piles up on.
 */
public final class WebRouter {

    private final AddressResolver resolver;
    private final AddressPolicy policy;
    private final OptOutList optOut;
    private final Clock clock;

    public WebRouter(AddressResolver resolver, AddressPolicy policy, OptOutList optOut, Clock clock) {
        this.resolver = resolver;
        this.policy = policy;
        this.optOut = optOut;
        this.clock = clock;
    }

    /** Whether the domain gets web probes at all: the test {@code WebProbes.enrich} makes. */
    public boolean probes(DomainResult dns) {
        return dns.getStatus() == DomainStatus.ok && !optOut.blocks(dns.getDomain());
    }

    /**
     * The task for {@code dns} (copied: the caller publishes the original, which a store writer
     * may still be encoding). Never completes exceptionally: a failed lookup is carried as such.
     */
    public CompletionStage<WebProbeTask> route(DomainResult dns) {
        CompletionStage<Resolution> resolved;
        try {
            resolved = resolver.resolve(dns.getDomain());
        } catch (RuntimeException e) {
            resolved = CompletableFuture.completedFuture(new Resolution.Failed(e.toString()));
        }
        return resolved.exceptionally(e -> new Resolution.Failed(String.valueOf(e)))
                .thenApply(resolution -> task(dns, resolution));
    }

    WebProbeTask task(DomainResult dns, Resolution resolution) {
        WebProbeTask.Builder task = WebProbeTask.newBuilder()
                .setScanId(dns.getScanId())
                .setWebIp("")
                .setDnsResult(DomainResult.newBuilder(dns).build())
                .setEnqueuedAt(clock.instant());
        switch (resolution) {
            case Resolution.Addresses a -> {
                List<String> texts = new ArrayList<>();
                a.addresses().forEach(ip -> texts.add(IpText.of(ip)));
                InetAddress first = a.addresses().getFirst();
                boolean connects = policy.refusal(first).isEmpty() && !optOut.blocks(dns.getDomain(), first);
                task.setWebIp(connects ? IpText.of(first) : "")
                        .setWebAddresses(texts)
                        .setWebResolution("addresses");
            }
            case Resolution.NoAddress none -> task.setWebResolution("no_address").setWebResolutionDetail(none.detail());
            case Resolution.Failed failed -> task.setWebResolution("failed").setWebResolutionDetail(failed.detail());
        }
        return task.build();
    }

    /** What the domain loop's lookup of the domain's name gave, for the probe to use; empty: ask again. */
    static Optional<Resolution> resolution(WebProbeTask task) {
        try {
            return switch (task.getWebResolution()) {
                case "addresses" -> {
                    List<InetAddress> addresses = new ArrayList<>();
                    task.getWebAddresses().forEach(text -> addresses.add(IpText.parse(text)));
                    yield addresses.isEmpty() ? Optional.empty() : Optional.of(new Resolution.Addresses(addresses));
                }
                case "no_address" -> Optional.of(new Resolution.NoAddress(task.getWebResolutionDetail()));
                case "failed" -> Optional.of(new Resolution.Failed(task.getWebResolutionDetail()));
                default -> Optional.empty();
            };
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // not an address literal: the probe resolves the name itself
        }
    }
}
