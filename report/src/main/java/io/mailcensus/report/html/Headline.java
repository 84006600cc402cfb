package io.mailcensus.report.html;

import java.util.List;

/**
 * The figures a reader looks at first, in the HTML report's cards and trend chart (and in the
 * Grafana dashboard under deploy/grafana, which computes the same keys in SQL).
 */
public record Headline(String key, String label) {

    public static final List<Headline> METRICS = List.of(
            new Headline("mx.present", "MX"),
            new Headline("starttls.all", "STARTTLS (all MX)"),
            new Headline("spf.present", "SPF"),
            new Headline("dmarc.present", "DMARC"),
            new Headline("dnssec.signed", "DNSSEC signed"),
            new Headline("dane.present", "DANE"),
            new Headline("mta_sts.record", "MTA-STS"));
}
