package io.mailcensus.worker.spf;

import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Asks each (name, type) once: the facts walk and the probe evaluation of one domain read the
 * same include chain, and a record included twice is fetched once. Scope it to one domain.
 */
public final class CachingSpfDns implements SpfDns {

    private record Key(String name, Type type) {}

    private final SpfDns dns;
    private final ConcurrentMap<Key, CompletionStage<Lookup>> answers = new ConcurrentHashMap<>();

    public CachingSpfDns(SpfDns dns) {
        this.dns = dns;
    }

    @Override
    public CompletionStage<Lookup> lookup(String name, Type type) {
        return answers.computeIfAbsent(new Key(name.toLowerCase(java.util.Locale.ROOT), type), k -> dns.lookup(name, type));
    }

    /** Puts in an answer the caller already has, so it is not asked again. */
    public void seed(String name, Type type, Lookup answer) {
        answers.putIfAbsent(new Key(name.toLowerCase(java.util.Locale.ROOT), type),
                java.util.concurrent.CompletableFuture.completedFuture(answer));
    }

    /** Distinct questions asked so far. */
    public int questions() {
        return answers.size();
    }
}
