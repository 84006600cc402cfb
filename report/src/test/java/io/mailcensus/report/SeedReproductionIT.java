package io.mailcensus.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mailcensus.core.port.ScanRecord;
import io.mailcensus.report.bench.SeedPopulation;
import io.mailcensus.report.format.ReportFormat;
import io.mailcensus.report.trend.Trend;
import io.mailcensus.report.trend.TrendBuilder;
import io.mailcensus.report.trend.TrendFormatter;
import io.mailcensus.store.ChdbStore;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seed's published figures (Swiss Domain Security Report Q4 2023: 2,516,443 .ch domains),
 * reproduced by the report's SQL on the embedded engine: 25,164 generated domains (1 in 100)
 * with the seed's proportions, each on the base its slide uses (the mail slides are "of domains
 * with MX"). Nothing in the report knows these numbers; the rows are generated from them
 * ({@link SeedPopulation}) and the report counts the rows.
 *
 * <p>An earlier scan (the seed's previous report: DMARC 7.8%, DANE 28.3%) gives the seed's trend
 * sentences, and the Q4 scan is delivered over two days as a rolling rescan would be.
 */
class SeedReproductionIT {

    private static final int DOMAINS = 25_164;
    private static final String Q4 = "2023-q4";
    private static final String EARLIER = "2022-q3";
    private static final Instant EARLIER_DAY = Instant.parse("2022-10-01T12:00:00Z");
    private static final Instant Q4_DAY1 = Instant.parse("2023-11-01T12:00:00Z");
    private static final Instant Q4_DAY2 = Instant.parse("2023-11-02T12:00:00Z");

    /** The slides' percentages as printed, by report.md key. */
    private static final Map<String, String> SLIDES = slides();

    @TempDir
    static Path dataDir;

    private static ChdbStore store;
    private static SeedPopulation population;
    private static Report report;
    private static Report earlier;

    @BeforeAll
    static void generateTheSeedPopulation() {
        store = ChdbStore.open(dataDir);
        store.migrate();
        population = SeedPopulation.q4_2023(DOMAINS);
        // The earlier scan: DMARC and DANE as the seed's trend sentences give them; the policies
        // and rua shrink with DMARC (the seed does not give them for that scan).
        SeedPopulation before = SeedPopulation.q4_2023(DOMAINS, Map.of(
                "dmarc.present", 7.80, "dmarc.p.none", 4.00, "dmarc.p.reject", 2.00, "dmarc.rua", 2.50,
                "dane.present", 28.30));
        store.upsertScan(new ScanRecord(EARLIER, EARLIER_DAY.minusSeconds(3600), EARLIER_DAY, "finished", "ch.txt",
                DOMAINS, DOMAINS, 0, EARLIER_DAY));
        store.upsertScan(new ScanRecord(Q4, Q4_DAY1.minusSeconds(3600), Q4_DAY2, "finished", "ch.txt",
                DOMAINS, DOMAINS, 0, Q4_DAY2));
        insert(before, EARLIER, i -> EARLIER_DAY);
        // A rolling rescan: the first half of the domains on day 1, the rest on day 2.
        insert(population, Q4, i -> i < DOMAINS / 2 ? Q4_DAY1 : Q4_DAY2);

        ReportBuilder builder = new ReportBuilder(store);
        report = builder.build(Q4);
        earlier = builder.build(EARLIER);
    }

    private static void insert(SeedPopulation population, String scan, java.util.function.IntFunction<Instant> at) {
        for (int from = 0; from < DOMAINS; from += 10_000) {
            var batch = population.batch(scan, from, Math.min(DOMAINS, from + 10_000), at);
            store.insertDomainResults(batch.domains());
            store.insertMailServerResults(batch.servers());
        }
    }

    @AfterAll
    static void closeStore() {
        if (store != null) {
            store.close();
        }
    }

    @Test
    void printsEveryPercentageOfTheSeedsSlidesToTwoDecimals() {
        assertThat(report.scan().domains()).isEqualTo(DOMAINS);
        var printed = new LinkedHashMap<String, String>();
        SLIDES.keySet().forEach(key -> printed.put(key, String.format(java.util.Locale.ROOT, "%.2f",
                report.metrics().get(key).pct())));
        assertThat(printed).containsExactlyEntriesOf(SLIDES);
        // ... on the base each slide uses
        assertThat(report.metrics().get("mx.present").base().label()).isEqualTo("all");
        assertThat(report.metrics().get("spf.present").base().label()).isEqualTo("mx");
        assertThat(report.metrics().get("spf.present").baseCount()).isEqualTo(population.count("mx.present"));
    }

    @Test
    void theTextReportPrintsTheSeedsHeadlineFigures() {
        String text = ReportFormat.TEXT.render(report);
        assertThat(text).contains("70.76", "78.80", "78.13", "11.26", "30.06");
    }

    @Test
    void providerBreakdownsFollowTheSlides() {
        assertThat(report.breakdowns().get("ns.provider").subList(0, 6))
                .extracting(BreakdownEntry::name, BreakdownEntry::pct)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("hostpoint.ch", 13.75), // slide: 13.7% (346,097)
                        org.assertj.core.groups.Tuple.tuple("infomaniak.com", 5.51),
                        org.assertj.core.groups.Tuple.tuple("cyon.ch", 3.23),
                        org.assertj.core.groups.Tuple.tuple("hoststar.ch", 2.94),
                        org.assertj.core.groups.Tuple.tuple("jimdo.com", 1.39),
                        org.assertj.core.groups.Tuple.tuple("azure-dns.com", 0.23));
        assertThat(report.breakdowns().get("ns.provider").getFirst().pct()).isCloseTo(13.7, within(0.1));
        assertThat(report.breakdowns().get("mx.provider").subList(0, 6))
                .extracting(BreakdownEntry::name, BreakdownEntry::pct)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("hostpoint.ch", 18.78),
                        org.assertj.core.groups.Tuple.tuple("infomaniak.com", 7.70), // slide: 7.7%
                        org.assertj.core.groups.Tuple.tuple("mail.protection.outlook.com", 7.02),
                        org.assertj.core.groups.Tuple.tuple("jimdo.com", 1.78),
                        org.assertj.core.groups.Tuple.tuple("pphosted.com", 0.04),
                        org.assertj.core.groups.Tuple.tuple("mimecast.com", 0.02));
        BreakdownEntry issuer = report.breakdowns().get("tls.issuer_org").getFirst();
        assertThat(issuer.name()).isEqualTo("DigiCert Inc");
        assertThat(report.breakdowns().get("tls.issuer_org"))
                .filteredOn(entry -> entry.name().equals("Let's Encrypt"))
                .singleElement().satisfies(entry -> assertThat(entry.pct()).isGreaterThan(13.0)); // "Over 13%"
    }

    /** Where report.md defines a figure differently from the seed, the comparable part. */
    @Test
    void figuresThatReportMdDefinesDifferently() {
        long mx = population.count("mx.present");
        // starttls.none: only domains with a usable MX host that answered (the seed's 18.90% is
        // 100% - all - some, null MX and localhost included)
        long usable = mx - population.count("mx.null") - population.count("mx.localhost");
        long none = usable - population.count("starttls.all") - population.count("starttls.some");
        assertThat(report.metrics().get("starttls.none").count()).isEqualTo(none);
        assertThat(report.metrics().get("starttls.none").pct() + report.metrics().get("mx.null").pct()
                + report.metrics().get("mx.localhost").pct()).isCloseTo(18.90, within(0.02));
        // dkim.likely includes the found keys: the seed's 7.08% + 64.54%
        assertThat(report.metrics().get("dkim.likely").pct()).isCloseTo(7.08 + 64.54, within(0.01));
        // a policy counts only on a valid record: quarantine is the rest (seed 2.68%, whose three
        // policies add up to more than its DMARC records)
        assertThat(report.metrics().get("dmarc.p.quarantine").count()).isEqualTo(population.count("dmarc.present")
                - population.count("dmarc.p.none") - population.count("dmarc.p.reject"));
        // 110,657 unique tenants, 1 in 100
        assertThat(report.metrics().get("m365.tenants_unique").count()).isEqualTo(1107);
        assertThat(report.metrics().get("m365.tenants_unique").pct()).isNull();
    }

    @Test
    void compareGivesTheSeedsTrendSentencesInPercentagePoints() {
        Report compared = report.comparedTo(earlier);
        // "DMARC has improved from 7.8% to 11.26%", "DANE has improved from 28.3% to 30.06%"
        assertThat(compared.compare().metrics().get("dmarc.present").pct()).isEqualTo(7.80);
        assertThat(compared.compare().metrics().get("dmarc.present").points()).isEqualTo(3.46);
        assertThat(compared.compare().metrics().get("dane.present").pct()).isEqualTo(28.30);
        assertThat(compared.compare().metrics().get("dane.present").points()).isEqualTo(1.76);
        assertThat(compared.compare().metrics().get("mx.present").points()).isEqualTo(0.0);
        assertThat(compared.compare().metrics()).hasSize(report.metrics().size());
    }

    @Test
    void jsonCompareCarriesTheOtherScanAndThePoints() throws Exception {
        JsonNode json = new ObjectMapper().readTree(ReportFormat.JSON.render(report.comparedTo(earlier)));
        assertThat(json.get("compare").get("scan").get("id").asText()).isEqualTo(EARLIER);
        JsonNode dmarc = json.get("compare").get("metrics").get("dmarc.present");
        assertThat(dmarc.get("pct").asDouble()).isEqualTo(7.80);
        assertThat(dmarc.get("points").asDouble()).isEqualTo(3.46);
        assertThat(json.get("metrics").get("dmarc.present").get("pct").asDouble()).isEqualTo(11.26);
        assertThat(new ObjectMapper().readTree(ReportFormat.JSON.render(report)).get("compare").isNull()).isTrue();
    }

    @Test
    void trendHasEveryScanOldestFirstAndTheRollingDays() {
        Trend trend = new TrendBuilder(store, 10).build();
        assertThat(trend.scans()).extracting(r -> r.scan().id()).containsExactly(EARLIER, Q4);
        assertThat(trend.days()).extracting(r -> r.scan().id()).containsExactly("2022-10-01", "2023-11-01", "2023-11-02");

        Report firstDay = trend.days().get(0);
        Report midway = trend.days().get(1);
        Report lastDay = trend.days().get(2);
        assertThat(firstDay.metrics().get("dmarc.present").pct()).isEqualTo(7.80);
        // day 1: half the domains rescanned, so DMARC is between the two scans; every domain counts once
        assertThat(midway.scan().domains()).isEqualTo(DOMAINS);
        assertThat(midway.metrics().get("dmarc.present").pct()).isStrictlyBetween(7.80, 11.26);
        // day 2: every domain's latest result is the Q4 one: the same figures as the Q4 scan's report
        // (counts, bases and coverage: the daily series says what it could not decide, as the report does)
        lastDay.metrics().forEach((key, metric) -> assertThat(metric)
                .as(key)
                .extracting(Metric::count, Metric::base, Metric::baseCount, Metric::unknown, Metric::coverage)
                .containsExactly(report.metrics().get(key).count(), report.metrics().get(key).base(),
                        report.metrics().get(key).baseCount(), report.metrics().get(key).unknown(),
                        report.metrics().get(key).coverage()));
        assertThat(lastDay.metrics()).containsKeys("dmarc.present", "spf.present", "mx.null", "m365.tenants_unique")
                .doesNotContainKeys("starttls.all", "dane.present");

        assertThat(TrendFormatter.text(trend)).contains("2022-q3", "2023-q4", "2023-11-02", "7.80", "11.26");
        assertThat(TrendFormatter.markdown(trend)).contains("| `dmarc.present` | 7.80 | 11.26 |");
    }

    private static Map<String, String> slides() {
        var s = new LinkedHashMap<String, String>();
        s.put("dnssec.signed", "48.34");
        s.put("idn", "2.66");
        s.put("mx.present", "70.76");
        s.put("caa", "1.36");
        s.put("security_txt.present", "4.73");
        s.put("m365.tenant", "5.76");
        s.put("mx.null", "1.62");
        s.put("mx.localhost", "1.59");
        s.put("starttls.all", "78.80");
        s.put("starttls.some", "2.30");
        s.put("smtp.software.exim", "30.15");
        s.put("smtp.software.postfix", "17.83");
        s.put("smtp.software.exchange", "6.29");
        s.put("smtp.software.sendmail", "0.08");
        s.put("spf.present", "78.13");
        s.put("spf.all.fail", "24.52");
        s.put("spf.all.softfail", "30.82");
        s.put("spf.redirect", "17.15");
        s.put("spf.no_mail", "2.99");
        s.put("spf.multiple", "0.36");
        s.put("dkim.found", "7.08");
        s.put("dmarc.present", "11.26");
        s.put("dmarc.p.none", "5.78");
        s.put("dmarc.p.reject", "2.97");
        s.put("dmarc.rua", "3.51");
        s.put("dane.present", "30.06");
        s.put("mta_sts.record", "0.05");
        s.put("tls_rpt", "0.04");
        s.put("bimi.record", "0.03");
        s.put("bimi.certificate", "0.00"); // "only 14 with a Certificate": 14 of 1,780,602
        return s;
    }
}
