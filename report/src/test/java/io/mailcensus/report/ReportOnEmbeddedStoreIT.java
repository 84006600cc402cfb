package io.mailcensus.report;

import static io.mailcensus.report.ResultFixtures.T0;
import static io.mailcensus.report.ResultFixtures.domain;
import static io.mailcensus.report.ResultFixtures.host;
import static io.mailcensus.report.ResultFixtures.mx;
import static io.mailcensus.report.ResultFixtures.server;
import static io.mailcensus.report.ResultFixtures.spf;
import static io.mailcensus.report.ResultFixtures.tlsServer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mailcensus.core.port.ScanRecord;
import io.mailcensus.report.catalog.Base;
import io.mailcensus.report.catalog.MetricCatalog;
import io.mailcensus.report.catalog.MetricDefinition;
import io.mailcensus.report.format.ReportFormat;
import io.mailcensus.schemas.CheckStatus;
import io.mailcensus.schemas.DkimStatus;
import io.mailcensus.schemas.DnssecStatus;
import io.mailcensus.schemas.DomainResult;
import io.mailcensus.schemas.DomainStatus;
import io.mailcensus.schemas.MailServerResult;
import io.mailcensus.schemas.SecurityTxtStatus;
import io.mailcensus.schemas.SmtpSoftware;
import io.mailcensus.schemas.SpfAll;
import io.mailcensus.store.ChdbStore;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report's SQL on the real engine (chDB): nine hand-built domains, one of them delivered
 * three times, plus their mail servers, and every figure checked exactly.
 */
class ReportOnEmbeddedStoreIT {

    private static final String SCAN = "it-1";
    private static final String OLD_SCAN = "it-0";

    @TempDir
    static Path dataDir;

    private static ChdbStore store;
    private static Report report;

    @BeforeAll
    static void loadResults() {
        store = ChdbStore.open(dataDir);
        store.migrate();
        store.upsertScan(new ScanRecord(OLD_SCAN, T0.minusSeconds(86_400), T0.minusSeconds(80_000), "finished",
                "old.txt", 2, 2, 0, T0.minusSeconds(80_000)));
        store.upsertScan(new ScanRecord(SCAN, T0, null, "running", "ch.txt", 9, 0, 0, T0));
        store.upsertScan(new ScanRecord(SCAN, T0, T0.plusSeconds(3600), "finished", "ch.txt", 9, 9, 0,
                T0.plusSeconds(3600)));

        store.insertDomainResults(oldScan());
        store.insertDomainResults(scan());
        // At-least-once delivery: a.ch comes again, once identical and once as a later, corrected
        // result (CAA found). The store keeps the latest; the report counts a.ch once.
        store.insertDomainResults(List.of(aCh(T0.plusSeconds(1), false)));
        store.insertDomainResults(List.of(aCh(T0.plusSeconds(2), true)));
        store.insertMailServerResults(servers());
        store.insertMailServerResults(List.of(
                tlsServer(SCAN, "mx1.a.ch", "192.0.2.1", SmtpSoftware.postfix, "Let's Encrypt")
                        .setTlsaStatus(CheckStatus.present).setTlsaDnssec(DnssecStatus.secure).setDaneValid(true)
                        .build()));

        report = new ReportBuilder(store).build(SCAN);
    }

    @AfterAll
    static void closeStore() {
        if (store != null) {
            store.close();
        }
    }

    private static DomainResult aCh(java.time.Instant finished, boolean caa) {
        return domain(SCAN, "a.ch", finished, b -> {
            b.getNsBuilder().setProviders(List.of("hostpoint.ch", "hostpoint.ch"));
            b.getDnssecBuilder().setSigned(CheckStatus.present).setValidation(DnssecStatus.secure);
            b.getCaaBuilder().setStatus(caa ? CheckStatus.present : CheckStatus.absent);
            mx(b, host("mx1.a.ch", "192.0.2.1"), host("mx2.a.ch", "192.0.2.2"));
            b.getMxBuilder().setProviders(List.of("hostpoint.ch"));
            spf(b, SpfAll.fail, "v=spf1 -all");
            b.getSpfBuilder().setNoMail(true);
            b.getDkimBuilder().setStatus(DkimStatus.found).setNode(CheckStatus.present);
            b.getDmarcBuilder().setStatus(CheckStatus.present).setP("reject").setRua(List.of("mailto:d@a.ch"));
            b.getMtaStsBuilder().setStatus(CheckStatus.present).setPolicyStatus(CheckStatus.present)
                    .setMode("enforce").setMxMatch(true);
            b.getTlsRptBuilder().setStatus(CheckStatus.present);
            b.getBimiBuilder().setStatus(CheckStatus.present).setEvidence("https://a.ch/vmc.pem");
            b.getAutodiscoverBuilder().setStatus(CheckStatus.present);
            b.getSecurityTxtBuilder().setStatus(SecurityTxtStatus.valid);
            b.getM365Builder().setStatus(CheckStatus.present).setTenantId("tenant-1");
        });
    }

