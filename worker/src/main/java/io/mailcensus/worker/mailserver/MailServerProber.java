package io.mailcensus.worker.mailserver;

import io.mailcensus.core.metrics.MeterNames;
import io.mailcensus.core.metrics.Metrics;
import io.mailcensus.schemas.ConnectStatus;
import io.mailcensus.schemas.MailServerResult;
import io.mailcensus.worker.net.AddressPolicy;
import io.mailcensus.worker.optout.OptOutList;
import io.mailcensus.worker.politeness.GaveUpException;
import io.mailcensus.worker.politeness.HostGates;
import io.mailcensus.worker.politeness.QuarantinedException;
import io.mailcensus.worker.smtp.MailServerResults;
import io.mailcensus.worker.smtp.MailServerTarget;
import io.mailcensus.worker.smtp.SmtpProbeResult;
import io.mailcensus.worker.tls.CertificateVerdicts;
import io.mailcensus.worker.tls.DaneVerdict;
import io.mailcensus.worker.tls.SmtpDane;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter.MeterProvider;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Probes one {@link MailServerTarget} and returns its {@link MailServerResult}: opt-out before any
 * packet, the SMTP conversation under the IP's gate, the TLSA lookup beside it, and the
 * verdicts (PKIX, host name, expiry, DANE) computed from the recorded chain. Never completes
 * exceptionally: a quarantined host, an opted-out one or a bug become a result.
 *
 * <p>It does not remember which pairs it probed ({@link MailServerStage} does), only, per round,
 * what each address answered, so that a name on an address that answers every name alike needs
 * no connection of its own ({@link SharedAddressAnswers}; off with {@code --smtp-every-name}).
 */
public final class MailServerProber {

    /** The SMTP conversation itself: {@code SmtpProbe::probe}, or a fake in unit tests. */
    public interface Smtp extends Function<MailServerTarget, CompletionStage<SmtpProbeResult>> {}

    /** The TLSA facts of an MX host: {@link TlsaLookup#lookup}, or a fake in unit tests. */
    public interface Tlsa {
        CompletableFuture<TlsaFacts> lookup(String mxHost);
    }

    private final Smtp smtp;
    private final Tlsa tlsa;
    private final HostGates gates;
    private final OptOutList optOut;
    private final AddressPolicy addresses;
    private final CertificateVerdicts verdicts;
    private final Clock clock;
    private final SharedAddressAnswers shared; // null: every name gets its own connection
    private final AtomicLong secondTries = new AtomicLong();
    private final AtomicLong answeredOnSecondTry = new AtomicLong();
    private final MeterProvider<Counter> secondTryMeter;

    /** Every (host, IP) pair gets a connection of its own ({@code --smtp-every-name}). */
    public MailServerProber(Smtp smtp, Tlsa tlsa, HostGates gates, OptOutList optOut, AddressPolicy addresses,
            CertificateVerdicts verdicts, Clock clock) {
        this(smtp, tlsa, gates, optOut, addresses, verdicts, clock, false);
    }

    /**
     * @param reuseAnswers a name on an address that answers every name alike this round reuses
     *     that answer instead of connecting again ({@link SharedAddressAnswers})
     */
    public MailServerProber(Smtp smtp, Tlsa tlsa, HostGates gates, OptOutList optOut, AddressPolicy addresses,
            CertificateVerdicts verdicts, Clock clock, boolean reuseAnswers) {
        this(smtp, tlsa, gates, optOut, addresses, verdicts, clock, reuseAnswers, Metrics.none());
    }

    /** The same, counting second tries ({@link SecondTry}) into {@code metrics}. */
    public MailServerProber(Smtp smtp, Tlsa tlsa, HostGates gates, OptOutList optOut, AddressPolicy addresses,
            CertificateVerdicts verdicts, Clock clock, boolean reuseAnswers, Metrics metrics) {
        this.secondTryMeter = metrics.counters(MeterNames.SMTP_SECOND_TRIES);
        this.shared = reuseAnswers ? new SharedAddressAnswers() : null;
        this.smtp = smtp;
        this.tlsa = tlsa;
        this.gates = gates;
        this.optOut = optOut;
        this.addresses = addresses;
        this.verdicts = verdicts;
        this.clock = clock;
    }

    public CompletionStage<MailServerResult> probe(String scanId, MailServerTarget target) {
        return probe(scanId, target, new CompletableFuture<>());
    }

    /**
     * The same, giving up while still waiting at the gate once {@code giveUp} completes (its
     * domain's time budget ran out): the result is then not probed, with the reason given.
     */
    public CompletionStage<MailServerResult> probe(String scanId, MailServerTarget target,
            CompletionStage<String> giveUp) {
        if (optOut.blocks(target.host(), target.ip())) {
            return CompletableFuture.completedFuture(notProbed(scanId, target, ConnectStatus.opted_out, null));
        }
        // Not a server on the internet (loopback, private, ::ffff:127.0.0.1, ...): not probed, with the reason.
        var refused = addresses.refusal(target.ip());
        if (refused.isPresent()) {
            return CompletableFuture.completedFuture(notProbed(scanId, target, ConnectStatus.opted_out, refused.get()));
        }
        gates.beginRound(scanId);
        CompletableFuture<TlsaFacts> tlsaFacts = tlsa.lookup(target.host());
        if (shared != null) {
            shared.beginRound(scanId);
            if (shared.reusable(target).isPresent()) {
                // a name with TLSA records is asked itself: its DANE verdict needs its own handshake
                return tlsaFacts.exceptionally(e -> TlsaFacts.failed(String.valueOf(e)))
                        .thenCompose(t -> t.records().isEmpty()
                                ? shared.reusable(target).map(seen -> CompletableFuture.completedFuture(
                                        reused(scanId, target, seen, t)))
                                        .orElseGet(() -> connect(scanId, target, giveUp, tlsaFacts))
                                : connect(scanId, target, giveUp, tlsaFacts))
                        .exceptionally(bug -> notProbed(scanId, target, ConnectStatus.error, "probe failed: " + bug));
            }
        }
        return connect(scanId, target, giveUp, tlsaFacts);
    }

