package io.mailcensus.worker.mailserver;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailcensus.core.metrics.Metrics;
import io.mailcensus.schemas.ConnectStatus;
import io.mailcensus.schemas.DomainResult;
import io.mailcensus.schemas.DomainStatus;
import io.mailcensus.schemas.MailServerResult;
import io.mailcensus.schemas.MxCheck;
import io.mailcensus.schemas.MxHost;
import io.mailcensus.schemas.MxProbeTask;
import io.mailcensus.worker.politeness.ManualScheduler;
import io.mailcensus.worker.smtp.MailServerResults;
import io.mailcensus.worker.smtp.MailServerTarget;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The per-domain mail server budget: names per address, pairs, and time (issue 15, "Bounded tails"). */
class MailServerBudgetTest {

    private static final Duration TWO_MINUTES = Duration.ofMinutes(2);
    private static final Clock CLOCK = Clock.fixed(Instant.EPOCH, ZoneOffset.UTC);

    /**
     * A probe that waits at its gate until the test lets it talk ({@link #talk}) and runs until
     * the test finishes it; while still waiting it gives up when told to, as the prober does.
     */
    private static final class GateProbe implements MailServerStage.Probe {
        final Map<String, CompletableFuture<MailServerResult>> running = new ConcurrentHashMap<>();
        final List<String> started = new CopyOnWriteArrayList<>();
        final java.util.Set<String> talking = ConcurrentHashMap.newKeySet();

        @Override
        public CompletionStage<MailServerResult> probe(String scanId, MailServerTarget target) {
            throw new AssertionError("the stage passes the give-up signal");
        }

        @Override
        public CompletionStage<MailServerResult> probe(String scanId, MailServerTarget target,
                CompletionStage<String> giveUp) {
            started.add(target.host());
            CompletableFuture<MailServerResult> f = new CompletableFuture<>();
            running.put(target.host(), f);
            giveUp.thenAccept(reason -> {
                if (!talking.contains(target.host())) {
                    f.complete(MailServerResults.notProbed(scanId, target, Instant.EPOCH,
                    ConnectStatus.not_checked, reason));
                }
            });
            return f;
        }

        void talk(String host) {
            talking.add(host);
        }

        void finish(String host, ConnectStatus connect) {
            running.remove(host).complete(MailServerResult.newBuilder().setScanId("s").setHost(host)
                    .setIp("192.0.2.25").setProbedAt(Instant.EPOCH).setConnect(connect).build());
        }
    }

    private static MxProbeTask task(String domain, String host, String ip) {
        return MxProbeTask.newBuilder().setScanId("s").setHost(host).setIp(ip).setPort(25)
                .setEnqueuedAt(Instant.EPOCH).setDomain(domain).build();
    }

    private static MailServerStage stage(GateProbe probe, List<MailServerResult> published, ManualScheduler time) {
        return new MailServerStage(probe, published::add, 256, 1, CLOCK, Metrics.none(), TWO_MINUTES, time);
    }

    private static List<MailServerResult> budgetRows(List<MailServerResult> published) {
        return published.stream().filter(r -> r.getError() != null
                && r.getError().startsWith(MailServerBudget.NOT_PROBED)).toList();
    }

