package io.mailcensus.worker.https;

import io.mailcensus.worker.politeness.PolitenessSettings;
import java.util.Objects;

/**
 * Whether and how a scan runs its HTTPS probes: the probes' settings and the politeness of the
 * HTTPS gates, which are separate from the SMTP gates (a web server takes more than a mail
 * server, and every Microsoft 365 request goes to one host).
 *
 * @param enabled false for {@code --no-http}
 * @param backlog domains whose DNS checks are done and that wait for their HTTPS probes, at most,
 *     per worker ({@code --https-backlog}): the web stage's tasks at once (queued per web address,
 *     so a large shared host in backoff or at its rate holds up only its own domains). On one
 *     machine the domain loop takes no new domain while this many wait; in a cluster the rest
 *     wait in Kafka. It bounds the memory they take (a finished DNS result each).
 */
public record WebSetup(boolean enabled, WebProbeSettings probes, PolitenessSettings politeness, int backlog) {

    public static final int DEFAULT_PER_MINUTE = 120;
    public static final int DEFAULT_CONNECTIONS = 4;
    /**
     * The ceiling an HTTPS gate may adapt up to while a web server answers quickly and cleanly
     * (README, "Politeness"): 20 new connections a second and 32 at once to one address. A
     * shared host that serves 100,000 sites answers far more than that from browsers; a small
     * server slows down or says 429 long before it, and the gate falls back at once.
     */
    public static final int DEFAULT_MAX_PER_MINUTE = 1_200;
    public static final int DEFAULT_MAX_CONNECTIONS = 32;
    /** A few MB of finished DNS results: enough to ride out a shared web host's backoff. */
    public static final int DEFAULT_BACKLOG = 4096;

    public WebSetup {
        Objects.requireNonNull(probes, "probes");
        Objects.requireNonNull(politeness, "politeness");
        if (backlog < 0) {
            throw new IllegalArgumentException("the HTTPS backlog must not be negative: " + backlog);
        }
    }

    public WebSetup(boolean enabled, WebProbeSettings probes, PolitenessSettings politeness) {
        this(enabled, probes, politeness, DEFAULT_BACKLOG);
    }
}
