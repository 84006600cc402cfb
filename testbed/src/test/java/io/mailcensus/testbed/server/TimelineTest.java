package io.mailcensus.testbed.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The relay's schedule, on a made-up clock. */
class TimelineTest {

    @Test
    void nothingLeavesBeforeItsTimeAndEarliestLeavesFirst() {
        Timeline<String> t = new Timeline<>(10);
        t.add(300, "late");
        t.add(100, "early");
        assertThat(t.pollDue(99)).isNull();
        assertThat(t.nanosUntilNext(40)).isEqualTo(60);
        assertThat(t.pollDue(100)).isEqualTo("early");
        assertThat(t.pollDue(299)).isNull();
        assertThat(t.pollDue(1_000)).isEqualTo("late");
        assertThat(t.nanosUntilNext(1_000)).isEqualTo(-1);
    }

    @Test
    void equalTimesKeepTheirOrder() {
        Timeline<Integer> t = new Timeline<>(100);
        for (int i = 0; i < 50; i++) {
            t.add(5, i);
        }
        for (int i = 0; i < 50; i++) {
            assertThat(t.pollDue(5)).isEqualTo(i);
        }
    }

    @Test
    void overdueItemsWaitZero() {
        Timeline<String> t = new Timeline<>(10);
        t.add(100, "x");
        assertThat(t.nanosUntilNext(500)).isZero();
    }

    @Test
    void aFullTimelineDropsAndCounts() {
        Timeline<Integer> t = new Timeline<>(2);
        assertThat(t.add(1, 1)).isTrue();
        assertThat(t.add(2, 2)).isTrue();
        assertThat(t.add(3, 3)).isFalse();
        assertThat(t.overflows()).isEqualTo(1);
        assertThat(t.size()).isEqualTo(2);
        t.pollDue(1);
        assertThat(t.add(3, 3)).isTrue();
    }

    @Test
    void theClockMayWrapAround() {
        Timeline<String> t = new Timeline<>(10);
        long near = Long.MAX_VALUE - 10;
        t.add(near + 20, "after the wrap"); // overflows to a negative number, as System.nanoTime may
        assertThat(t.pollDue(near)).isNull();
        assertThat(t.pollDue(near + 20)).isEqualTo("after the wrap");
    }
}
