package io.mailcensus.worker.loop;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailcensus.schemas.DomainResult;
import io.mailcensus.schemas.DomainStatus;
import io.mailcensus.schemas.ScanTask;
import io.mailcensus.worker.dns.client.InFlightLimit;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

class StagedProbeTest {

    /** Web stages that finish only when the test says so: a web host at its rate or in backoff. */
    private final List<CompletableFuture<DomainResult>> parkedAtGate = new ArrayList<>();
    private final List<String> dnsStarted = new ArrayList<>();

    private final DomainProbe dns = task -> {
        dnsStarted.add(task.getDomain());
        return CompletableFuture.completedFuture(result(task));
    };

    /** DNS stages that finish only when the test says so. */
    private final List<CompletableFuture<DomainResult>> slowDns = new ArrayList<>();

    private final DomainProbe hanging = task -> {
        CompletableFuture<DomainResult> f = new CompletableFuture<>();
        slowDns.add(f);
        return f;
    };

    private CompletionStage<DomainResult> web(DomainResult dnsResult) {
        CompletableFuture<DomainResult> parked = new CompletableFuture<>();
        parkedAtGate.add(parked);
        return parked.thenApply(ignored -> dnsResult);
    }

    @Test
    void aDomainWaitingForItsWebProbesDoesNotHoldTheDnsSlot() {
        StagedProbe probe = new StagedProbe(dns, this::web, new InFlightLimit(1, Runnable::run));

        CompletableFuture<DomainResult> first = probe.probe(task("first.ch")).toCompletableFuture();
        CompletableFuture<DomainResult> second = probe.probe(task("second.ch")).toCompletableFuture();

        assertThat(dnsStarted).containsExactly("first.ch", "second.ch");
        assertThat(probe.inSecondStage()).isEqualTo(2);
        assertThat(probe.inFirstStage()).isZero();
        assertThat(first).isNotDone();

        parkedAtGate.forEach(p -> p.complete(null));
        assertThat(first).isCompleted();
        assertThat(second).isCompleted();
        assertThat(probe.inSecondStage()).isZero();
    }

    @Test
    void theDnsStageKeepsItsOwnBound() {
        StagedProbe probe = new StagedProbe(hanging, this::web, new InFlightLimit(2, Runnable::run));

        for (int i = 0; i < 5; i++) {
            probe.probe(task("d" + i + ".ch"));
        }

        assertThat(slowDns).hasSize(2);
        assertThat(probe.inFirstStage()).isEqualTo(5);
        slowDns.getFirst().complete(result(task("d0.ch")));
        assertThat(slowDns).hasSize(3);
        assertThat(probe.inSecondStage()).isEqualTo(1);
    }

    @Test
    void stoppingGivesUpTheDomainsWaitingForADnsSlotAndLeavesTheStartedOnes() {
        StagedProbe probe = new StagedProbe(hanging, this::web, new InFlightLimit(2, Runnable::run));
        List<CompletableFuture<DomainResult>> all = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            all.add(probe.probe(task("d" + i + ".ch")).toCompletableFuture());
        }

        assertThat(probe.abandonNotStarted()).isEqualTo(3);

        assertThat(all.subList(2, 5)).allSatisfy(f -> assertThat(f).failsWithin(java.time.Duration.ZERO)
                .withThrowableOfType(java.util.concurrent.ExecutionException.class)
                .havingCause().isInstanceOf(NotStartedException.class));
        slowDns.forEach(f -> f.complete(result(task("started.ch"))));
        assertThat(slowDns).hasSize(2); // a freed slot starts nothing more
        assertThat(probe.inFirstStage()).isZero();
    }

    @Test
    void aWebStageThatThrowsFailsOnlyItsDomainAndIsNotCountedAsWaiting() {
        StagedProbe probe = new StagedProbe(dns, r -> {
            throw new IllegalStateException("a bug");
        }, new InFlightLimit(1, Runnable::run));

        CompletableFuture<DomainResult> failed = probe.probe(task("bug.ch")).toCompletableFuture();

        assertThat(failed).isCompletedExceptionally();
        assertThat(probe.inSecondStage()).isZero();
        probe.probe(task("next.ch"));
        assertThat(dnsStarted).containsExactly("bug.ch", "next.ch"); // the slot was given back
    }

    private static ScanTask task(String domain) {
        return ScanTask.newBuilder().setScanId("s").setDomain(domain).setDomainUnicode(domain)
                .setEnqueuedAt(Instant.EPOCH).build();
    }

    private static DomainResult result(ScanTask task) {
        return DomainResult.newBuilder()
                .setScanId(task.getScanId())
                .setDomain(task.getDomain())
                .setDomainUnicode(task.getDomainUnicode())
                .setStatus(DomainStatus.ok)
                .setStartedAt(Instant.EPOCH)
                .setFinishedAt(Instant.EPOCH)
                .build();
    }
}
