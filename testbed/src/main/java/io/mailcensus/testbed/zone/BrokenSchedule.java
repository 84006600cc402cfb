package io.mailcensus.testbed.zone;

import io.mailcensus.testbed.truth.DomainFacts.Broken;

/**
 * Which domains get a broken delegation: a small, known number ({@code max(1, N / 500)} of each
 * kind, none below 10 domains), spread evenly over the list and alternating unreachable / lame.
 * Deterministic from N alone, so the count never depends on chance.
 */
final class BrokenSchedule {

    private final long domains;
    private final long total;

    BrokenSchedule(int domains) {
        this.domains = domains;
        this.total = 2L * perKind(domains);
    }

    static int perKind(int domains) {
        return domains < 10 ? 0 : Math.max(1, domains / 500);
    }

    Broken at(int index) {
        if (total == 0) {
            return Broken.NONE;
        }
        long before = index * total / domains;
        long after = (index + 1L) * total / domains;
        if (after == before) {
            return Broken.NONE;
        }
        return before % 2 == 0 ? Broken.UNREACHABLE : Broken.LAME;
    }
}
