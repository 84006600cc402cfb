package io.mailcensus.testbed.server;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * The network between the resolver and the authoritative servers, as {@link DelayRelay} makes it:
 * a round-trip time, half of it each way with a little jitter, and a loss rate for UDP packets.
 * This kernel has no netem qdisc, so the delay is made in user space.
 *
 * @param latency the round-trip time; each direction gets half of it, plus or minus a tenth of
 *     that half as jitter (uniform), so that answers do not arrive in lockstep
 * @param loss the probability that one UDP packet is dropped, applied to queries and answers
 *     alike (as netem does per packet): an exchange is lost with about twice this probability.
 *     TCP is never lost.
 */
public record LinkDelay(Duration latency, double loss) {

    public static final LinkDelay NONE = new LinkDelay(Duration.ZERO, 0);

    public LinkDelay {
        Objects.requireNonNull(latency);
        if (latency.isNegative()) {
            throw new IllegalArgumentException("latency must not be negative: " + latency);
        }
        if (!(loss >= 0 && loss < 1)) {
            throw new IllegalArgumentException("loss must be in [0, 1): " + loss);
        }
    }

    /** Whether there is anything to simulate; without it the testbed runs no relay. */
    public boolean isOn() {
        return !latency.isZero() || loss > 0;
    }

    public LinkDelay withLatency(Duration value) {
        return new LinkDelay(value, loss);
    }

    public LinkDelay withLoss(double value) {
        return new LinkDelay(latency, value);
    }

    long oneWayNanos() {
        return latency.toNanos() / 2;
    }

    long jitterNanos() {
        return oneWayNanos() / 10;
    }

    /** One packet's delay in one direction: half the round trip, plus or minus the jitter. */
    long sampleOneWayNanos(RandomGenerator random) {
        long jitter = jitterNanos();
        return jitter == 0 ? oneWayNanos() : oneWayNanos() + random.nextLong(-jitter, jitter + 1);
    }

    /** Whether one UDP packet is lost. */
    boolean dropsPacket(RandomGenerator random) {
        return loss > 0 && random.nextDouble() < loss;
    }

    /** For humans and result files: "20 ms, loss 0.5%". */
    public String describe() {
        return "%s ms RTT, loss %s%%".formatted(trim(latency.toNanos() / 1e6), trim(loss * 100));
    }

    private static String trim(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
