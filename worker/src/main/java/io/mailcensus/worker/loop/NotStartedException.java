package io.mailcensus.worker.loop;

/** A domain given up before any probe of it started, because the scan is stopping. */
public final class NotStartedException extends RuntimeException {

    public NotStartedException() {
        super("not started: the scan is stopping", null, false, false);
    }
}
