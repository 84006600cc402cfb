package io.mailcensus.worker.dns.client;

import io.mailcensus.schemas.ErrorKind;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.xbill.DNS.WireParseException;

/**
 * Turns the exception a query completed with into an {@link ErrorKind}. dnsjava 3.6 reports a
 * lost UDP/TCP exchange as {@link SocketTimeoutException} ("Query timed out"), ExtendedResolver
 * as an IOException "Timed out while trying to resolve ...", and our own guard as
 * {@link TimeoutException}.
 */
public final class FailureClassifier {

    private FailureClassifier() {}

    public static ErrorKind kindOf(Throwable failure) {
        Throwable t = unwrap(failure);
        if (t instanceof SocketTimeoutException || t instanceof TimeoutException) {
            return ErrorKind.timeout;
        }
        if (t instanceof WireParseException) {
            return ErrorKind.other;
        }
        if (t instanceof IOException) {
            String message = t.getMessage();
            return message != null && message.startsWith("Timed out") ? ErrorKind.timeout : ErrorKind.network;
        }
        return ErrorKind.other;
    }

    public static String detail(Throwable failure) {
        Throwable t = unwrap(failure);
        String message = t.getMessage();
        String name = t.getClass().getSimpleName();
        return message == null || message.isBlank() ? name : name + ": " + message;
    }

    static Throwable unwrap(Throwable failure) {
        Throwable t = failure;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
