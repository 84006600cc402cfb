package io.mailcensus.worker.loop;

import io.mailcensus.schemas.DomainResult;
import io.mailcensus.schemas.ScanTask;
import io.mailcensus.worker.dns.client.InFlightLimit;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A domain probe in two stages with separate bounds: the first (DNS) holds one of a limited
 * number of slots, the second (HTTPS, which waits at per-IP gates) runs after the slot is given
 * back. How many domains may be in the second stage is the caller's bound: the tasks it takes.
 */
final class StagedProbe implements DomainProbe {

    private final DomainProbe first;
    private final Function<DomainResult, CompletionStage<DomainResult>> second;
    private final InFlightLimit firstSlots;
    private final AtomicInteger inSecond = new AtomicInteger();

    StagedProbe(DomainProbe first, Function<DomainResult, CompletionStage<DomainResult>> second,
            InFlightLimit firstSlots) {
        this.first = first;
        this.second = second;
        this.firstSlots = firstSlots;
    }

    @Override
    public CompletionStage<DomainResult> probe(ScanTask task) {
        return firstSlots.submit(task, () -> first.probe(task)).thenCompose(this::second);
    }

    private CompletionStage<DomainResult> second(DomainResult firstResult) {
        inSecond.incrementAndGet();
        CompletionStage<DomainResult> stage;
        try {
            stage = second.apply(firstResult);
        } catch (RuntimeException e) {
            inSecond.decrementAndGet();
            throw e;
        }
        return stage.whenComplete((result, failure) -> inSecond.decrementAndGet());
    }

    /** The domains waiting for a first-stage slot are the ones not started. */
    @Override
    public int abandonNotStarted() {
        return firstSlots.abandonWaiting(NotStartedException::new);
    }

    /** Only the waiting domains {@code which} accepts. */
    @Override
    public int abandonNotStarted(Predicate<ScanTask> which) {
        return firstSlots.abandonWaiting(tag -> tag instanceof ScanTask t && which.test(t), NotStartedException::new);
    }

    /** Domains past the first stage whose second stage has not finished. */
    int inSecondStage() {
        return inSecond.get();
    }

    /** Domains in the first stage or waiting for a slot in it. */
    int inFirstStage() {
        return firstSlots.running() + firstSlots.waiting();
    }
}
