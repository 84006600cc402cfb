package io.mailcensus.worker.mailserver;

import io.mailcensus.schemas.ConnectStatus;
import io.mailcensus.schemas.MailServerResult;
import java.net.InetAddress;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/**
 * The scan-wide share of probe slots that gates in trouble may hold: a gate whose probe timed out
 * (a tarpit, a dead or filtered address) or that is quarantined this round holds its slots for
 * whole timeouts and backoffs, so a handful of such addresses (one hostile zone with 32 fresh
 * /64s) could otherwise fill every slot of {@link MailServerStage} and stall the healthy servers.
 * At most {@link #cap()} slots are held by troubled gates at once; their further probes wait in
 * their queues. A gate's first probe is not capped: trouble is only known once it showed.
 * Guarded by the stage's lock.
 */
final class TroubledGates {

    private final int cap;
    private final Set<InetAddress> troubled = new HashSet<>();
    private Object round;
    private int active;

    TroubledGates(int cap) {
        if (cap < 1) {
            throw new IllegalArgumentException("the troubled share must be at least 1 slot: " + cap);
        }
        this.cap = cap;
    }

    /** A quarter of the slots, at least one. */
    static TroubledGates shareOf(int maxActive) {
        return new TroubledGates(Math.max(1, maxActive / 4));
    }

    int cap() {
        return cap;
    }

    int active() {
        return active;
    }

    /** A new round forgets which gates were in trouble (their quarantine is lifted too). */
    void beginRound(Object roundId) {
        if (!Objects.equals(round, roundId)) {
            round = roundId;
            troubled.clear();
        }
    }

    /** Whether a probe on {@code gate} may take a slot now. */
    boolean mayStart(InetAddress gate) {
        return !troubled.contains(gate) || active < cap;
    }

    /** A probe on {@code gate} takes a slot; true if it counts in the troubled share. */
    boolean start(InetAddress gate) {
        if (troubled.contains(gate)) {
            active++;
            return true;
        }
        return false;
    }

    /** A probe ended: its slot is back, and its result may put its gate in trouble. */
    void finish(InetAddress gate, boolean counted, MailServerResult result) {
        if (counted) {
            active--;
        }
        if (result != null && troubling(result)) {
            troubled.add(gate);
        }
    }

    /** A timeout at any step, or quarantine: what ties up a slot for long. */
    static boolean troubling(MailServerResult result) {
        ConnectStatus connect = result.getConnect();
        String error = result.getError() == null ? "" : result.getError();
        return connect == ConnectStatus.timeout || connect == ConnectStatus.quarantined
                || error.startsWith("TIMEOUT") || error.startsWith("DEADLINE");
    }
}
