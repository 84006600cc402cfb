package io.mailcensus.worker.politeness;

/**
 * How a connection ended, as far as politeness cares. Anything but {@link #OK} counts as a
 * failure: it backs the host off and brings it one step closer to quarantine.
 *
 * <p>A permanent SMTP reply (5xx, e.g. "554 no service") is {@code OK} here: the server answered
 * promptly, and asking again later would get the same answer, so there is nothing to back off.
 */
public enum Outcome {
    /** The exchange completed (whatever the server said, if it was not a 4xx). */
    OK,
    /** 421 or another 4xx reply: the server asks us to come back later. */
    TEMP_FAIL,
    /** Connection refused (RST). */
    REFUSED,
    /** No answer in time: connect, read or handshake timeout. */
    TIMEOUT,
    /** Anything else that went wrong, including a bug in the code holding the permit. */
    ERROR,
    /**
     * The permit was not closed within the lease: the holder crashed, hung or forgot. The gate
     * reclaims it as a failure (fail closed), never as a success.
     */
    ABANDONED;

    public boolean isFailure() {
        return this != OK;
    }
}
