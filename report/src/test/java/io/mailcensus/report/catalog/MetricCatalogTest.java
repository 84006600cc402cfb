package io.mailcensus.report.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailcensus.report.sql.SqlFiles;
import io.mailcensus.report.sql.SqlTemplate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class MetricCatalogTest {

    /** report.md's metrics table, row by row, with "a / b" and ".x / .y" rows spelled out. */
    private static final List<String> REPORT_MD_KEYS = List.of(
            "domains.total", "domains.error",
            "dnssec.signed", "dnssec.secure", "dnssec.bogus",
            "idn", "caa",
            "security_txt.valid", "security_txt.present",
            "m365.tenant", "m365.tenants_unique",
            "autodiscover", "lyncdiscover", "sip_federation",
            "mx.present", "mx.null", "mx.localhost",
            "starttls.all", "starttls.some", "starttls.none", "starttls.unreachable", "starttls.no_usable_mx",
            "smtp.software.exim", "smtp.software.postfix", "smtp.software.exchange",
            "smtp.software.sendmail", "smtp.software.other", "smtp.software.hidden",
            "spf.present", "spf.all.fail", "spf.all.softfail", "spf.all.neutral", "spf.all.pass",
            "spf.redirect", "spf.no_mail", "spf.multiple", "spf.too_many_lookups", "spf.permerror",
            "dkim.found", "dkim.likely",
            "dmarc.present", "dmarc.p.none", "dmarc.p.quarantine", "dmarc.p.reject", "dmarc.rua", "dmarc.invalid",
            "dane.present", "dane.all", "dane.valid",
            "mta_sts.record", "mta_sts.policy_valid", "mta_sts.enforce", "mta_sts.effective",
            "tls_rpt",
            "bimi.record", "bimi.certificate");

    private static final Pattern ALIAS = Pattern.compile("AS `([^`]+)`");

    @Test
    void metricKeysAreExactlyReportMdsTableInItsOrder() {
        assertThat(MetricCatalog.metrics()).extracting(MetricDefinition::key).containsExactlyElementsOf(REPORT_MD_KEYS);
    }

    @Test
    void basesAreReportMdsAndOnlyTheDistinctTenantCountHasNone() {
        assertThat(base("domains.error")).isEqualTo(Base.ALL);
        assertThat(base("mx.present")).isEqualTo(Base.ALL);
        assertThat(base("mx.null")).isEqualTo(Base.MX);
        assertThat(base("starttls.some")).isEqualTo(Base.MX);
        assertThat(base("dmarc.p.reject")).isEqualTo(Base.MX);
        assertThat(base("bimi.certificate")).isEqualTo(Base.MX);
        assertThat(MetricCatalog.metrics()).filteredOn(MetricDefinition::countOnly)
                .extracting(MetricDefinition::key).containsExactly("m365.tenants_unique");
        assertThat(MetricCatalog.metrics()).filteredOn(metric -> metric.section() == Section.OVERVIEW)
                .allMatch(metric -> metric.base() == null || metric.base() == Base.ALL);
    }

    @Test
    void breakdownsAreReportMdsWithTheirBases() {
        assertThat(MetricCatalog.breakdowns()).extracting(BreakdownDefinition::name, BreakdownDefinition::base)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("ns.provider", Base.ALL),
                        org.assertj.core.groups.Tuple.tuple("mx.provider", Base.MX),
                        org.assertj.core.groups.Tuple.tuple("smtp.software", Base.MX),
                        org.assertj.core.groups.Tuple.tuple("tls.issuer_org", Base.STARTTLS),
                        org.assertj.core.groups.Tuple.tuple("ns.brand", Base.ALL),
                        org.assertj.core.groups.Tuple.tuple("mx.brand", Base.MX),
                        org.assertj.core.groups.Tuple.tuple("tls.issuer_brand", Base.STARTTLS));
    }

    @Test
    void everyMetricIsComputedByItsOwnSqlFileAndByNoOther() {
        for (MetricDefinition metric : MetricCatalog.metrics()) {
            for (String file : MetricCatalog.metricFiles()) {
                long times = aliases(file).stream().filter(metric.key()::equals).count();
                assertThat(times)
                        .as("%s in %s", metric.key(), file)
                        .isEqualTo(file.equals(metric.sqlFile()) ? 1 : 0);
            }
        }
    }

    @Test
    void everyBaseSizeIsComputedByExactlyOneMetricFile() {
        for (Base base : Base.values()) {
            long files = MetricCatalog.metricFiles().stream()
                    .filter(file -> aliases(file).contains(base.column()))
                    .count();
            assertThat(files).as(base.column()).isEqualTo(1);
        }
    }

    @Test
    void metricFilesProduceNoColumnThatIsNeitherAMetricNorABaseNorCoverage() {
        var known = new ArrayList<>(REPORT_MD_KEYS);
        Stream.of(Base.values()).map(Base::column).forEach(known::add);
        REPORT_MD_KEYS.forEach(key -> known.add("unknown." + key));
        for (String file : MetricCatalog.metricFiles()) {
            assertThat(aliases(file).stream().filter(alias -> !alias.startsWith("unreached.")))
                    .as(file).isSubsetOf(known);
        }
    }

    @Test
    void everyShareMetricHasItsUnknownColumnInItsOwnFile() {
        for (MetricDefinition metric : MetricCatalog.metrics()) {
            if (!metric.countOnly()) {
                assertThat(aliases(metric.sqlFile())).as(metric.key()).containsOnlyOnce("unknown." + metric.key());
            }
        }
    }

    @Test
    void everyFileReadsResultsWithFinalAndTakesOnlyTheScanAndTopParameters() {
        var files = new ArrayList<>(MetricCatalog.metricFiles());
        MetricCatalog.breakdowns().forEach(breakdown -> files.add(breakdown.sqlFile()));
        files.add("scan.sql");
        for (String file : files) {
            SqlTemplate sql = SqlFiles.load(file);
            assertThat(sql.parameters()).as(file).contains("scan").isSubsetOf("scan", "top", "ns_patterns", "ns_brands",
                    "mx_patterns", "mx_brands", "issuer_patterns", "issuer_brands");
            String code = withoutComments(sql.text());
            assertThat(occurrences(code, "domain_results")).as(file).isEqualTo(occurrences(code, "domain_results FINAL"));
            assertThat(occurrences(code, "mail_server_results"))
                    .as(file)
                    .isEqualTo(occurrences(code, "mail_server_results FINAL"));
        }
        MetricCatalog.breakdowns()
                .forEach(breakdown -> assertThat(SqlFiles.load(breakdown.sqlFile()).parameters()).contains("top"));
    }

    private static Base base(String key) {
        return MetricCatalog.metrics().stream().filter(m -> m.key().equals(key)).findFirst().orElseThrow().base();
    }

    private static List<String> aliases(String file) {
        Matcher matcher = ALIAS.matcher(withoutComments(SqlFiles.load(file).text()));
        var aliases = new ArrayList<String>();
        while (matcher.find()) {
            aliases.add(matcher.group(1));
        }
        return aliases;
    }

    private static String withoutComments(String sql) {
        return sql.replaceAll("--[^\n]*", "");
    }

    private static int occurrences(String text, String word) {
        return text.split(Pattern.quote(word), -1).length - 1;
    }
}
