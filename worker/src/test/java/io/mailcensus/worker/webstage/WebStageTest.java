package io.mailcensus.worker.webstage;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailcensus.schemas.DomainResult;
import io.mailcensus.schemas.DomainStatus;
import io.mailcensus.schemas.SecurityTxtCheck;
import io.mailcensus.schemas.SecurityTxtStatus;
import io.mailcensus.schemas.WebProbeTask;
import io.mailcensus.worker.https.AddressResolver.Resolution;
import io.mailcensus.worker.net.AddressPolicy;
import io.mailcensus.worker.optout.OptOutList;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class WebStageTest {

    private static final Instant DNS_DONE = Instant.parse("2026-12-05T20:00:00.123Z");
    private static final Clock SAME_MILLISECOND = Clock.fixed(DNS_DONE, ZoneOffset.UTC);

    private final List<DomainResult> published = new CopyOnWriteArrayList<>();
    private final Map<String, CompletableFuture<DomainResult>> held = new HashMap<>();
    private final KnownAddresses known = new KnownAddresses(host -> CompletableFuture.completedFuture(
            new Resolution.Failed("asked DNS for " + host)));

    /** A probe that fills security.txt in and completes when the test says. */
    private synchronized CompletionStage<DomainResult> heldProbe(DomainResult dns) {
        dns.setSecurityTxt(SecurityTxtCheck.newBuilder().setStatus(SecurityTxtStatus.valid).build());
        CompletableFuture<DomainResult> f = new CompletableFuture<>();
        held.put(dns.getDomain(), f);
        return f.thenApply(ignored -> dns);
    }

    private synchronized void release(String domain) {
        CompletableFuture<DomainResult> f = held.remove(domain);
        f.complete(null);
    }

    private synchronized boolean probing(String domain) {
        return held.containsKey(domain);
    }

    private WebStage stage(int maxActive, int perAddress) {
        return new WebStage(this::heldProbe, known, published::add, round -> {}, maxActive, perAddress,
                SAME_MILLISECOND);
    }

    @Test
    void theWebRowIsPublishedWithAFinishedAtLaterThanTheDnsRowsSoItReplacesIt() throws Exception {
        WebStage stage = stage(8, 2);
        stage.submit(task("a.test", "192.0.2.1"));
        release("a.test");
        assertThat(stage.awaitIdle(5, TimeUnit.SECONDS)).isTrue();
        assertThat(published).hasSize(1);
        DomainResult row = published.getFirst();
        assertThat(row.getFinishedAt()).isAfter(DNS_DONE); // the clock still reads the DNS row's millisecond
        assertThat(row.getSecurityTxt().getStatus()).isEqualTo(SecurityTxtStatus.valid);
    }

    @Test
    void aBusyWebAddressHoldsOnlyItsOwnDomains() throws Exception {
        WebStage stage = stage(8, 1);
        CompletionStage<Void> first = stage.submit(task("a.test", "192.0.2.1"));
        CompletionStage<Void> second = stage.submit(task("b.test", "192.0.2.1"));
        CompletionStage<Void> other = stage.submit(task("c.test", "192.0.2.2"));
        assertThat(probing("a.test")).isTrue();
        assertThat(probing("b.test")).as("one at a time at 192.0.2.1").isFalse();
        assertThat(probing("c.test")).as("another address is not held up").isTrue();
        release("c.test");
        assertThat(other.toCompletableFuture().isDone()).isTrue();
        assertThat(first.toCompletableFuture().isDone()).isFalse();
        release("a.test");
        assertThat(probing("b.test")).isTrue();
        release("b.test");
        assertThat(second.toCompletableFuture().isDone()).isTrue();
        assertThat(stage.awaitIdle(5, TimeUnit.SECONDS)).isTrue();
        assertThat(published).extracting(DomainResult::getDomain).containsExactly("c.test", "a.test", "b.test");
    }

    @Test
    void atMostMaxActiveTasksRunInAll() {
        WebStage stage = stage(1, 4);
        stage.submit(task("a.test", "192.0.2.1"));
        stage.submit(task("b.test", "192.0.2.2"));
        assertThat(stage.active()).isEqualTo(1);
        assertThat(stage.queued()).isEqualTo(1);
        release("a.test");
        assertThat(probing("b.test")).isTrue();
    }

    @Test
    void theProbeFindsTheAddressesTheDomainLoopResolvedAndTheyAreForgottenAfter() throws Exception {
        WebStage stage = stage(8, 2);
        stage.submit(task("a.test", "192.0.2.1"));
        Resolution r = known.resolve("a.test.").toCompletableFuture().join();
        assertThat(r).isEqualTo(new Resolution.Addresses(List.of(InetAddress.ofLiteral("192.0.2.1"))));
        assertThat(known.resolve("mta-sts.a.test").toCompletableFuture().join())
                .isInstanceOf(Resolution.Failed.class); // any other name goes to DNS
        release("a.test");
        assertThat(known.size()).isZero();
    }

    @Test
    void aDomainWithoutAWebAddressIsKeyedByItsName() {
        WebProbeTask none = new WebRouter(host -> null, AddressPolicy.loopbackTestbed(), OptOutList.empty(),
                SAME_MILLISECOND).task(dns("a.test"), new Resolution.NoAddress("NXDOMAIN"));
        assertThat(none.getWebIp()).isEmpty();
        assertThat(WebStage.key(none)).isEqualTo("domain:a.test");
        assertThat(WebRouter.resolution(none)).contains(new Resolution.NoAddress("NXDOMAIN"));
    }

    @Test
    void anAddressThePolicyRefusesIsNoKey() {
        WebProbeTask refused = new WebRouter(host -> null, AddressPolicy.of(List.of(), java.util.Set.of()),
                OptOutList.empty(), SAME_MILLISECOND)
                .task(dns("a.test"), new Resolution.Addresses(List.of(InetAddress.ofLiteral("127.0.0.1"))));
        assertThat(refused.getWebIp()).isEmpty();
        assertThat(refused.getWebAddresses()).containsExactly("127.0.0.1"); // the probe refuses it and says why
    }

    @Test
    void theTaskCarriesACopySoTheDnsRowIsNotChangedByTheWebProbes() {
        DomainResult dns = dns("a.test");
        WebProbeTask task = new WebRouter(host -> null, AddressPolicy.loopbackTestbed(), OptOutList.empty(),
                SAME_MILLISECOND).task(dns, new Resolution.NoAddress("no A/AAAA"));
        heldProbe(task.getDnsResult());
        assertThat(dns.getSecurityTxt().getStatus()).isEqualTo(SecurityTxtStatus.not_checked);
    }

    private static WebProbeTask task(String domain, String ip) {
        return WebProbeTask.newBuilder()
                .setScanId("s1")
                .setWebIp(ip)
                .setWebAddresses(List.of(ip))
                .setWebResolution("addresses")
                .setDnsResult(dns(domain))
                .setEnqueuedAt(DNS_DONE)
                .build();
    }

    private static DomainResult dns(String domain) {
        return DomainResult.newBuilder()
                .setScanId("s1")
                .setDomain(domain)
                .setDomainUnicode(domain)
                .setStatus(DomainStatus.ok)
                .setStartedAt(DNS_DONE.minusSeconds(1))
                .setFinishedAt(DNS_DONE)
                .build();
    }
}
