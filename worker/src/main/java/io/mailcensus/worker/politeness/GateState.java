package io.mailcensus.worker.politeness;

import java.time.Instant;

/**
 * A snapshot of one host's gate, for tests, logs and metrics.
 *
 * @param active permits held now
 * @param waiting callers queued for a permit
 * @param readyAt no new connection starts before this
 * @param failuresInARow consecutive failed connections (reset by a success or a new round)
 * @param quarantined left alone for the rest of the round
 * @param perMinute the current pace: new connections a minute (an adaptive gate's moves)
 * @param connections connections allowed at once now
 */
public record GateState(int active, int waiting, Instant readyAt, int failuresInARow, boolean quarantined,
        double perMinute, int connections) {
}
