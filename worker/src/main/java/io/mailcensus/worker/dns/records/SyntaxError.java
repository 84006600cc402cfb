package io.mailcensus.worker.dns.records;

/** Why a record does not parse; the message is stored as the record's invalid reason. */
final class SyntaxError extends Exception {

    private static final long serialVersionUID = 1L;

    SyntaxError(String reason) {
        super(reason, null, false, false);
    }
}