    @Test
    void thirtyTwoNamesOnOneTarpitAreLeftOutOnceTheDomainsTimeIsSpent() throws Exception {
        ManualScheduler time = new ManualScheduler();
        GateProbe probe = new GateProbe();
        List<MailServerResult> published = new CopyOnWriteArrayList<>();
        MailServerStage stage = stage(probe, published, time);
        for (int i = 0; i < 32; i++) {
            stage.submit(task("hostile.example", "mx" + i + ".hostile.example", "192.0.2.25"));
        }
        assertThat(probe.started).containsExactly("mx0.hostile.example"); // one at a time on the address
        probe.talk("mx0.hostile.example");

        time.advance(Duration.ofSeconds(90)); // the tarpit holds the first probe until its timeout
        probe.finish("mx0.hostile.example", ConnectStatus.timeout);
        assertThat(probe.started).hasSize(2); // the second waits at the gate (backoff)
        time.advance(Duration.ofSeconds(31)); // two minutes after the first started

        assertThat(stage.awaitIdle(0, TimeUnit.SECONDS)).isTrue(); // the scan may end now
        assertThat(published).hasSize(32);
        assertThat(probe.started).hasSize(2); // nothing else was started
        assertThat(budgetRows(published)).hasSize(31).allSatisfy(r -> {
            assertThat(r.getConnect()).isEqualTo(ConnectStatus.not_checked);
            assertThat(r.getError()).contains("hostile.example").contains("PT2M");
        });
        assertThat(stage.leftOut()).isEqualTo(30); // the one given up at the gate is the prober's row
    }

    @Test
    void aDomainsClockStartsWithItsFirstProbeNotWithItsPlaceInTheQueue() throws Exception {
        ManualScheduler time = new ManualScheduler();
        GateProbe probe = new GateProbe();
        List<MailServerResult> published = new CopyOnWriteArrayList<>();
        MailServerStage stage = stage(probe, published, time);
        stage.submit(task("busy.example", "mx.busy.example", "192.0.2.25"));
        stage.submit(task("late.example", "mx.late.example", "192.0.2.25"));
        probe.talk("mx.busy.example"); // a slow server: longer than busy.example's budget

        time.advance(Duration.ofMinutes(10)); // late.example waited, but none of its probes had started
        probe.finish("mx.busy.example", ConnectStatus.ok);

        assertThat(probe.started).containsExactly("mx.busy.example", "mx.late.example");
        probe.finish("mx.late.example", ConnectStatus.ok);
        assertThat(budgetRows(published)).isEmpty();
    }

