package io.mailcensus.worker.dns.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailcensus.schemas.ErrorKind;
import java.io.EOFException;
import java.io.IOException;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.WireParseException;

class FailureClassifierTest {

    @Test
    void dnsjavaTimeoutsAreTimeouts() {
        assertThat(FailureClassifier.kindOf(new SocketTimeoutException("Query timed out"))).isEqualTo(ErrorKind.timeout);
        assertThat(FailureClassifier.kindOf(new CompletionException(new SocketTimeoutException("Query timed out"))))
                .isEqualTo(ErrorKind.timeout);
        assertThat(FailureClassifier.kindOf(new IOException("Timed out while trying to resolve example.ch./TXT, id=1")))
                .as("ExtendedResolver's form").isEqualTo(ErrorKind.timeout);
        assertThat(FailureClassifier.kindOf(new TimeoutException())).as("our guard").isEqualTo(ErrorKind.timeout);
    }

    @Test
    void socketTroubleIsNetwork() {
        assertThat(FailureClassifier.kindOf(new PortUnreachableException())).isEqualTo(ErrorKind.network);
        assertThat(FailureClassifier.kindOf(new ClosedChannelException())).isEqualTo(ErrorKind.network);
        assertThat(FailureClassifier.kindOf(new ExecutionException(new EOFException("closed")))).isEqualTo(ErrorKind.network);
    }

    @Test
    void garbledResponsesAndBugsAreOther() {
        assertThat(FailureClassifier.kindOf(new WireParseException("invalid message id"))).isEqualTo(ErrorKind.other);
        assertThat(FailureClassifier.kindOf(new IllegalStateException("x"))).isEqualTo(ErrorKind.other);
    }

    @Test
    void detailNamesTheUnderlyingException() {
        assertThat(FailureClassifier.detail(new CompletionException(new SocketTimeoutException("Query timed out"))))
                .isEqualTo("SocketTimeoutException: Query timed out");
        assertThat(FailureClassifier.detail(new TimeoutException())).isEqualTo("TimeoutException");
    }
}
