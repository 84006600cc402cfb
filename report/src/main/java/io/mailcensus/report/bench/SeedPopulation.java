package io.mailcensus.report.bench;

import io.mailcensus.report.bench.SeedFigures.Share;
import io.mailcensus.schemas.Certificate;
import io.mailcensus.schemas.CheckStatus;
import io.mailcensus.schemas.ConnectStatus;
import io.mailcensus.schemas.DkimStatus;
import io.mailcensus.schemas.DnssecStatus;
import io.mailcensus.schemas.DomainResult;
import io.mailcensus.schemas.DomainStatus;
import io.mailcensus.schemas.MailServerResult;
import io.mailcensus.schemas.MxHost;
import io.mailcensus.schemas.MxRecord;
import io.mailcensus.schemas.SecurityTxtStatus;
import io.mailcensus.schemas.SmtpSoftware;
import io.mailcensus.schemas.SpfAll;
import io.mailcensus.schemas.StarttlsStatus;
import io.mailcensus.schemas.TlsStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * Generates per-domain results (and their mail servers) whose report figures are given shares
 * of their bases: for a metric of pct p over a base of b domains, exactly round(p * b / 100)
 * domains have it. With bases of 10,000 domains or more one domain is under 0.005% of the base,
 * so every figure comes out at the given pct to two decimals.
 *
 * <p>Which domains have a property is decided by a rank per property family: a bijection
 * {@code index -> (index * prime + offset) mod size}, so each family spreads over the
 * population, families are independent, and properties that must exclude each other (the SPF
 * {@code all} qualifiers, DMARC policies, STARTTLS on all / some / none hosts) are consecutive
 * rank ranges of one family, and subsets (v=spf1 -all within -all) are ranges within ranges.
 *
 * <p>Layout: domains 0 .. mx-1 have MX records; of those, by rank, the first are null MX, the
 * next localhost MX, the rest have one usable MX host of their own (two for "STARTTLS on some").
 */
public final class SeedPopulation {

    /** Primes above any population size, so that every rank is a bijection. */
    private static final long[] PRIMES = {1_000_003, 1_000_033, 1_000_037, 1_000_039, 1_000_081, 1_000_099,
        1_000_117, 1_000_121, 1_000_133, 1_000_151, 1_000_159, 1_000_171, 1_000_183, 1_000_187};

    private static final Instant PROBED = Instant.parse("2023-11-01T00:00:00Z");

    private final int domains;
    private final int mx;
    private final int mail;
    private final Map<String, Integer> counts = new HashMap<>();
    private final int[] nsCounts;
    private final int[] mxProviderCounts;
    private final List<Share> nsProviders;
    private final List<Share> mxProviders;
    private final int tenants;
    private final int dkimMight;
    private final int letsEncrypt;

    /**
     * @param shares metric key -> pct of its base ({@code all} for dnssec.signed, idn, caa,
     *     security_txt.present, m365.tenant, mx.present; {@code mx} for the others)
     * @param tenantsUnique distinct Microsoft 365 tenant ids among the m365.tenant domains
     * @param dkimMight pct of mx with a _domainkey node but no key found
     * @param letsEncryptPct pct of the TLS domains whose MX certificate Let's Encrypt issued
     */
    public SeedPopulation(int domains, Map<String, Double> shares, List<Share> nsProviders, List<Share> mxProviders,
            int tenantsUnique, double dkimMight, double letsEncryptPct) {
        this.domains = domains;
        this.mx = of(shares.get("mx.present"), domains);
        for (var share : shares.entrySet()) {
            boolean allBase = List.of("dnssec.signed", "idn", "caa", "security_txt.present", "m365.tenant", "mx.present")
                    .contains(share.getKey());
            counts.put(share.getKey(), of(share.getValue(), allBase ? domains : mx));
        }
        this.mail = mx - count("mx.null") - count("mx.localhost");
        this.nsProviders = nsProviders;
        this.mxProviders = mxProviders;
        this.nsCounts = nsProviders.stream().mapToInt(share -> of(share.pct(), domains)).toArray();
        this.mxProviderCounts = mxProviders.stream().mapToInt(share -> of(share.pct(), mx)).toArray();
        this.tenants = tenantsUnique;
        this.dkimMight = of(dkimMight, mx);
        this.letsEncrypt = of(letsEncryptPct, count("starttls.all") + count("starttls.some"));
        require(count("starttls.all") + count("starttls.some") <= mail, "STARTTLS domains exceed the mail domains");
        require(count("dane.present") <= mail, "DANE domains exceed the mail domains");
        require(count("spf.no_mail") <= count("spf.all.fail"), "v=spf1 -all is a subset of -all");
        require(count("spf.all.fail") + count("spf.all.softfail") + count("spf.redirect") + count("spf.multiple")
                <= count("spf.present"), "SPF kinds exceed SPF records");
        require(count("dmarc.p.none") + count("dmarc.p.reject") <= count("dmarc.present"), "policies exceed DMARC");
        require(count("dmarc.rua") <= count("dmarc.present"), "rua exceeds DMARC");
        require(count("bimi.certificate") <= count("bimi.record"), "BIMI certificates exceed BIMI");
        require(tenants <= count("m365.tenant"), "more tenants than tenant domains");
        require(java.util.Arrays.stream(mxProviderCounts).sum() <= mail, "MX providers exceed the mail domains");
    }