    private static List<DomainResult> scan() {
        return List.of(
                aCh(T0.plusSeconds(1), false),
                domain(SCAN, "b.ch", b -> {
                    b.getNsBuilder().setProviders(List.of("infomaniak.com"));
                    mx(b, host("mx.b.ch", "192.0.2.3", "2001:db8::3"));
                    b.getMxBuilder().setProviders(List.of("infomaniak.com"));
                    spf(b, SpfAll.softfail, "v=spf1 ~all", "v=spf1 a ~all");
                    b.getSpfBuilder().setDnsTerms(12).setPermerror("multiple SPF records");
                    b.getDkimBuilder().setStatus(DkimStatus.likely).setNode(CheckStatus.present);
                    b.getDmarcBuilder().setStatus(CheckStatus.invalid).setInvalidReason("no p=");
                    b.getMtaStsBuilder().setStatus(CheckStatus.present).setPolicyStatus(CheckStatus.invalid);
                    b.getSecurityTxtBuilder().setStatus(SecurityTxtStatus.present_invalid);
                    b.getM365Builder().setStatus(CheckStatus.present).setTenantId("tenant-1");
                }),
                domain(SCAN, "c.ch", b -> {
                    b.setStatus(DomainStatus.nxdomain);
                    b.getNsBuilder().setStatus(CheckStatus.not_checked);
                    b.getMxBuilder().setStatus(CheckStatus.not_checked);
                }),
                domain(SCAN, "d.ch", b -> {
                    b.setStatus(DomainStatus.error);
                    b.getNsBuilder().setStatus(CheckStatus.error);
                    b.getMxBuilder().setStatus(CheckStatus.error);
                }),
                domain(SCAN, "e.ch", b -> {
                    b.getNsBuilder().setProviders(List.of("hostpoint.ch"));
                    mx(b, host("."));
                    b.getMxBuilder().setNullMx(true);
                    spf(b, SpfAll.fail, "v=spf1 -all");
                    b.getSpfBuilder().setNoMail(true);
                    b.getDmarcBuilder().setStatus(CheckStatus.present).setP("reject");
                }),
                domain(SCAN, "f.ch", b -> {
                    b.getNsBuilder().setProviders(List.of("hostpoint.ch"));
                    mx(b, host("localhost.f.ch", "127.0.0.1"));
                    b.getMxBuilder().setLocalhost(true).setProviders(List.of("f.ch"));
                }),
                domain(SCAN, "g.ch", b -> {
                    // a forgotten localhost MX beside Exchange Online: still a mail domain
                    b.getNsBuilder().setProviders(List.of("hostpoint.ch"));
                    mx(b, host("g-ch.mail.protection.outlook.com", "192.0.2.7"), host("localhost", "127.0.0.1"));
                    b.getMxBuilder().setLocalhost(true).setProviders(List.of("outlook.com"));
                    spf(b, SpfAll.fail, "v=spf1 include:spf.protection.outlook.com -all");
                    b.getDkimBuilder().setStatus(DkimStatus.found).setNode(CheckStatus.present);
                    b.getDmarcBuilder().setStatus(CheckStatus.present).setP("none");
                    b.getBimiBuilder().setStatus(CheckStatus.present);
                    b.getM365Builder().setStatus(CheckStatus.present).setTenantId("tenant-2");
                }),
                domain(SCAN, "xn--h-1ga.ch", b -> {
                    b.getNsBuilder().setProviders(List.of("hostpoint.ch"));
                    b.getDnssecBuilder().setSigned(CheckStatus.present).setValidation(DnssecStatus.bogus);
                }),
                domain(SCAN, "i.ch", b -> {
                    b.getNsBuilder().setProviders(List.of("hostpoint.ch"));
                    mx(b, host("mx1.i.ch", "192.0.2.9"), host("mx2.i.ch", "192.0.2.10"));
                    b.getMxBuilder().setProviders(List.of("hostpoint.ch", "i.ch"));
                    spf(b, SpfAll.none, "v=spf1 redirect=_spf.i.ch");
                    b.getSpfBuilder().setRedirect("_spf.i.ch").setPermerror("void lookup limit");
                    b.getDmarcBuilder().setStatus(CheckStatus.present).setP("quarantine");
                    b.getMtaStsBuilder().setStatus(CheckStatus.present).setPolicyStatus(CheckStatus.present)
                            .setMode("enforce").setMxMatch(true);
                }));
    }

