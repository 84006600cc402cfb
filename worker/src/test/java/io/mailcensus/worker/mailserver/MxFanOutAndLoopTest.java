package io.mailcensus.worker.mailserver;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailcensus.core.port.ResultSink;
import io.mailcensus.core.queue.InProcessQueue;
import io.mailcensus.schemas.ConnectStatus;
import io.mailcensus.schemas.DomainResult;
import io.mailcensus.schemas.DomainStatus;
import io.mailcensus.schemas.MailServerResult;
import io.mailcensus.schemas.MxCheck;
import io.mailcensus.schemas.MxHost;
import io.mailcensus.schemas.MxProbeTask;
import io.mailcensus.worker.optout.OptOutList;
import io.mailcensus.worker.politeness.PolitenessSettings;
import io.mailcensus.worker.smtp.SmtpProbeSettings;
import io.mailcensus.worker.tls.TrustStore;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The domain to MX task fan-out and the MX loop, over the in-process queue the single-machine scan uses. */
class MxFanOutAndLoopTest {

    private static final Clock CLOCK = Clock.fixed(Instant.EPOCH, ZoneOffset.UTC);

    private static DomainResult domain(String name, String... ipv6) {
        MxHost host = MxHost.newBuilder().setName("MX." + name + ".").setIpv4(List.of("127.0.0.10"))
                .setIpv6(List.of(ipv6)).build();
        return DomainResult.newBuilder().setScanId("s").setDomain(name).setDomainUnicode(name)
                .setStatus(DomainStatus.ok).setStartedAt(Instant.EPOCH).setFinishedAt(Instant.EPOCH)
                .setMx(MxCheck.newBuilder().setHosts(List.of(host)).build()).build();
    }

    private static MailServerSettings settings() {
        return new MailServerSettings(true, SmtpProbeSettings.defaults("scanner.test").withPort(2525),
                PolitenessSettings.defaults(), OptOutList.empty(), TrustStore.of(List.of()), 8);
    }

    private static final class Recorded implements ResultSink {
        final List<Object> published = new CopyOnWriteArrayList<>();

        @Override
        public void publish(DomainResult result) {
            published.add(result);
        }

        @Override
        public void publish(MailServerResult result) {
            published.add(result);
        }

        @Override
        public void flush() {}
    }

    @Test
    void aDomainResultGoesDownstreamAndItsMailServersBecomeTasksWithTheConfiguredPort() throws Exception {
        Recorded downstream = new Recorded();
        InProcessQueue<MxProbeTask> queue = InProcessQueue.unbounded();
        MxFanOut fanOut = new MxFanOut(downstream, queue, settings(), CLOCK);
        DomainResult d = domain("example.test", "2001:db8::25");
        fanOut.publish(d);
        queue.finish();

        assertThat(downstream.published).containsExactly(d);
        List<MxProbeTask> tasks = queue.poll(10, java.time.Duration.ZERO);
        assertThat(tasks).extracting(t -> t.getHost() + " " + t.getIp() + " " + t.getPort())
                .containsExactly("mx.example.test 127.0.0.10 2525", "mx.example.test 2001:db8::25 2525");
        assertThat(queue.exhausted()).isTrue();
    }

    @Test
    void theLoopProbesEachPairOnceAndEndsWhenItsSourceIsExhausted() throws Exception {
        Recorded results = new Recorded();
        InProcessQueue<MxProbeTask> queue = InProcessQueue.unbounded();
        MxFanOut fanOut = new MxFanOut(results, queue, settings(), CLOCK);
        List<String> probed = new CopyOnWriteArrayList<>();
        MailServerStage stage = new MailServerStage((scanId, target) -> {
            probed.add(target.host() + " " + target.ipText() + " " + target.port());
            return CompletableFuture.completedFuture(MailServerResult.newBuilder().setScanId(scanId)
                    .setHost(target.host()).setIp(target.ipText()).setPort(target.port()).setProbedAt(Instant.EPOCH)
                    .setConnect(ConnectStatus.ok).build());
        }, results::publish, 4, 1);
        for (int i = 0; i < 3; i++) {
            fanOut.publish(domain("example.test")); // three domains' worth of the same server
        }
        queue.finish();

        new MailServerLoop(queue, stage).run(); // returns once the queue is drained and finished
        assertThat(stage.awaitIdle(5, TimeUnit.SECONDS)).isTrue();
        assertThat(probed).containsExactly("mx.example.test 127.0.0.10 2525");
        assertThat(results.published).filteredOn(MailServerResult.class::isInstance).hasSize(1);
    }
}