    /** The seed's Q4 2023 population scaled to {@code domains}. */
    public static SeedPopulation q4_2023(int domains) {
        return q4_2023(domains, Map.of());
    }

    /** ... with some shares replaced (an earlier scan, for trends). */
    public static SeedPopulation q4_2023(int domains, Map<String, Double> overrides) {
        var shares = new HashMap<>(SeedFigures.Q4_2023);
        shares.putAll(overrides);
        int tenants = (int) Math.round((double) SeedFigures.M365_TENANTS_UNIQUE * domains / SeedFigures.SEED_DOMAINS);
        return new SeedPopulation(domains, shares, SeedFigures.NS_PROVIDERS, SeedFigures.MX_PROVIDERS, tenants,
                SeedFigures.DKIM_MIGHT, SeedFigures.LETS_ENCRYPT_MORE_THAN + 1);
    }

    public int domains() {
        return domains;
    }

    /** How many domains have the metric (0 for a metric without a share). */
    public int count(String key) {
        return counts.getOrDefault(key, 0);
    }

    public int tenantsUnique() {
        return tenants;
    }

    /** One batch of results: domains [from, to), with the mail servers of their MX hosts. */
    public record Batch(List<DomainResult> domains, List<MailServerResult> servers) {}

    public Batch batch(String scanId, int from, int to, IntFunction<Instant> finishedAt) {
        var results = new ArrayList<DomainResult>(to - from);
        var servers = new ArrayList<MailServerResult>();
        for (int i = from; i < to; i++) {
            results.add(domain(scanId, i, finishedAt.apply(i), servers));
        }
        return new Batch(results, servers);
    }

    private DomainResult domain(String scan, int i, Instant finished, List<MailServerResult> servers) {
        boolean idn = rank(0, i, domains) < count("idn");
        String name = (idn ? "xn--d" : "d") + i + ".ch";
        DomainResult.Builder b = DomainResult.newBuilder()
                .setScanId(scan).setDomain(name).setDomainUnicode(name).setStatus(DomainStatus.ok)
                .setStartedAt(finished.minusMillis(900)).setFinishedAt(finished).setIdn(idn);
        b.getNsBuilder().setStatus(CheckStatus.present).setHosts(List.of("ns1." + name))
                .setProviders(List.of(provider(rank(1, i, domains), nsProviders, nsCounts, "ns-" + (i % 1000) + ".ch")));
        boolean signed = rank(2, i, domains) < count("dnssec.signed");
        b.getDnssecBuilder().setSigned(signed ? CheckStatus.present : CheckStatus.absent)
                .setValidation(signed ? DnssecStatus.secure : DnssecStatus.insecure);
        b.getCaaBuilder().setStatus(rank(3, i, domains) < count("caa") ? CheckStatus.present : CheckStatus.absent);
        b.getSecurityTxtBuilder().setStatus(rank(4, i, domains) < count("security_txt.present")
                ? SecurityTxtStatus.valid : SecurityTxtStatus.absent);
        int m365 = rank(5, i, domains);
        if (m365 < count("m365.tenant")) {
            b.getM365Builder().setStatus(CheckStatus.present).setTenantId("tenant-" + (m365 % tenants));
        } else {
            b.getM365Builder().setStatus(CheckStatus.absent);
        }
        b.getAutodiscoverBuilder().setStatus(CheckStatus.absent);
        b.getLyncdiscoverBuilder().setStatus(CheckStatus.absent);
        b.getSipFederationBuilder().setStatus(CheckStatus.absent);
        b.getMxBuilder().setStatus(CheckStatus.absent);
        b.getSpfBuilder().setStatus(CheckStatus.absent);
        b.getDkimBuilder().setStatus(DkimStatus.unknown).setNode(CheckStatus.absent);
        b.getDmarcBuilder().setStatus(CheckStatus.absent);
        b.getBimiBuilder().setStatus(CheckStatus.absent);
        b.getMtaStsBuilder().setStatus(CheckStatus.absent);
        b.getTlsRptBuilder().setStatus(CheckStatus.absent);
        if (i < mx) {
            mail(b, scan, name, i, servers);
        }
        return b.build();
    }

