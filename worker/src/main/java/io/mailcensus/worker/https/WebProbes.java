package io.mailcensus.worker.https;

import io.mailcensus.schemas.CheckStatus;
import io.mailcensus.schemas.DomainResult;
import io.mailcensus.schemas.DomainStatus;
import io.mailcensus.schemas.M365Check;
import io.mailcensus.schemas.MtaStsCheck;
import io.mailcensus.schemas.MxCheck;
import io.mailcensus.schemas.MxRecord;
import io.mailcensus.schemas.SecurityTxtCheck;
import io.mailcensus.schemas.SecurityTxtStatus;
import io.mailcensus.worker.optout.OptOutList;
import io.mailcensus.worker.politeness.HostGates;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * The HTTPS side of a domain's checks, run after the DNS checks: the MTA-STS policy (only when the
 * {@code _mta-sts} record is present), security.txt (every domain that was scanned), and the
 * Microsoft 365 tenant (only with DNS evidence, unless {@link WebProbeSettings#m365ForAll()}).
 * The probes of one domain run concurrently; each request waits at its IP's gate in the HTTPS
 * {@link HostGates}. One instance serves a whole worker; close it when done.
 */
public final class WebProbes implements AutoCloseable {

    private final HttpsClient client;
    private final MtaStsProbe mtaSts;
    private final SecurityTxtProbe securityTxt;
    private final M365Probe m365;
    private final OptOutList optOut;

    /**
     * @param resolver how host names become addresses: {@link DnsAddressResolver} over the scan's
     *     own {@link io.mailcensus.worker.dns.client.DnsClient}
     * @param gates the politeness gates for HTTPS (an instance of its own, not the SMTP one)
     * @param clock the time certificates and security.txt Expires are judged at
     */
    public WebProbes(WebProbeSettings settings, AddressResolver resolver, HostGates gates, Clock clock) {
        this(settings, resolver, gates, clock, OptOutList.empty());
    }

    /**
     * @param optOut an opted-out domain gets no web check at all (its checks stay not_checked); an
     *     opted-out host name or address is never connected to, on any hop
     */
    public WebProbes(WebProbeSettings settings, AddressResolver resolver, HostGates gates, Clock clock,
            OptOutList optOut) {
        Objects.requireNonNull(settings, "settings");
        this.optOut = Objects.requireNonNull(optOut, "optOut");
        this.client = new HttpsClient(settings.https(), resolver, gates, clock, optOut);
        this.mtaSts = new MtaStsProbe(client, settings);
        this.securityTxt = new SecurityTxtProbe(client, settings, clock);
        this.m365 = new M365Probe(client, settings);
    }

    /** The HTTPS client: its counts of connections opened again after "come back later". */
    public HttpsClient client() {
        return client;
    }

    /**
     * {@code dnsResult} with mta_sts (policy part), security_txt and m365 filled in (in place:
     * the caller hands the result over). Never
     * completes exceptionally: a failure becomes the check's {@code error} status. A domain whose
     * DNS scan did not succeed (nxdomain, error), or that is on the opt-out list, comes back
     * unchanged.
     */
    public CompletionStage<DomainResult> enrich(DomainResult dnsResult) {
        if (dnsResult.getStatus() != DomainStatus.ok || optOut.blocks(dnsResult.getDomain())) {
            return CompletableFuture.completedFuture(dnsResult);
        }
        String domain = dnsResult.getDomain();
        MtaStsCheck stsDns = dnsResult.getMtaSts();
        CompletableFuture<MtaStsCheck> sts = stsDns.getStatus() == CheckStatus.present
                ? guarded(() -> mtaSts.probe(domain, stsDns, mxHosts(dnsResult.getMx())),
                        e -> MtaStsCheck.newBuilder(stsDns).setPolicyStatus(CheckStatus.error)
                                .setInvalidReason("policy: " + e).build())
                : CompletableFuture.completedFuture(stsDns);
        CompletableFuture<SecurityTxtCheck> security = guarded(() -> securityTxt.probe(domain),
                e -> SecurityTxtCheck.newBuilder().setStatus(SecurityTxtStatus.error).build());
        M365Check m365Dns = dnsResult.getM365();
        CompletableFuture<M365Check> tenant = m365.applies(m365Dns)
                ? guarded(() -> m365.probe(domain, m365Dns),
                        e -> M365Check.newBuilder(m365Dns).setStatus(CheckStatus.error).build())
                : CompletableFuture.completedFuture(m365Dns);
        // Filled in place: the DNS result belongs to this domain's probe alone, and a builder copy
        // deep-copies every nested record (2% of a full-depth scan's CPU).
        return CompletableFuture.allOf(sts, security, tenant).handle((ignored, failure) -> {
            dnsResult.setMtaSts(sts.join());
            dnsResult.setSecurityTxt(security.join());
            dnsResult.setM365(tenant.join());
            return dnsResult;
        })
                // Only a bug gets here (the probes' failures are statuses already): keep the DNS part.
                .exceptionally(bug -> dnsResult);
    }

    /** The MX host names the policy must cover: none for a null MX or when MX is not known. */
    static List<String> mxHosts(MxCheck mx) {
        List<String> hosts = new ArrayList<>();
        if (mx.getStatus() != CheckStatus.present || mx.getNullMx()) {
            return hosts;
        }
        for (MxRecord record : mx.getRecords()) {
            String host = record.getHost();
            if (!host.isEmpty() && !host.equals(".")) {
                hosts.add(host);
            }
        }
        return hosts;
    }

    /** A probe whose bugs become the check's error status instead of a failed stage. */
    private static <T> CompletableFuture<T> guarded(Supplier<CompletionStage<T>> probe,
            java.util.function.Function<Throwable, T> onFailure) {
        CompletionStage<T> stage;
        try {
            stage = probe.get();
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(onFailure.apply(e));
        }
        return stage.toCompletableFuture().handle((value, failure) -> failure == null ? value : onFailure.apply(failure));
    }

    @Override
    public void close() {
        client.close();
    }
}
