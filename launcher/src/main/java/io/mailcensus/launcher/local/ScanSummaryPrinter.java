package io.mailcensus.launcher.local;

import io.mailcensus.coordinator.input.InputSummary;
import io.mailcensus.worker.dns.client.QueryTally;
import io.mailcensus.worker.loop.ScanCounters;
import io.mailcensus.worker.mailserver.MailServerStage;
import io.mailcensus.worker.mailserver.MailServers;
import io.mailcensus.worker.webstage.WebServers;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;

/** The few lines a finished (or interrupted) scan leaves on the terminal. */
final class ScanSummaryPrinter {

    private final PrintStream out;

    ScanSummaryPrinter(PrintStream out) {
        this.out = out;
    }

    void print(ScanPlan plan, String state, InputSummary input, ScanCounters counters, Instant started,
            Instant now, long rowsWritten, MailServers mail, WebServers web, QueryTally queries) {
        double seconds = Math.max(0.001, Duration.between(started, now).toMillis() / 1000.0);
        out.printf("scan %s %s: %,d domains in %s (%.1f domains/s), %,d errors, %,d nxdomain%n",
                plan.scanId(), state, counters.done(), Durations.human((long) seconds),
                counters.done() / seconds, counters.errors(), counters.nxdomain());
        if (input != null) {
            out.printf("input %s: %,d names read, %,d domains, %,d duplicates, %,d rejected%s%n",
                    plan.source().describe(), input.read(), input.accepted(), input.duplicates(),
                    input.rejectedTotal(), input.skipped() > 0 ? String.format(", %,d done before", input.skipped()) : "");
            input.describeRejections().forEach(out::println);
        }
        String perDomain = queries.perDomain(counters.done());
        if (!perDomain.isEmpty()) {
            out.printf("DNS queries: %,d, %s%n", queries.total(), perDomain);
        }
        if (plan.mail().enabled()) {
            MailServerStage stage = mail.stage();
            out.printf("mail servers: %,d (host, IP) pairs probed, %,d more mentions answered by those probes; "
                    + "%,d pairs answered by another host name's connection to the same address%n",
                    stage.probed(), stage.shared(), stage.reused());
            long secondTries = mail.prober().secondTries();
            if (secondTries > 0) {
                out.printf("mail servers: %,d second connections after no greeting or a 4xx, %,d of them answered%n",
                        secondTries, mail.prober().answeredOnSecondTry());
            }
        }
        if (web != null && web.client().comeBackTries() > 0) {
            out.printf("web servers: %,d second connections after a 429 (or a 503 with Retry-After), %,d of them "
                    + "answered otherwise%n", web.client().comeBackTries(), web.client().comeBackAnswered());
        }
        out.printf("store %s: %,d rows written%n", plan.data(), rowsWritten);
        if ("finished".equals(state)) {
            out.printf("next: mailcensus report --data %s --scan %s%n", plan.data(), plan.scanId());
        } else {
            out.printf("next: mailcensus scan --data %s --resume %s <same input>%n", plan.data(), plan.scanId());
        }
    }
}