    /** Domain i < mx: its MX records and hosts, mail servers, and the mail-domain records. */
    private void mail(DomainResult.Builder b, String scan, String name, int j, List<MailServerResult> servers) {
        int kind = rank(6, j, mx);
        int nulls = count("mx.null");
        int localhost = count("mx.localhost");
        if (kind < nulls) {
            b.getMxBuilder().setStatus(CheckStatus.present).setNullMx(true).setRecords(List.of(new MxRecord(0, ".")));
        } else if (kind < nulls + localhost) {
            b.getMxBuilder().setStatus(CheckStatus.present).setLocalhost(true)
                    .setRecords(List.of(new MxRecord(10, "localhost")))
                    .setHosts(List.of(host("localhost", "127.0.0.1")));
        } else {
            usable(b, scan, name, kind - nulls - localhost, servers);
        }
        spf(b, rank(7, j, mx));
        int dkim = rank(8, j, mx);
        if (dkim < count("dkim.found")) {
            b.getDkimBuilder().setStatus(DkimStatus.found).setNode(CheckStatus.present);
        } else if (dkim < count("dkim.found") + dkimMight) {
            b.getDkimBuilder().setStatus(DkimStatus.likely).setNode(CheckStatus.present);
        }
        dmarc(b, rank(9, j, mx), name);
        if (rank(10, j, mx) < count("mta_sts.record")) {
            b.getMtaStsBuilder().setStatus(CheckStatus.present).setRecords(List.of("v=STSv1; id=1"));
        }
        if (rank(11, j, mx) < count("tls_rpt")) {
            b.getTlsRptBuilder().setStatus(CheckStatus.present).setRecords(List.of("v=TLSRPTv1; rua=mailto:t@" + name));
        }
        int bimi = rank(12, j, mx);
        if (bimi < count("bimi.record")) {
            b.getBimiBuilder().setStatus(CheckStatus.present).setRecord("v=BIMI1; l=https://" + name + "/l.svg")
                    .setEvidence(bimi < count("bimi.certificate") ? "https://" + name + "/vmc.pem" : null);
        }
    }

    /** u: the domain's rank among the mail domains (usable MX). */
    private void usable(DomainResult.Builder b, String scan, String name, int u, List<MailServerResult> servers) {
        int all = count("starttls.all");
        int some = count("starttls.some");
        String provider = provider(rank(13, u, mail), mxProviders, mxProviderCounts, name);
        boolean exchangeOnline = provider.equals("mail.protection.outlook.com");
        String first = exchangeOnline ? name.replace('.', '-') + ".mail.protection.outlook.com" : "mx1." + name;
        var hosts = new ArrayList<MxHost>();
        hosts.add(host(first, address(u, 0)));
        if (u >= all && u < all + some) {
            hosts.add(host("mx2." + name, address(u, 1)));
        }
        var records = new ArrayList<MxRecord>();
        for (int h = 0; h < hosts.size(); h++) {
            records.add(new MxRecord(10 * (h + 1), hosts.get(h).getName().toString()));
        }
        b.getMxBuilder().setStatus(CheckStatus.present).setRecords(records).setHosts(hosts)
                .setProviders(List.of(exchangeOnline ? "outlook.com" : provider));

        SmtpSoftware software = software(rank(0, u, mail));
        boolean dane = rank(1, u, mail) < count("dane.present");
        for (int h = 0; h < hosts.size(); h++) {
            boolean tls = u < all + some && h == 0 || u < all;
            MailServerResult.Builder server = MailServerResult.newBuilder()
                    .setScanId(scan).setHost(hosts.get(h).getName().toString()).setIp(address(u, h))
                    .setProbedAt(PROBED).setConnect(ConnectStatus.ok).setSoftware(software)
                    .setStarttls(tls ? StarttlsStatus.accepted : StarttlsStatus.not_offered)
                    .setTls(tls ? TlsStatus.ok : TlsStatus.not_attempted)
                    .setTlsaStatus(dane && h == 0 ? CheckStatus.present : CheckStatus.absent);
            if (tls) {
                String issuer = u < letsEncrypt ? "Let's Encrypt" : "DigiCert Inc";
                server.setChain(List.of(certificate(hosts.get(h).getName().toString(), issuer)))
                        .setPkixValid(true).setHostnameMatch(true).setExpired(false);
            }
            if (dane && h == 0) {
                server.setTlsaDnssec(DnssecStatus.secure).setDaneValid(tls);
            }
            servers.add(server.build());
        }
    }

