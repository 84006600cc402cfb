package io.mailcensus.store.http;

/**
 * A request the server will not run, answered as ClickHouse answers one: an HTTP 4xx (or 503)
 * status, and {@code Code: N. DB::Exception: ... (NAME)} with the code in
 * {@code X-ClickHouse-Exception-Code}.
 */
final class Refusal extends RuntimeException {

    static final int READONLY = 164;
    static final int ACCESS_DENIED = 497;
    static final int SYNTAX_ERROR = 62;
    static final int TOO_MANY_SIMULTANEOUS_QUERIES = 202;
    static final int TOO_LARGE_REQUEST = 131;

    private final int status;
    private final int code;

    private Refusal(int status, int code, String text) {
        super(text);
        this.status = status;
        this.code = code;
    }

    /** {@code Code: code. DB::Exception: reason. (name)}, answered with {@code status}. */
    static Refusal of(int status, int code, String name, String reason) {
        return new Refusal(status, code, "Code: " + code + ". DB::Exception: " + reason + ". (" + name + ")");
    }

    /** The same status and code with the engine's own error text. */
    Refusal withText(String text) {
        return new Refusal(status, code, text);
    }

    static Refusal readOnly(String reason) {
        return of(403, READONLY, "READONLY", reason);
    }

    static Refusal accessDenied(String reason) {
        return of(403, ACCESS_DENIED, "ACCESS_DENIED", reason);
    }

    int status() {
        return status;
    }

    int code() {
        return code;
    }
}
