package io.mailcensus.launcher.local;

import io.mailcensus.core.port.ResultSink;
import io.mailcensus.schemas.DomainResult;
import io.mailcensus.schemas.MailServerResult;
import io.mailcensus.worker.mailserver.MailServers;

/**
 * The single-machine stand-in for the mx-probe-tasks topic: each domain result goes to the
 * store and its mail servers to the prober, which probes each (host, IP) once per round.
 */
final class MailFanOut implements ResultSink {

    private final ResultSink downstream;
    private final MailServers mail;

    MailFanOut(ResultSink downstream, MailServers mail) {
        this.downstream = downstream;
        this.mail = mail;
    }

    @Override
    public void publish(DomainResult result) {
        downstream.publish(result);
        mail.submit(result);
    }

    @Override
    public void publish(MailServerResult result) {
        downstream.publish(result);
    }

    @Override
    public void flush() {
        downstream.flush();
    }
}
