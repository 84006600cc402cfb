package io.mailcensus.store.bench;

import io.mailcensus.schemas.CheckStatus;
import io.mailcensus.schemas.DkimCheck;
import io.mailcensus.schemas.DkimKey;
import io.mailcensus.schemas.DkimStatus;
import io.mailcensus.schemas.DmarcCheck;
import io.mailcensus.schemas.DnssecCheck;
import io.mailcensus.schemas.DnssecStatus;
import io.mailcensus.schemas.DomainResult;
import io.mailcensus.schemas.DomainStatus;
import io.mailcensus.schemas.MxCheck;
import io.mailcensus.schemas.MxHost;
import io.mailcensus.schemas.MxRecord;
import io.mailcensus.schemas.NsCheck;
import io.mailcensus.schemas.SpfAll;
import io.mailcensus.schemas.SpfCheck;
import java.time.Instant;
import java.util.List;

/**
 * Plausible DomainResults for the benchmark. {@link #domain} has every check present (two MX
 * hosts, SPF, DMARC, a DKIM key, DNSSEC): the heaviest common row. {@link #tldMix} mixes it
 * with what most of a TLD looks like: domains that only delegate (no mail), domains with a
 * bare MX and SPF, and NXDOMAINs.
 */
public final class SampleResults {

    private static final Instant BASE = Instant.parse("2025-06-01T00:00:00Z");

    private SampleResults() {}

    public static DomainResult domain(String scanId, int i) {
        String domain = "domain-" + i + ".example";
        Instant started = BASE.plusMillis(i * 37L);
        List<MxHost> hosts = List.of(mxHost("mx1." + domain, "192.0.2." + (i % 250)),
                mxHost("mx2." + domain, "198.51.100." + (i % 250)));
        return DomainResult.newBuilder()
                .setScanId(scanId)
                .setDomain(domain)
                .setDomainUnicode(domain)
                .setStatus(DomainStatus.ok)
                .setStartedAt(started)
                .setFinishedAt(started.plusMillis(850))
                .setNs(NsCheck.newBuilder().setStatus(CheckStatus.present)
                        .setHosts(List.of("ns1.provider-" + i % 97 + ".net", "ns2.provider-" + i % 97 + ".net"))
                        .setProviders(List.of("provider-" + i % 97 + ".net")).build())
                .setDnssec(DnssecCheck.newBuilder()
                        .setSigned(i % 3 == 0 ? CheckStatus.present : CheckStatus.absent)
                        .setDs(i % 3 == 0 ? List.of("12345 13 2 49FD46E6C4B45C55D4AC69CBD3CD34AC1AFE51DE") : List.of())
                        .setValidation(i % 3 == 0 ? DnssecStatus.secure : DnssecStatus.insecure).build())
                .setMx(MxCheck.newBuilder().setStatus(CheckStatus.present)
                        .setRecords(List.of(new MxRecord(10, "mx1." + domain), new MxRecord(20, "mx2." + domain)))
                        .setHosts(hosts)
                        .setProviders(List.of(domain)).build())
                .setSpf(SpfCheck.newBuilder().setStatus(CheckStatus.present)
                        .setRecords(List.of("v=spf1 mx include:_spf.provider-" + i % 97 + ".net -all"))
                        .setAll(SpfAll.fail).setDnsTerms(3).setVoidLookups(0).setEvalResult("fail").build())
                .setDkim(DkimCheck.newBuilder().setStatus(DkimStatus.found).setNode(CheckStatus.present)
                        .setKeys(List.of(DkimKey.newBuilder().setSelector("selector1")
                                .setRecord("v=DKIM1; k=rsa; p=MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAwx")
                                .setKeyType("rsa").setBits(2048).setValid(true).build())).build())
                .setDmarc(DmarcCheck.newBuilder().setStatus(CheckStatus.present)
                        .setRecords(List.of("v=DMARC1; p=reject; rua=mailto:dmarc@" + domain))
                        .setP("reject").setPct(100).setRua(List.of("mailto:dmarc@" + domain)).build())
                .build();
    }

    /**
     * A TLD-like mix by {@code i % 10}: 4 in 10 fully set up, 2 with one MX and SPF only, 3 that
     * only delegate, 1 NXDOMAIN.
     */
    public static DomainResult tldMix(String scanId, int i) {
        int kind = i % 10;
        if (kind < 4) {
            return domain(scanId, i);
        }
        String domain = "domain-" + i + ".example";
        Instant started = BASE.plusMillis(i * 37L);
        DomainResult.Builder row = DomainResult.newBuilder()
                .setScanId(scanId)
                .setDomain(domain)
                .setDomainUnicode(domain)
                .setStatus(kind == 9 ? DomainStatus.nxdomain : DomainStatus.ok)
                .setStartedAt(started)
                .setFinishedAt(started.plusMillis(120));
        if (kind == 9) {
            return row.build();
        }
        row.setNs(NsCheck.newBuilder().setStatus(CheckStatus.present)
                        .setHosts(List.of("ns1.parking-" + i % 13 + ".net", "ns2.parking-" + i % 13 + ".net"))
                        .setProviders(List.of("parking-" + i % 13 + ".net")).build())
                .setDnssec(DnssecCheck.newBuilder().setSigned(CheckStatus.absent)
                        .setValidation(DnssecStatus.insecure).build());
        if (kind < 6) {
            row.setMx(MxCheck.newBuilder().setStatus(CheckStatus.present)
                            .setRecords(List.of(new MxRecord(10, "mail." + domain)))
                            .setHosts(List.of(mxHost("mail." + domain, "203.0.113." + (i % 250))))
                            .setProviders(List.of(domain)).build())
                    .setSpf(SpfCheck.newBuilder().setStatus(CheckStatus.present)
                            .setRecords(List.of("v=spf1 mx ~all")).setAll(SpfAll.softfail).setDnsTerms(1).build());
        } else {
            row.setMx(MxCheck.newBuilder().setStatus(CheckStatus.absent).build())
                    .setSpf(SpfCheck.newBuilder().setStatus(CheckStatus.absent).build())
                    .setDmarc(DmarcCheck.newBuilder().setStatus(CheckStatus.absent).build());
        }
        return row.build();
    }

    private static MxHost mxHost(String name, String ipv4) {
        return MxHost.newBuilder().setName(name).setStatus(CheckStatus.present)
                .setIpv4(List.of(ipv4)).setPtr(List.of(name)).setFcrdns(true).build();
    }
}
