package io.mailcensus.worker.webstage;

import io.mailcensus.worker.https.AddressResolver;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Host names already resolved by the domain loop (carried in the web task), answered without
 * asking DNS again; any other name (mta-sts.&lt;domain&gt;, a redirect's host, the Microsoft 365
 * host) goes to {@code fallback}. The web stage adds a task's name while the task runs and
 * removes it after, so the map holds at most the tasks in progress.
 */
public final class KnownAddresses implements AddressResolver {

    private final AddressResolver fallback;
    private final ConcurrentHashMap<String, Resolution> known = new ConcurrentHashMap<>();

    public KnownAddresses(AddressResolver fallback) {
        this.fallback = Objects.requireNonNull(fallback, "fallback");
    }

    @Override
    public CompletionStage<Resolution> resolve(String host) {
        Resolution r = known.get(key(host));
        return r != null ? CompletableFuture.completedFuture(r) : fallback.resolve(host);
    }

    void put(String host, Resolution resolution) {
        known.put(key(host), resolution);
    }

    void forget(String host, Resolution resolution) {
        known.remove(key(host), resolution);
    }

    int size() {
        return known.size();
    }

    private static String key(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
    }
}