    private void spf(DomainResult.Builder b, int r) {
        int fail = count("spf.all.fail");
        int softfail = fail + count("spf.all.softfail");
        int redirect = softfail + count("spf.redirect");
        int multiple = redirect + count("spf.multiple");
        if (r >= count("spf.present")) {
            return;
        }
        var spf = b.getSpfBuilder().setStatus(CheckStatus.present).setDnsTerms(2);
        if (r < count("spf.no_mail")) {
            spf.setRecords(List.of("v=spf1 -all")).setAll(SpfAll.fail).setNoMail(true).setDnsTerms(0);
        } else if (r < fail) {
            spf.setRecords(List.of("v=spf1 mx a -all")).setAll(SpfAll.fail);
        } else if (r < softfail) {
            spf.setRecords(List.of("v=spf1 mx a ~all")).setAll(SpfAll.softfail);
        } else if (r < redirect) {
            spf.setRecords(List.of("v=spf1 redirect=_spf.provider.ch")).setAll(SpfAll.none)
                    .setRedirect("_spf.provider.ch");
        } else if (r < multiple) {
            spf.setRecords(List.of("v=spf1 mx", "v=spf1 a")).setAll(SpfAll.none).setMultiple(true);
        } else {
            spf.setRecords(List.of("v=spf1 mx")).setAll(SpfAll.none);
        }
    }

    private void dmarc(DomainResult.Builder b, int r, String name) {
        if (r >= count("dmarc.present")) {
            return;
        }
        int none = count("dmarc.p.none");
        String p = r < none ? "none" : r < none + count("dmarc.p.reject") ? "reject" : "quarantine";
        List<String> rua = r < count("dmarc.rua") ? List.of("mailto:d@" + name) : List.of();
        b.getDmarcBuilder().setStatus(CheckStatus.present).setRecords(List.of("v=DMARC1; p=" + p)).setP(p).setRua(rua);
    }

    private SmtpSoftware software(int r) {
        String[] keys = {"smtp.software.exim", "smtp.software.postfix", "smtp.software.exchange",
            "smtp.software.sendmail"};
        SmtpSoftware[] software = {SmtpSoftware.exim, SmtpSoftware.postfix, SmtpSoftware.exchange,
            SmtpSoftware.sendmail};
        int end = 0;
        for (int k = 0; k < keys.length; k++) {
            end += count(keys[k]);
            if (r < end) {
                return software[k];
            }
        }
        return SmtpSoftware.unknown;
    }

    /** The named provider whose rank range r falls in, or {@code rest} past the last one. */
    private static String provider(int r, List<Share> shares, int[] counts, String rest) {
        int end = 0;
        for (int k = 0; k < counts.length; k++) {
            end += counts[k];
            if (r < end) {
                return shares.get(k).name();
            }
        }
        return rest;
    }

    private static MxHost host(String name, String ipv4) {
        return MxHost.newBuilder().setName(name).setStatus(CheckStatus.present).setIpv4(List.of(ipv4)).build();
    }

    /** A distinct documentation-style address per (mail domain, host): 10.0.0.0/8, never contacted. */
    private static String address(int u, int host) {
        int n = u * 2 + host;
        return "10." + ((n >> 16) & 255) + "." + ((n >> 8) & 255) + "." + (n & 255);
    }

    private static Certificate certificate(String host, String issuerOrg) {
        return Certificate.newBuilder().setSubject("CN=" + host).setSans(List.of(host))
                .setIssuer("CN=Issuing CA, O=" + issuerOrg).setIssuerOrg(issuerOrg)
                .setNotBefore(PROBED.minusSeconds(86_400)).setNotAfter(PROBED.plusSeconds(86_400 * 60))
                .setKeyAlgorithm("RSA").setKeyBits(2048).setSignatureAlgorithm("SHA256withRSA").setSha256("00").build();
    }

    private static int rank(int family, int index, int size) {
        return (int) ((index * PRIMES[family] + family * 7_919L) % size);
    }

    private static int of(double pct, int base) {
        return (int) Math.round(pct * base / 100);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
