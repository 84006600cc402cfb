package io.mailcensus.coordinator.rescan;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** Waits until an instant: the real clock in production, a fake clock that jumps in tests. */
@FunctionalInterface
public interface Pacer {

    /** Returns at once when {@code t} has passed. */
    void waitUntil(Instant t) throws InterruptedException;

    /** Sleeps on {@code clock}; re-checks after waking, so a clock step or early wake-up is harmless. */
    static Pacer sleepingOn(Clock clock) {
        return t -> {
            Duration left;
            while ((left = Duration.between(clock.instant(), t)).isPositive()) {
                Thread.sleep(left);
            }
        };
    }
}
