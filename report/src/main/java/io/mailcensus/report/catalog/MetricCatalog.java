package io.mailcensus.report.catalog;

import static io.mailcensus.report.catalog.Base.ALL;
import static io.mailcensus.report.catalog.Base.MX;
import static io.mailcensus.report.catalog.Base.STARTTLS;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.SequencedSet;

/**
 * Every metric and breakdown of report.md, in its order. The SQL that computes each one lives in
 * the named file under {@code io/mailcensus/report/sql/}; each file documents its definitions.
 */
public final class MetricCatalog {

    private static final String OVERVIEW = "overview.sql";
    private static final String DNSSEC = "dnssec_ns.sql";
    private static final String MX_SQL = "mx.sql";
    private static final String STARTTLS_SQL = "starttls.sql";
    private static final String AUTH = "spf_dkim_dmarc.sql";
    private static final String DANE = "dane.sql";
    private static final String MTA_STS = "mta_sts_tlsrpt.sql";
    private static final String BIMI = "bimi.sql";

    private static final List<MetricDefinition> METRICS = List.of(
            overview("domains.total", ALL, "Domains in the scan"),
            overview("domains.error", ALL, "Scan ended in error"),
            m("dnssec.signed", ALL, Section.DNSSEC_NS, DNSSEC, "DNSSEC signed (DS at parent)"),
            m("dnssec.secure", ALL, Section.DNSSEC_NS, DNSSEC, "DNSSEC validates: secure"),
            m("dnssec.bogus", ALL, Section.DNSSEC_NS, DNSSEC, "DNSSEC validates: bogus"),
            overview("idn", ALL, "IDN (xn-- label)"),
            overview("caa", ALL, "CAA record"),
            overview("security_txt.valid", ALL, "security.txt valid (RFC 9116)"),
            overview("security_txt.present", ALL, "security.txt present"),
            overview("m365.tenant", ALL, "Microsoft 365 tenant"),
            overview("m365.tenants_unique", null, "Distinct Microsoft 365 tenants"),
            overview("autodiscover", ALL, "Autodiscover record"),
            overview("lyncdiscover", ALL, "Lyncdiscover record"),
            overview("sip_federation", ALL, "SIP federation record"),
            m("mx.present", ALL, Section.MX, MX_SQL, "At least one MX"),
            m("mx.null", MX, Section.MX, MX_SQL, "Null MX (RFC 7505)"),
            m("mx.localhost", MX, Section.MX, MX_SQL, "MX to localhost"),
            starttls("starttls.all", "STARTTLS on all MX hosts"),
            starttls("starttls.some", "STARTTLS on some MX hosts"),
            starttls("starttls.none", "STARTTLS on no MX host"),
            starttls("starttls.unreachable", "No MX host could be asked"),
            starttls("starttls.no_usable_mx", "No usable MX (null MX, localhost)"),
            starttls("smtp.software.exim", "SMTP software: Exim"),
            starttls("smtp.software.postfix", "SMTP software: Postfix"),
            starttls("smtp.software.exchange", "SMTP software: Exchange"),
            starttls("smtp.software.sendmail", "SMTP software: Sendmail"),
            starttls("smtp.software.other", "SMTP software: other"),
            starttls("smtp.software.hidden", "SMTP software: hidden"),
            auth("spf.present", "SPF record"),
            auth("spf.all.fail", "SPF -all"),
            auth("spf.all.softfail", "SPF ~all"),
            auth("spf.all.neutral", "SPF ?all"),
            auth("spf.all.pass", "SPF +all"),
            auth("spf.redirect", "SPF redirect="),
            auth("spf.no_mail", "SPF exactly v=spf1 -all"),
            auth("spf.multiple", "SPF: several records"),
            auth("spf.too_many_lookups", "SPF: over 10 DNS lookups"),
            auth("spf.permerror", "SPF permerror"),
            auth("dkim.found", "DKIM key found"),
            auth("dkim.likely", "DKIM likely (_domainkey exists)"),
            auth("dmarc.present", "DMARC record (valid)"),
            auth("dmarc.p.none", "DMARC p=none"),
            auth("dmarc.p.quarantine", "DMARC p=quarantine"),
            auth("dmarc.p.reject", "DMARC p=reject"),
            auth("dmarc.rua", "DMARC rua="),
            auth("dmarc.invalid", "DMARC record invalid"),
            m("dane.present", MX, Section.DANE, DANE, "TLSA on at least one MX host"),
            m("dane.all", MX, Section.DANE, DANE, "TLSA on every MX host"),
            m("dane.valid", MX, Section.DANE, DANE, "DANE valid on every MX host"),
            mtaSts("mta_sts.record", "MTA-STS record"),
            mtaSts("mta_sts.policy_valid", "MTA-STS policy valid"),
            mtaSts("mta_sts.enforce", "MTA-STS enforce"),
            mtaSts("mta_sts.effective", "MTA-STS effective"),
            mtaSts("tls_rpt", "TLS-RPT record"),
            m("bimi.record", MX, Section.BIMI, BIMI, "BIMI record"),
            m("bimi.certificate", MX, Section.BIMI, BIMI, "BIMI with certificate (a=)"));