    /** The SMTP conversation under the IP's gate (twice if the first answer may be passing), judged with the TLSA facts. */
    private CompletableFuture<MailServerResult> connect(String scanId, MailServerTarget target,
            CompletionStage<String> giveUp, CompletableFuture<TlsaFacts> tlsaFacts) {
        CompletableFuture<SmtpProbeResult> conversation = converse(target, giveUp)
                .thenCompose(first -> SecondTry.worthIt(first)
                        ? secondTry(target, giveUp, first)
                        : CompletableFuture.completedFuture(first));
        return conversation.handle((result, failure) -> result != null
                        ? tlsaFacts.thenApply(t -> {
                            Instant at = clock.instant();
                            if (shared != null) {
                                shared.record(result, at);
                            }
                            return judged(scanId, target, result, t, at).build();
                        })
                        : CompletableFuture.completedFuture(failed(scanId, target, failure)))
                .thenCompose(judging -> judging)
                .exceptionally(bug -> notProbed(scanId, target, ConnectStatus.error, "probe failed: " + bug));
    }

    /** One connection, under the IP's gate, which hears how it ended. */
    private CompletableFuture<SmtpProbeResult> converse(MailServerTarget target, CompletionStage<String> giveUp) {
        return gates.<SmtpProbeResult>withPermit(target.ip(), giveUp, permit ->
                smtp.apply(target)
                        .whenComplete((result, failure) -> {
                            if (result != null) {
                                permit.report(PolitenessOutcomes.of(result));
                            }
                        }))
                .toCompletableFuture();
    }

    /**
     * A second connection after the gate's backoff. If it cannot be made in the round (the
     * domain's budget ran out, the address went into quarantine), the first answer stands.
     */
    private CompletableFuture<SmtpProbeResult> secondTry(MailServerTarget target, CompletionStage<String> giveUp,
            SmtpProbeResult first) {
        secondTries.incrementAndGet();
        return converse(target, giveUp).handle((second, failure) -> {
            boolean answered = second != null && SecondTry.answered(second);
            if (answered) {
                answeredOnSecondTry.incrementAndGet();
            }
            secondTryMeter.withTag("answered", Boolean.toString(answered)).increment();
            return second != null ? second : first;
        });
    }

    /** Second connections made because a first answer may have been passing ({@link SecondTry}). */
    public long secondTries() {
        return secondTries.get();
    }

    /** Of {@link #secondTries()}, those the server greeted (not with a 4xx). */
    public long answeredOnSecondTry() {
        return answeredOnSecondTry.get();
    }

    /**
     * {@code target}'s row from another name's connection to the same address: the server's
     * answer as read then, the verdicts (host name, DANE) for {@code target}.
     */
    private MailServerResult reused(String scanId, MailServerTarget target, SharedAddressAnswers.Seen seen,
            TlsaFacts tlsaFacts) {
        SmtpProbeResult r = seen.result();
        return judged(scanId, target, r.answeringFor(target), tlsaFacts, seen.at()).setAnswerOf(r.target().host()).build();
    }

    private MailServerResult.Builder judged(String scanId, MailServerTarget target, SmtpProbeResult smtpResult,
            TlsaFacts tlsaFacts, Instant probedAt) {
        Instant now = clock.instant();
        MailServerResult.Builder result = MailServerResults.toAvro(smtpResult, scanId, probedAt);
        if (!smtpResult.chain().isEmpty()) {
            verdicts.evaluate(smtpResult.chain(), target.host(), now).applyTo(result);
        }
        result.setTlsaStatus(tlsaFacts.status());
        if (!tlsaFacts.records().isEmpty()) {
            DaneVerdict dane = SmtpDane.evaluate(tlsaFacts.dnssec(), tlsaFacts.records(), smtpResult.chain(),
                    List.of(target.host()), now);
            SmtpDane.applyTo(result, tlsaFacts.dnssec(), tlsaFacts.records(), dane);
        }
        return result;
    }

    private MailServerResult failed(String scanId, MailServerTarget target, Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof QuarantinedException) {
            return notProbed(scanId, target, ConnectStatus.quarantined, cause.getMessage());
        }
        if (cause instanceof GaveUpException) {
            return notProbed(scanId, target, ConnectStatus.not_checked, cause.getMessage());
        }
        return notProbed(scanId, target, ConnectStatus.error, "probe failed: " + cause);
    }

    private MailServerResult notProbed(String scanId, MailServerTarget target, ConnectStatus status, String error) {
        return MailServerResults.notProbed(scanId, target, clock.instant(), status, error);
    }
}
