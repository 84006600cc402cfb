package io.mailcensus.coordinator.rescan;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock that only moves when a test (or the pacer) moves it: waiting is jumping. */
final class FakeTime extends Clock {

    private Instant now;

    FakeTime(Instant start) {
        this.now = start;
    }

    /** A pacer that jumps the clock forward to the instant waited for. */
    Pacer pacer() {
        return t -> {
            if (t.isAfter(now)) {
                now = t;
            }
        };
    }

    void set(Instant t) {
        now = t;
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException();
    }
}