    private static List<MailServerResult> servers() {
        return List.of(
                tlsServer(SCAN, "mx1.a.ch", "192.0.2.1", SmtpSoftware.postfix, "Let's Encrypt")
                        .setTlsaStatus(CheckStatus.present).setTlsaDnssec(DnssecStatus.secure).setDaneValid(true).build(),
                tlsServer(SCAN, "mx2.a.ch", "192.0.2.2", SmtpSoftware.postfix, "Let's Encrypt")
                        .setTlsaStatus(CheckStatus.present).setTlsaDnssec(DnssecStatus.secure).setDaneValid(true).build(),
                // b.ch: reached over IPv4, no STARTTLS; its IPv6 address was never probed
                server(SCAN, "mx.b.ch", "192.0.2.3", SmtpSoftware.exim).build(),
                tlsServer(SCAN, "g-ch.mail.protection.outlook.com", "192.0.2.7", SmtpSoftware.exchange, "DigiCert Inc")
                        .build(),
                // i.ch: one host with TLS and DANE, the other timed out
                tlsServer(SCAN, "mx1.i.ch", "192.0.2.9", SmtpSoftware.sendmail, "Let's Encrypt")
                        .setTlsaStatus(CheckStatus.present).setTlsaDnssec(DnssecStatus.secure).setDaneValid(true).build(),
                server(SCAN, "mx2.i.ch", "192.0.2.10", SmtpSoftware.unknown)
                        .setConnect(io.mailcensus.schemas.ConnectStatus.timeout).build(),
                // the same host in another scan must not leak into this one
                tlsServer(OLD_SCAN, "mx.b.ch", "192.0.2.3", SmtpSoftware.exim, "Old CA").build());
    }

    private static List<DomainResult> oldScan() {
        return List.of(
                domain(OLD_SCAN, "b.ch", b -> {
                    // then at another host, never probed
                    mx(b, host("mx.old-b.ch", "192.0.2.30"));
                    spf(b, SpfAll.pass, "v=spf1 +all");
                }),
                domain(OLD_SCAN, "z.ch", b -> b.getCaaBuilder().setStatus(CheckStatus.present)));
    }

    @Test
    void countsEveryDomainOnceAndSizesTheBases() {
        assertThat(report.scan()).isEqualTo(new ScanInfo(SCAN, T0, T0.plusSeconds(3600), 9));
        assertThat(report.bases()).containsExactlyInAnyOrderEntriesOf(
                Map.of(Base.ALL, 9L, Base.MX, 6L, Base.MAIL, 4L, Base.STARTTLS, 3L));
    }

