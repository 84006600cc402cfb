package io.mailcensus.worker.mailserver;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailcensus.schemas.ConnectStatus;
import io.mailcensus.schemas.MailServerResult;
import io.mailcensus.schemas.MxProbeTask;
import io.mailcensus.worker.smtp.MailServerTarget;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A few tarpits cannot hold every probe slot of the scan (issue 15, "Bounded tails"). */
class TroubledGatesTest {

    /** Probes that run until the test ends them, keyed by "host ip". */
    private static final class Probes implements MailServerStage.Probe {
        final Map<String, CompletableFuture<MailServerResult>> running = new ConcurrentHashMap<>();

        @Override
        public CompletionStage<MailServerResult> probe(String scanId, MailServerTarget target) {
            CompletableFuture<MailServerResult> f = new CompletableFuture<>();
            running.put(target.host() + " " + target.ipText(), f);
            return f;
        }

        void end(String host, String ip, ConnectStatus connect, String error) {
            running.remove(host + " " + ip).complete(MailServerResult.newBuilder().setScanId("s").setHost(host)
                    .setIp(ip).setProbedAt(Instant.EPOCH).setConnect(connect).setError(error).build());
        }

        long runningOn(String ipPrefix) {
            return running.keySet().stream().filter(k -> k.contains(" " + ipPrefix)).count();
        }
    }

    private static MxProbeTask task(String host, String ip) {
        return MxProbeTask.newBuilder().setScanId("s").setHost(host).setIp(ip).setPort(25)
                .setEnqueuedAt(Instant.EPOCH).build();
    }

    @Test
    void tarpitsHoldAtMostAQuarterOfTheSlotsOnceTheyShowedIt() throws Exception {
        Probes probes = new Probes();
        List<MailServerResult> published = new CopyOnWriteArrayList<>();
        MailServerStage stage = new MailServerStage(probes, published::add, 8, 1); // troubled share: 2 slots
        for (int t = 1; t <= 6; t++) {
            for (int n = 0; n < 3; n++) {
                stage.submit(task("mx" + n + ".tarpit" + t + ".example", "198.51.100." + t));
            }
        }
        assertThat(stage.active()).isEqualTo(6); // first probes: trouble is not known yet
        for (int t = 1; t <= 6; t++) {
            probes.end("mx0.tarpit" + t + ".example", "198.51.100." + t, ConnectStatus.ok, "TIMEOUT at GREETING: 30s");
        }
        assertThat(stage.active()).isEqualTo(2);
        assertThat(stage.troubledActive()).isEqualTo(2);

        // healthy servers still get the other slots
        for (int h = 1; h <= 10; h++) {
            stage.submit(task("mx.healthy" + h + ".example", "203.0.113." + h));
        }
        assertThat(probes.runningOn("203.0.113.")).isEqualTo(6);
        assertThat(probes.runningOn("198.51.100.")).isEqualTo(2);

        // a freed slot goes to whoever is first in line: here a healthy server
        String first = probes.running.keySet().stream().filter(k -> k.contains("198.51.100.")).findFirst().orElseThrow();
        String[] parts = first.split(" ");
        probes.end(parts[0], parts[1], ConnectStatus.quarantined, "quarantined");
        assertThat(probes.runningOn("203.0.113.")).isEqualTo(7);
        assertThat(probes.runningOn("198.51.100.")).isEqualTo(1);
        // and when healthy ones end, the troubled share fills again, never beyond it
        for (String key : List.copyOf(probes.running.keySet())) {
            if (key.contains(" 203.0.113.")) {
                String[] p = key.split(" ");
                probes.end(p[0], p[1], ConnectStatus.ok, null);
            }
        }
        assertThat(probes.runningOn("203.0.113.")).isEqualTo(3);
        assertThat(probes.runningOn("198.51.100.")).isEqualTo(2);
        assertThat(stage.troubledActive()).isEqualTo(2);

        // everything ends
        while (!probes.running.isEmpty()) {
            for (String key : List.copyOf(probes.running.keySet())) {
                String[] p = key.split(" ");
                probes.end(p[0], p[1], ConnectStatus.quarantined, "quarantined");
            }
        }
        assertThat(stage.awaitIdle(1, TimeUnit.SECONDS)).isTrue();
        assertThat(published).hasSize(28);
        assertThat(stage.troubledActive()).isZero();
    }

    @Test
    void whatCountsAsTrouble() {
        assertThat(TroubledGates.troubling(row(ConnectStatus.timeout, null))).isTrue();
        assertThat(TroubledGates.troubling(row(ConnectStatus.quarantined, "quarantined"))).isTrue();
        assertThat(TroubledGates.troubling(row(ConnectStatus.ok, "DEADLINE at EHLO: 120s"))).isTrue();
        assertThat(TroubledGates.troubling(row(ConnectStatus.refused, null))).isFalse(); // quick: holds nothing
        assertThat(TroubledGates.troubling(row(ConnectStatus.ok, "TLS_FAILED at STARTTLS: bad"))).isFalse();
        assertThat(TroubledGates.troubling(row(ConnectStatus.ok, null))).isFalse();
    }

    private static MailServerResult row(ConnectStatus connect, String error) {
        return MailServerResult.newBuilder().setScanId("s").setHost("mx.example").setIp("192.0.2.1")
                .setProbedAt(Instant.EPOCH).setConnect(connect).setError(error).build();
    }
}
