package io.mailcensus.report;

import io.mailcensus.report.catalog.Base;
import io.mailcensus.report.catalog.MetricCatalog;
import io.mailcensus.report.catalog.MetricDefinition;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Hand-built reports for the formatter tests: the seed's .ch figures where the talk gives them. */
public final class SampleReports {

    public static final Map<Base, Long> BASES = Map.of(
            Base.ALL, 2_516_443L, Base.MX, 1_780_602L, Base.MAIL, 1_700_000L, Base.STARTTLS, 1_500_000L);

    private SampleReports() {}

    public static Report seedLike() {
        var metrics = new LinkedHashMap<String, Metric>();
        for (MetricDefinition definition : MetricCatalog.metrics()) {
            long count = switch (definition.key()) {
                case "domains.total" -> 2_516_443L;
                case "mx.present" -> 1_780_602L;
                case "spf.present" -> 1_391_162L;
                case "m365.tenants_unique" -> 4_242L;
                default -> 1_000L;
            };
            metrics.put(definition.key(), definition.countOnly()
                    ? Metric.countOnly(count)
                    : Metric.share(count, definition.base(), BASES.get(definition.base())));
        }
        var breakdowns = new LinkedHashMap<String, List<BreakdownEntry>>();
        breakdowns.put("ns.provider", List.of(new BreakdownEntry("hostpoint.ch", 344_753, 13.7)));
        breakdowns.put("mx.provider", List.of(
                new BreakdownEntry("hostpoint.ch", 334_394, 18.78),
                new BreakdownEntry("mail.protection.outlook.com", 125_000, 7.02)));
        breakdowns.put("smtp.software", List.of(new BreakdownEntry("exim", 600_000, 33.7)));
        breakdowns.put("tls.issuer_org", List.of(new BreakdownEntry("Let's Encrypt | R3", 200_000, 13.33)));
        breakdowns.put("ns.brand", List.of(new BreakdownEntry("Hostpoint", 344_753, 13.7)));
        breakdowns.put("mx.brand", List.of(new BreakdownEntry("Exchange Online", 125_000, 7.02)));
        breakdowns.put("tls.issuer_brand", List.of(new BreakdownEntry("Let's Encrypt", 200_000, 13.33)));
        var scan = new ScanInfo(
                "2026-11-28T10:00Z", Instant.parse("2026-11-28T10:00:00Z"), Instant.parse("2026-11-28T16:30:00Z"),
                2_516_443L);
        return new Report(scan, BASES, metrics, breakdowns);
    }
}