    @Test
    void everyMetricHasItsExactCount() {
        Map<String, Long> expected = new LinkedHashMap<>();
        expected.put("domains.total", 9L);
        expected.put("domains.error", 1L);
        expected.put("dnssec.signed", 2L);
        expected.put("dnssec.secure", 1L);
        expected.put("dnssec.bogus", 1L);
        expected.put("idn", 1L);
        expected.put("caa", 1L);
        expected.put("security_txt.valid", 1L);
        expected.put("security_txt.present", 2L);
        expected.put("m365.tenant", 3L);
        expected.put("m365.tenants_unique", 2L);
        expected.put("autodiscover", 1L);
        expected.put("lyncdiscover", 0L);
        expected.put("sip_federation", 0L);
        expected.put("mx.present", 6L);
        expected.put("mx.null", 1L);
        expected.put("mx.localhost", 2L);
        expected.put("starttls.all", 2L);
        expected.put("starttls.some", 1L);
        expected.put("starttls.none", 1L);
        expected.put("starttls.unreachable", 0L);
        expected.put("starttls.no_usable_mx", 2L);
        expected.put("smtp.software.exim", 1L);
        expected.put("smtp.software.postfix", 1L);
        expected.put("smtp.software.exchange", 1L);
        expected.put("smtp.software.sendmail", 1L);
        expected.put("smtp.software.other", 0L);
        expected.put("smtp.software.hidden", 0L);
        expected.put("spf.present", 5L);
        expected.put("spf.all.fail", 3L);
        expected.put("spf.all.softfail", 1L);
        expected.put("spf.all.neutral", 0L);
        expected.put("spf.all.pass", 0L);
        expected.put("spf.redirect", 1L);
        expected.put("spf.no_mail", 2L);
        expected.put("spf.multiple", 1L);
        expected.put("spf.too_many_lookups", 1L);
        expected.put("spf.permerror", 2L);
        expected.put("dkim.found", 2L);
        expected.put("dkim.likely", 3L);
        expected.put("dmarc.present", 4L);
        expected.put("dmarc.p.none", 1L);
        expected.put("dmarc.p.quarantine", 1L);
        expected.put("dmarc.p.reject", 2L);
        expected.put("dmarc.rua", 1L);
        expected.put("dmarc.invalid", 1L);
        expected.put("dane.present", 2L);
        expected.put("dane.all", 1L);
        expected.put("dane.valid", 1L);
        expected.put("mta_sts.record", 3L);
        expected.put("mta_sts.policy_valid", 2L);
        expected.put("mta_sts.enforce", 2L);
        expected.put("mta_sts.effective", 1L);
        expected.put("tls_rpt", 1L);
        expected.put("bimi.record", 2L);
        expected.put("bimi.certificate", 1L);

        var actual = new LinkedHashMap<String, Long>();
        report.metrics().forEach((key, metric) -> actual.put(key, metric.count()));
        assertThat(actual).containsExactlyEntriesOf(expected);
    }

    @Test
    void sharesAreOfTheRightBase() {
        // d.ch ended in error: its MX is unknown, not "no MX"
        assertThat(report.metrics().get("mx.present")).isEqualTo(new Metric(6, Base.ALL, 9L, 66.67, 1, Coverage.PARTIAL));
        assertThat(report.metrics().get("spf.present")).isEqualTo(new Metric(5, Base.MX, 6L, 83.33));
        assertThat(report.metrics().get("m365.tenants_unique")).isEqualTo(Metric.countOnly(2));
    }

    @Test
    void aDomainWhoseScanEndedInErrorIsUnknownForEveryCheckOfTheBaseAll() {
        for (String key : List.of("caa", "dnssec.signed", "dnssec.secure", "security_txt.valid", "m365.tenant",
                "autodiscover", "mx.present")) {
            assertThat(report.metrics().get(key).unknown()).as(key).isEqualTo(1);
        }
        assertThat(report.metrics().get("idn").unknown()).isZero();
        assertThat(report.unreached(io.mailcensus.report.catalog.Section.OVERVIEW).notReached()).isEqualTo(1);
        // every domain of `mx` was decided for SPF, and every mail host decided something
        assertThat(report.metrics().get("spf.present").coverage()).isEqualTo(Coverage.MEASURED);
        assertThat(report.metrics().get("starttls.all").coverage()).isEqualTo(Coverage.MEASURED);
    }

    @Test
    void breakdownsRankProvidersSoftwareAndIssuersAndEndInTheRestOfTheBase() {
        assertThat(report.breakdowns().get("ns.provider")).containsExactly(
                new BreakdownEntry("hostpoint.ch", 6, 66.67), new BreakdownEntry("infomaniak.com", 1, 11.11),
                new BreakdownEntry("other", 2, 22.22));
        assertThat(report.breakdowns().get("mx.provider")).containsExactly(
                new BreakdownEntry("hostpoint.ch", 2, 33.33),
                new BreakdownEntry("f.ch", 1, 16.67),
                new BreakdownEntry("i.ch", 1, 16.67),
                new BreakdownEntry("infomaniak.com", 1, 16.67),
                new BreakdownEntry("mail.protection.outlook.com", 1, 16.67),
                new BreakdownEntry("other", 1, 16.67)); // e.ch, null MX
        assertThat(report.breakdowns().get("smtp.software")).containsExactly(
                new BreakdownEntry("exchange", 1, 16.67),
                new BreakdownEntry("exim", 1, 16.67),
                new BreakdownEntry("postfix", 1, 16.67),
                new BreakdownEntry("sendmail", 1, 16.67),
                new BreakdownEntry("other", 2, 33.33));
        assertThat(report.breakdowns().get("tls.issuer_org")).containsExactly(
                new BreakdownEntry("Let's Encrypt", 2, 66.67), new BreakdownEntry("DigiCert Inc", 1, 33.33),
                new BreakdownEntry("other", 0, 0.0));
    }

