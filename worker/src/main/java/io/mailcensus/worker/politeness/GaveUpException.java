package io.mailcensus.worker.politeness;

/** The caller gave up its place at a gate before a permit came (e.g. its domain's time budget ran out). */
public final class GaveUpException extends RuntimeException {

    public GaveUpException(String reason) {
        super(reason, null, false, false);
    }
}