    private static final List<BreakdownDefinition> BREAKDOWNS = List.of(
            new BreakdownDefinition("ns.provider", ALL, Section.DNSSEC_NS, "ns_provider.sql", "NS provider"),
            new BreakdownDefinition("mx.provider", MX, Section.MX, "mx_provider.sql", "MX provider"),
            new BreakdownDefinition("smtp.software", MX, Section.STARTTLS, "smtp_software.sql", "SMTP software"),
            new BreakdownDefinition(
                    "tls.issuer_org", STARTTLS, Section.STARTTLS, "tls_issuer_org.sql", "TLS certificate issuer"),
            // the same grouped by operator (brands/brands.tsv, Brands)
            new BreakdownDefinition("ns.brand", ALL, Section.DNSSEC_NS, "ns_brand.sql", "NS operator"),
            new BreakdownDefinition("mx.brand", MX, Section.MX, "mx_brand.sql", "MX operator"),
            new BreakdownDefinition(
                    "tls.issuer_brand", STARTTLS, Section.STARTTLS, "tls_issuer_brand.sql", "TLS certificate issuer (operator)"));

    private MetricCatalog() {}

    /** Every metric of report.md, in its order. */
    public static List<MetricDefinition> metrics() {
        return METRICS;
    }

    public static List<BreakdownDefinition> breakdowns() {
        return BREAKDOWNS;
    }

    /** The SQL files that together compute every metric, each to be run once. */
    public static SequencedSet<String> metricFiles() {
        var files = new LinkedHashSet<String>();
        METRICS.forEach(metric -> files.add(metric.sqlFile()));
        return files;
    }

    public static List<MetricDefinition> metrics(Section section) {
        return METRICS.stream().filter(metric -> metric.section() == section).toList();
    }

    public static List<BreakdownDefinition> breakdowns(Section section) {
        return BREAKDOWNS.stream().filter(breakdown -> breakdown.section() == section).toList();
    }

    private static MetricDefinition m(String key, Base base, Section section, String file, String label) {
        return new MetricDefinition(key, base, section, file, label);
    }

    private static MetricDefinition overview(String key, Base base, String label) {
        return m(key, base, Section.OVERVIEW, OVERVIEW, label);
    }

    private static MetricDefinition starttls(String key, String label) {
        return m(key, MX, Section.STARTTLS, STARTTLS_SQL, label);
    }

    private static MetricDefinition auth(String key, String label) {
        return m(key, MX, Section.SPF_DKIM_DMARC, AUTH, label);
    }

    private static MetricDefinition mtaSts(String key, String label) {
        return m(key, MX, Section.MTA_STS_TLS_RPT, MTA_STS, label);
    }
}