    @Test
    void aPairAnotherDomainStillWaitsForIsNotLeftOut() throws Exception {
        ManualScheduler time = new ManualScheduler();
        GateProbe probe = new GateProbe();
        List<MailServerResult> published = new CopyOnWriteArrayList<>();
        MailServerStage stage = stage(probe, published, time);
        stage.submit(task("a.example", "mx1.a.example", "192.0.2.25"));
        stage.submit(task("a.example", "shared.example.net", "192.0.2.25"));
        stage.submit(task("b.example", "shared.example.net", "192.0.2.25")); // b's clock has not started
        probe.talk("mx1.a.example");

        time.advance(Duration.ofMinutes(3)); // a.example's time is spent
        probe.finish("mx1.a.example", ConnectStatus.ok);

        assertThat(probe.started).containsExactly("mx1.a.example", "shared.example.net");
        probe.finish("shared.example.net", ConnectStatus.ok);
        assertThat(budgetRows(published)).isEmpty();
        assertThat(stage.awaitIdle(0, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aLeftOutPairIsStoredNotProbedUnlessTheRoundProbesIt() throws Exception {
        ManualScheduler time = new ManualScheduler();
        GateProbe probe = new GateProbe();
        List<MailServerResult> published = new CopyOnWriteArrayList<>();
        MailServerStage stage = stage(probe, published, time);
        stage.submit(task("probed.example", "mx.shared.example", "192.0.2.25"));
        MxProbeTask leftOut = task("many.example", "mx.shared.example", "192.0.2.25");
        leftOut.setNotProbed(MailServerBudget.NOT_PROBED + ": 4 host names on 192.0.2.25 already");
        stage.submit(leftOut); // probed for probed.example: shares that probe
        MxProbeTask other = task("many.example", "mx9.many.example", "192.0.2.25");
        other.setNotProbed(MailServerBudget.NOT_PROBED + ": 4 host names on 192.0.2.25 already");
        stage.submit(other);

        probe.finish("mx.shared.example", ConnectStatus.ok);
        assertThat(probe.started).containsExactly("mx.shared.example");
        assertThat(budgetRows(published)).singleElement().satisfies(r -> {
            assertThat(r.getHost()).isEqualTo("mx9.many.example");
            assertThat(r.getConnect()).isEqualTo(ConnectStatus.not_checked);
            assertThat(r.getError()).isEqualTo("not_probed: budget: 4 host names on 192.0.2.25 already (many.example)");
        });
        assertThat(published.stream().filter(r -> r.getHost().equals("mx.shared.example")).map(r -> r.getConnect()))
                .containsExactly(ConnectStatus.ok);
    }

    @Test
    void aDomainProbesAtMostItsNamesPerAddressAndPairsTheRestNamedAsLeftOut() {
        List<String> names = IntStream.range(0, 32).mapToObj(i -> "mx" + i + ".hostile.example.").toList();
        List<MxHost> hosts = new ArrayList<>();
        names.forEach(n -> hosts.add(MxHost.newBuilder().setName(n).setIpv4(List.of("192.0.2.25")).build()));
        hosts.add(MxHost.newBuilder().setName("other.example.").setIpv4(List.of("192.0.2.26", "192.0.2.27"))
                .build());
        DomainResult domain = DomainResult.newBuilder().setScanId("s").setDomain("hostile.example")
                .setDomainUnicode("hostile.example").setStatus(DomainStatus.ok).setStartedAt(Instant.EPOCH)
                .setFinishedAt(Instant.EPOCH).setMx(MxCheck.newBuilder().setHosts(hosts).build()).build();

        MxTargets.Plan plan = MxTargets.plan(domain, 25, new MailServerBudget(4, 5, TWO_MINUTES));

        assertThat(plan.probe()).extracting(MailServerTarget::host).containsExactly("mx0.hostile.example",
                "mx1.hostile.example", "mx2.hostile.example", "mx3.hostile.example", "other.example");
        assertThat(plan.leftOut()).hasSize(29);
        assertThat(plan.leftOut().getFirst().reason()).isEqualTo("4 host names on 192.0.2.25 already");
        assertThat(plan.leftOut().getLast().reason()).isEqualTo("5 pairs already");

        List<MxProbeTask> tasks = new MailServerSettings(true, io.mailcensus.worker.smtp.SmtpProbeSettings.defaults("s.test"),
                io.mailcensus.worker.politeness.PolitenessSettings.defaults(), io.mailcensus.worker.optout.OptOutList.empty(),
                io.mailcensus.worker.tls.TrustStore.of(List.of()), 8,
                io.mailcensus.worker.net.AddressPolicy.loopbackTestbed(), new MailServerBudget(4, 5, TWO_MINUTES))
                .targets(domain, Instant.EPOCH);
        assertThat(tasks).hasSize(34).allSatisfy(t -> assertThat(t.getDomain()).isEqualTo("hostile.example"));
        assertThat(tasks.stream().filter(t -> t.getNotProbed() == null)).hasSize(5);
        assertThat(tasks.getLast().getNotProbed()).isEqualTo("not_probed: budget: 5 pairs already");
    }

    @Test
    void namesOnAddressesOfOneSlash64CountAsNamesOnOneAddress() {
        List<MxHost> hosts = IntStream.range(0, 6).mapToObj(i -> MxHost.newBuilder().setName("mx" + i + ".v6.example.")
                .setIpv4(List.of()).setIpv6(List.of("2001:db8:0:25::" + (i + 1))).build()).toList();
        DomainResult domain = DomainResult.newBuilder().setScanId("s").setDomain("v6.example")
                .setDomainUnicode("v6.example").setStatus(DomainStatus.ok).setStartedAt(Instant.EPOCH)
                .setFinishedAt(Instant.EPOCH).setMx(MxCheck.newBuilder().setHosts(hosts).build()).build();

        MxTargets.Plan plan = MxTargets.plan(domain, 25, MailServerBudget.defaults());

        assertThat(plan.probe()).hasSize(4);
        assertThat(plan.leftOut()).extracting(MxTargets.LeftOut::reason)
                .containsOnly("4 host names on 2001:db8:0:25::/64 already");
    }
}
