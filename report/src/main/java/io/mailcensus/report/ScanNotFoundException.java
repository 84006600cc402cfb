package io.mailcensus.report;

/** The store has neither a scans row nor any result for the asked scan id. */
public final class ScanNotFoundException extends RuntimeException {

    public ScanNotFoundException(String scanId) {
        super("no scan '" + scanId + "' in the store");
    }
}
