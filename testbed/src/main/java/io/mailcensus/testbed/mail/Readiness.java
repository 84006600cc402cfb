package io.mailcensus.testbed.mail;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Waits until every address of a server greets with 220 (and offers STARTTLS or not, as it should), then until the log shows those probe
 * connections, and starts the counts from there: the counts then hold only the callers' connections.
 */
final class Readiness {

    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);

    private Readiness() {}

    static void await(Daemon daemon, Path log, List<ServerSetup> servers, int port, Map<String, ConnectionLog> logs,
            Instant deadline) throws IOException, InterruptedException {
        for (ServerSetup s : servers) {
            ConnectionLog counter = logs.get(s.spec().address());
            long before = counter.lines();
            greet(daemon, log, s.spec(), new InetSocketAddress(s.spec().ip(), port), deadline);
            while (counter.lines() <= before) {
                daemon.requireAlive(log);
                if (Instant.now().isAfter(deadline)) {
                    throw new IOException(daemon.name() + " did not log the probe connection to " + s.spec().address()
                            + " in " + counter.file() + ":\n" + Daemon.tail(log, 20));
                }
                Thread.sleep(20);
            }
            counter.resetBaseline();
        }
    }

    private static void greet(Daemon daemon, Path log, MailServerSpec spec, InetSocketAddress server, Instant deadline)
            throws IOException, InterruptedException {
        String last = "no attempt";
        while (Instant.now().isBefore(deadline)) {
            daemon.requireAlive(log);
            try {
                SmtpProbe.check(server, spec, PROBE_TIMEOUT);
                return;
            } catch (IllegalStateException e) {
                throw new IOException(e.getMessage() + "; log " + log + ":\n" + Daemon.tail(log, 20), e);
            } catch (IOException e) {
                last = e.toString();
            }
            Thread.sleep(50);
        }
        throw new IOException(daemon.name() + " did not greet on " + server + " (" + last + "); log " + log + ":\n"
                + Daemon.tail(log, 20));
    }
}