    @Test
    void brandBreakdownsGroupByOperatorFromTheDataFile() {
        assertThat(report.breakdowns().get("ns.brand")).containsExactly(
                new BreakdownEntry("Hostpoint", 6, 66.67), new BreakdownEntry("Infomaniak", 1, 11.11),
                new BreakdownEntry("other", 2, 22.22));
        assertThat(report.breakdowns().get("mx.brand")).containsExactly(
                new BreakdownEntry("Hostpoint", 2, 33.33),
                new BreakdownEntry("Exchange Online", 1, 16.67),
                new BreakdownEntry("Infomaniak", 1, 16.67),
                new BreakdownEntry("f.ch", 1, 16.67),
                new BreakdownEntry("i.ch", 1, 16.67),
                new BreakdownEntry("other", 1, 16.67));
        assertThat(report.breakdowns().get("tls.issuer_brand")).containsExactly(
                new BreakdownEntry("Let's Encrypt", 2, 66.67), new BreakdownEntry("DigiCert", 1, 33.33),
                new BreakdownEntry("other", 0, 0.0));
    }

    @Test
    void aUsersBrandFileIsTriedBeforeTheBuiltInOne(@TempDir Path dir) throws Exception {
        Path mine = dir.resolve("brands.tsv");
        java.nio.file.Files.writeString(mine, "# ours\nmx\ti.ch\tHostpoint\nissuer\tencrypt\tISRG\n");
        Report ours = new ReportBuilder(store, 10, io.mailcensus.report.catalog.Brands.builtIn().withFile(mine)).build(SCAN);
        assertThat(ours.breakdowns().get("mx.brand").getFirst()).isEqualTo(new BreakdownEntry("Hostpoint", 2, 33.33));
        assertThat(ours.breakdowns().get("tls.issuer_brand").getFirst()).isEqualTo(new BreakdownEntry("ISRG", 2, 66.67));
    }

    @Test
    void topNCutsBreakdowns() {
        Report top2 = new ReportBuilder(store, 2).build(SCAN);
        assertThat(top2.breakdowns().get("mx.provider")).extracting(BreakdownEntry::name, BreakdownEntry::count)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("hostpoint.ch", 2L),
                        org.assertj.core.groups.Tuple.tuple("f.ch", 1L), org.assertj.core.groups.Tuple.tuple("other", 3L));
    }

    @Test
    void aScanWithoutProbedMailServersHasZeroForTheJoinedMetricsAndEveryKey() throws Exception {
        Report old = new ReportBuilder(store).build(OLD_SCAN);
        assertThat(old.metrics().get("domains.total").count()).isEqualTo(2);
        assertThat(old.metrics().get("spf.all.pass").count()).isEqualTo(1);
        assertThat(old.metrics().get("caa").count()).isEqualTo(1);
        for (String key : List.of("starttls.all", "starttls.none", "smtp.software.exim", "dane.present",
                "mta_sts.effective")) {
            assertThat(old.metrics().get(key).count()).as(key).isZero();
        }

        JsonNode json = new ObjectMapper().readTree(ReportFormat.JSON.render(old));
        for (MetricDefinition metric : MetricCatalog.metrics()) {
            assertThat(json.get("metrics").has(metric.key())).as(metric.key()).isTrue();
        }
        assertThat(json.get("breakdowns").get("tls.issuer_org").toString()).isEqualTo("[{\"name\":\"other\",\"count\":0,\"pct\":0.0}]");
    }

    @Test
    void latestScanIsTheOneStartedLast() {
        assertThat(new ReportBuilder(store).latestScanId()).contains(SCAN);
    }

    @Test
    void anUnknownScanIsAnError() {
        assertThatThrownBy(() -> new ReportBuilder(store).build("no-such-scan"))
                .isInstanceOf(ScanNotFoundException.class);
    }

    @Test
    void aScanIdWithQuotesIsOnlyEverALiteral() {
        assertThatThrownBy(() -> new ReportBuilder(store).build("x' OR '1'='1"))
                .isInstanceOf(ScanNotFoundException.class);
    }

    @Test
    void everyFormatRendersTheRealReport() {
        assertThat(ReportFormat.TEXT.render(report)).contains("starttls.some").contains("hostpoint.ch");
        assertThat(ReportFormat.MD.render(report)).contains("| `dane.valid` | 1 | 16.67 |  | mx (6) |");
        assertThat(ReportFormat.JSON.render(report)).contains("\"compare\" : null");
    }
}
