package io.mailcensus.report.html;

import io.mailcensus.report.BreakdownEntry;
import io.mailcensus.report.Metric;
import io.mailcensus.report.Report;
import io.mailcensus.report.ScanInfo;
import io.mailcensus.report.catalog.Base;
import io.mailcensus.report.catalog.MetricCatalog;
import io.mailcensus.report.catalog.MetricDefinition;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Two hand-built scans of a .ch-sized TLD, a year apart, with the seed's figures where the talk
 * gives them and plausible ones elsewhere: the HTML report's fixture for its trend section.
 */
public final class TwoScans {

    private TwoScans() {}

    public static Report older() {
        return report("2025-11-28T10:00Z", Instant.parse("2025-11-28T10:00:00Z"), 0.85, List.of(
                new BreakdownEntry("hostpoint.ch", 330_120, 19.10),
                new BreakdownEntry("infomaniak.com", 128_004, 7.41),
                new BreakdownEntry("mail.protection.outlook.com", 101_700, 5.88)));
    }

    public static Report newer() {
        return report("2026-11-28T10:00Z", Instant.parse("2026-11-28T10:00:00Z"), 1.0, List.of(
                new BreakdownEntry("hostpoint.ch", 334_394, 18.78),
                new BreakdownEntry("infomaniak.com", 137_106, 7.70),
                new BreakdownEntry("mail.protection.outlook.com", 125_000, 7.02),
                new BreakdownEntry("<script>alert(1)</script>.example", 10_000, 0.56)));
    }

    public static List<Report> history() {
        return List.of(older(), newer());
    }

    /** @param growth how far along the adoption curve this scan is (1 = the newer scan) */
    private static Report report(String id, Instant started, double growth, List<BreakdownEntry> mxProviders) {
        Map<Base, Long> bases = Map.of(
                Base.ALL, 2_516_443L, Base.MX, 1_780_602L, Base.MAIL, 1_700_000L, Base.STARTTLS, 1_500_000L);
        Map<String, Double> shares = Map.ofEntries(
                Map.entry("domains.total", 100.0), Map.entry("domains.error", 0.4), Map.entry("dnssec.signed", 52.0),
                Map.entry("dnssec.secure", 50.1), Map.entry("dnssec.bogus", 0.3), Map.entry("idn", 2.2),
                Map.entry("caa", 9.5), Map.entry("security_txt.valid", 0.9), Map.entry("security_txt.present", 1.6),
                Map.entry("m365.tenant", 11.0), Map.entry("autodiscover", 31.0), Map.entry("lyncdiscover", 6.0),
                Map.entry("sip_federation", 3.1), Map.entry("mx.present", 70.76), Map.entry("mx.null", 0.8),
                Map.entry("mx.localhost", 0.2), Map.entry("starttls.all", 84.0), Map.entry("starttls.some", 1.5),
                Map.entry("starttls.none", 4.0), Map.entry("smtp.software.exim", 33.7),
                Map.entry("smtp.software.postfix", 21.0), Map.entry("smtp.software.exchange", 9.0),
                Map.entry("smtp.software.sendmail", 0.7), Map.entry("smtp.software.other", 8.0),
                Map.entry("smtp.software.hidden", 25.0), Map.entry("spf.present", 78.13),
                Map.entry("spf.all.fail", 20.0), Map.entry("spf.all.softfail", 45.0), Map.entry("spf.all.neutral", 6.0),
                Map.entry("spf.all.pass", 0.5), Map.entry("spf.redirect", 12.0), Map.entry("spf.no_mail", 3.0),
                Map.entry("spf.multiple", 1.1), Map.entry("spf.too_many_lookups", 2.0), Map.entry("spf.permerror", 3.2),
                Map.entry("dkim.found", 30.0), Map.entry("dkim.likely", 48.0), Map.entry("dmarc.present", 11.26),
                Map.entry("dmarc.p.none", 6.5), Map.entry("dmarc.p.quarantine", 2.5), Map.entry("dmarc.p.reject", 2.2),
                Map.entry("dmarc.rua", 8.0), Map.entry("dmarc.invalid", 0.4), Map.entry("dane.present", 3.9),
                Map.entry("dane.all", 3.5), Map.entry("dane.valid", 3.1), Map.entry("mta_sts.record", 1.2),
                Map.entry("mta_sts.policy_valid", 1.0), Map.entry("mta_sts.enforce", 0.6),
                Map.entry("mta_sts.effective", 0.5), Map.entry("tls_rpt", 1.4), Map.entry("bimi.record", 0.3),
                Map.entry("bimi.certificate", 0.05));
        var metrics = new LinkedHashMap<String, Metric>();
        for (MetricDefinition definition : MetricCatalog.metrics()) {
            if (definition.countOnly()) {
                metrics.put(definition.key(), Metric.countOnly(Math.round(4_242 * growth)));
                continue;
            }
            long base = bases.get(definition.base());
            double share = shares.getOrDefault(definition.key(), 1.0);
            // adoption metrics grow over the year; the totals and MX presence stay put
            double scaled = definition.key().startsWith("domains.") || definition.key().startsWith("mx.")
                    ? share : share * growth;
            metrics.put(definition.key(), Metric.share(Math.round(base * scaled / 100), definition.base(), base));
        }
        var breakdowns = new LinkedHashMap<String, List<BreakdownEntry>>();
        breakdowns.put("ns.provider", List.of(
                new BreakdownEntry("hostpoint.ch", 344_753, 13.70), new BreakdownEntry("infomaniak.com", 138_650, 5.51),
                new BreakdownEntry("cloudflare.com", 90_000, 3.58)));
        breakdowns.put("mx.provider", mxProviders);
        breakdowns.put("smtp.software", List.of(
                new BreakdownEntry("exim", 600_000, 33.70), new BreakdownEntry("postfix", 374_000, 21.00)));
        breakdowns.put("tls.issuer_org", List.of(
                new BreakdownEntry("Let's Encrypt", 200_000, 13.33), new BreakdownEntry("DigiCert Inc", 90_000, 6.00)));
        breakdowns.put("ns.brand", List.of(
                new BreakdownEntry("Hostpoint", 344_753, 13.70), new BreakdownEntry("other", 2_171_690, 86.30)));
        breakdowns.put("mx.brand", List.of(
                new BreakdownEntry("Hostpoint", 334_394, 18.78), new BreakdownEntry("other", 1_446_208, 81.22)));
        breakdowns.put("tls.issuer_brand", List.of(
                new BreakdownEntry("Let's Encrypt", 200_000, 13.33), new BreakdownEntry("DigiCert", 95_000, 6.33)));
        var scan = new ScanInfo(id, started, started.plusSeconds(6 * 3600 + 1800), 2_516_443L);
        return new Report(scan, bases, metrics, breakdowns);
    }
}
