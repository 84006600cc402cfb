package io.mailcensus.testbed;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailcensus.testbed.server.DnsProbe;
import io.mailcensus.testbed.truth.DomainTruthLine;
import io.mailcensus.testbed.truth.Metric;
import io.mailcensus.testbed.truth.TruthDomainsFile;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * Two testbeds of the same 200 domains, one at loopback speed and one with 50 ms of round trip
 * between Unbound and Knot (the delay relay). Only lower bounds on time are asserted: the delay
 * the relay injects, never how fast anything is.
 */
class DnsTestbedLatencyIT {

    private static final Duration LATENCY = Duration.ofMillis(50);
    /** Half the round trip, less the most jitter can take off (a tenth of it). */
    private static final long MIN_ONE_WAY_NANOS = LATENCY.toNanos() / 2 * 9 / 10;
    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    @TempDir
    static Path plainDir;
    @TempDir
    static Path delayedDir;

    static DnsTestbed plain;
    static DnsTestbed delayed;
    static List<DomainTruthLine> lines;

    @BeforeAll
    static void start() throws Exception {
        plain = DnsTestbed.start(TestbedOptions.of(plainDir, 200, 11));
        delayed = DnsTestbed.start(TestbedOptions.of(delayedDir, 200, 11).withLatency(LATENCY));
        try (Stream<DomainTruthLine> s = TruthDomainsFile.lines(delayed.truthDomainsFile())) {
            lines = s.toList();
        }
    }

    @AfterAll
    static void stop() throws IOException {
        for (DnsTestbed tb : new DnsTestbed[] {delayed, plain}) {
            if (tb != null) {
                tb.close();
            }
        }
    }

    @Test
    void aColdQueryThroughUnboundPaysAtLeastOneRoundTripMore() throws IOException {
        // Five domains nobody asked for yet: Unbound needs the TLD's referral and the child's
        // answer, two round trips through the relay, so 2 x 25 ms more per query is a safe floor.
        List<String> domains = lines.stream().filter(l -> l.ok() && l.counts(Metric.MX_PRESENT)).limit(5)
                .map(DomainTruthLine::domain).toList();
        long plainNanos = 0;
        long delayedNanos = 0;
        for (String d : domains) {
            long t0 = System.nanoTime();
            Message fast = DnsProbe.ask(plain.resolver(), d, Type.MX, true, TIMEOUT);
            long t1 = System.nanoTime();
            Message slow = DnsProbe.ask(delayed.resolver(), d, Type.MX, true, TIMEOUT);
            long t2 = System.nanoTime();
            plainNanos += t1 - t0;
            delayedNanos += t2 - t1;
            assertThat(answer(slow)).as(d).isEqualTo(answer(fast)).isNotEmpty();
        }
        System.out.printf("cold MX through Unbound, mean of %d: %d ms at loopback speed, %d ms with %d ms RTT%n",
                domains.size(), plainNanos / domains.size() / 1_000_000, delayedNanos / domains.size() / 1_000_000,
                LATENCY.toMillis());
        assertThat(delayedNanos - plainNanos).isGreaterThanOrEqualTo(domains.size() * 2 * (LATENCY.toNanos() / 2));
    }

    @Test
    void theRelayPassesAnswersIntactOverUdpAndTcp() throws IOException {
        InetSocketAddress relay = delayed.authoritative();
        InetSocketAddress knot = new InetSocketAddress(delayed.addresses().authoritativeBehindRelay(), 53);
        DomainTruthLine signed = lines.stream().filter(l -> l.hasCase("dnssec:secure")).findFirst().orElseThrow();
        DomainTruthLine withSpf = lines.stream().filter(l -> l.ok() && l.counts(Metric.SPF_PRESENT)).findFirst()
                .orElseThrow();
        for (Query q : List.of(new Query(signed.domain(), Type.DNSKEY), new Query(signed.domain(), Type.SOA),
                new Query(withSpf.domain(), Type.TXT), new Query(withSpf.domain(), Type.MX))) {
            Message direct = ask(knot, q, false);
            assertThat(Rcode.string(direct.getRcode())).isEqualTo("NOERROR");
            for (boolean tcp : new boolean[] {false, true}) {
                long t0 = System.nanoTime();
                Message relayed = ask(relay, q, tcp);
                long took = System.nanoTime() - t0;
                assertThat(answer(relayed)).as(q + (tcp ? " over TCP" : " over UDP")).isEqualTo(answer(direct))
                        .isNotEmpty();
                assertThat(relayed.getHeader().getFlag(Flags.AA)).isTrue();
                // one round trip at least (dnsjava keeps its TCP connection, so the handshake's
                // extra round trip is paid by the first TCP query only)
                assertThat(took).as(q + " took").isGreaterThanOrEqualTo(2 * MIN_ONE_WAY_NANOS);
            }
        }
    }

    @Test
    void theLameServerAnswersRefusedThroughTheRelayToo() throws IOException {
        InetSocketAddress lame = delayed.addresses().lameSocket();
        assertThat(Rcode.string(ask(lame, new Query("test", Type.SOA), false).getRcode())).isEqualTo("REFUSED");
    }

    private record Query(String name, int type) {}

    private static Message ask(InetSocketAddress server, Query q, boolean tcp) throws IOException {
        SimpleResolver r = new SimpleResolver(server);
        r.setTimeout(TIMEOUT);
        r.setTCP(tcp);
        Message m = Message.newQuery(Record.newRecord(Name.fromString(q.name() + "."), q.type(), 1));
        m.getHeader().unsetFlag(Flags.RD);
        return r.send(m);
    }

    private static Set<Record> answer(Message m) {
        return new HashSet<>(m.getSection(Section.ANSWER));
    }
}
