package io.mailcensus.worker.politeness;

import io.mailcensus.core.name.GateKey;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The right to hold one connection to one IP address. Acquire it right before connecting and
 * close it when the connection is over; the time in between is the connection's duration, which
 * sets the pause before the next one (slow servers get more room).
 *
 * <p><b>Discipline: fail closed.</b> Use try/finally (or {@link HostGates#withPermit}), and
 * {@link #report} the outcome before closing. Closing without a report counts as
 * {@link Outcome#ERROR}: code that crashed before it could say how things went never earns the
 * host a success. A permit that is never closed (a hung probe, a forgotten or garbage-collected
 * permit) keeps the host busy until its lease runs out, and is then taken back as
 * {@link Outcome#ABANDONED}, with backoff. So an exception can only make the gate slower for that
 * host, never free it early, and never hang it for good.
 *
 * <p>Closing is idempotent; a close after the lease was reclaimed changes nothing.
 */
public final class Permit implements AutoCloseable {

    private final HostGate gate;
    private final Instant grantedAt;
    private volatile Outcome reported;
    private volatile Duration retryAfter;
    /** Guarded by {@code gate}. */
    boolean released;
    /** The lease timer, cancelled on release. Guarded by {@code gate}. */
    Scheduler.Cancellable leaseTimer;

    Permit(HostGate gate, Instant grantedAt) {
        this.gate = gate;
        this.grantedAt = grantedAt;
    }

    /** The gate's key: the IPv4 address, or the /64 of the IPv6 address ({@link GateKey}). */
    public InetAddress address() {
        return gate.address();
    }

    public Instant grantedAt() {
        return grantedAt;
    }

    /** Records how the connection went; the last report before {@link #close()} counts. */
    public void report(Outcome outcome) {
        this.reported = Objects.requireNonNull(outcome, "outcome");
    }

    /**
     * The server asked for this pause before the next connection (HTTP {@code Retry-After}): the
     * gate honours it, up to its {@link PolitenessSettings#maxDelay()}.
     */
    public void retryAfter(Duration pause) {
        this.retryAfter = Objects.requireNonNull(pause, "pause");
    }

    Duration retryAfter() {
        return retryAfter;
    }

    /** Reports {@code outcome} and closes. */
    public void close(Outcome outcome) {
        report(outcome);
        close();
    }

    /** Gives the slot back, recording the reported outcome ({@link Outcome#ERROR} if none). */
    @Override
    public void close() {
        Outcome outcome = reported;
        gate.release(this, outcome == null ? Outcome.ERROR : outcome);
    }

    /** Called by the lease timer: the holder never closed, so fail closed. */
    void expire() {
        gate.release(this, Outcome.ABANDONED);
    }

    public boolean isOpen() {
        synchronized (gate) {
            return !released;
        }
    }

    @Override
    public String toString() {
        return "Permit[" + address().getHostAddress() + " since " + grantedAt + "]";
    }
}
