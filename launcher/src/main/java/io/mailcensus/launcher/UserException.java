package io.mailcensus.launcher;

/** Something the user can fix: the message says what, in one line. */
public final class UserException extends RuntimeException {

    public UserException(String message) {
        super(message);
    }
}
