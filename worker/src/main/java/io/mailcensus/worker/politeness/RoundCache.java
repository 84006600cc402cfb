package io.mailcensus.worker.politeness;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Results of one round, one per key (for mail servers: the target, i.e. (host, IP, port)).
 * Concurrent requests for the same key share one probe: the first caller starts it, the others
 * get the same stage. Failures are kept too, so a key is probed exactly once per round even if
 * its probe failed; the next round asks again.
 *
 * <p>Nothing blocks: the probe runs outside every lock, on the first caller's thread.
 */
public final class RoundCache<K, V> {

    private volatile ConcurrentHashMap<K, CompletableFuture<V>> results = new ConcurrentHashMap<>();
    private Object round; // guarded by this

    /**
     * The result for {@code key}, probing it with {@code probe} unless this round already did (or
     * is doing) so. A probe that throws counts as a failed probe.
     */
    public CompletionStage<V> computeIfAbsent(K key, Function<? super K, ? extends CompletionStage<V>> probe) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(probe, "probe");
        CompletableFuture<V> mine = new CompletableFuture<>();
        CompletableFuture<V> existing = results.putIfAbsent(key, mine);
        if (existing != null) {
            return existing.minimalCompletionStage();
        }
        try {
            Objects.requireNonNull(probe.apply(key), "probe returned null").whenComplete((value, failure) -> {
                if (failure != null) {
                    mine.completeExceptionally(failure);
                } else {
                    mine.complete(value);
                }
            });
        } catch (RuntimeException | Error e) {
            mine.completeExceptionally(e);
        }
        return mine.minimalCompletionStage();
    }

    /** The result for {@code key} in this round, if it was asked for. */
    public Optional<CompletionStage<V>> get(K key) {
        return Optional.ofNullable(results.get(key)).map(CompletableFuture::minimalCompletionStage);
    }

    /**
     * Starts round {@code roundId} (e.g. the scan id) if it is not the current one, forgetting
     * the previous round's results. Probes still running finish for their callers but are not
     * carried into the new round. Calling it again with the same id does nothing.
     */
    public synchronized void beginRound(Object roundId) {
        Objects.requireNonNull(roundId, "roundId");
        if (!roundId.equals(round)) {
            round = roundId;
            results = new ConcurrentHashMap<>();
        }
    }

    /**
     * Forgets {@code key} in this round (its probe was cancelled before it started): the next
     * request probes it. Callers still holding its stage keep it.
     */
    public void remove(K key) {
        results.remove(key);
    }

    /** Keys asked for in this round. */
    public int size() {
        return results.size();
    }
}
