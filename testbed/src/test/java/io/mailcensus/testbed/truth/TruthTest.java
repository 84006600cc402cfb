package io.mailcensus.testbed.truth;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailcensus.testbed.zone.ZoneGenerator;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bookkeeping of the truth: counts that must add up whatever the seed. */
class TruthTest {

    @TempDir
    static Path dir;

    static Truth truth;

    @BeforeAll
    static void generate() throws IOException {
        truth = new ZoneGenerator(1_000, 7, "test").generate(dir).truth();
    }

    private static long n(Metric m) {
        return truth.count(m);
    }

    @Test
    void everyMetricKeyIsThereZeroOrNot() {
        assertThat(truth.asMap()).hasSize(Metric.values().length).containsKeys(
                "domains.total", "domains.error", "mx.present", "mx.null", "mx.localhost", "spf.present",
                "spf.all.fail", "spf.all.softfail", "spf.all.neutral", "spf.all.pass", "spf.redirect",
                "spf.no_mail", "spf.multiple", "dmarc.present", "dmarc.p.none", "dmarc.p.quarantine",
                "dmarc.p.reject", "dmarc.rua", "dmarc.invalid", "caa", "dnssec.signed", "idn",
                "mta_sts.record", "tls_rpt", "bimi.record", "bimi.certificate", "dkim.likely", "dkim.found");
    }

    @Test
    void countsAddUp() {
        assertThat(n(Metric.DOMAINS_TOTAL)).isEqualTo(1_000);
        assertThat(n(Metric.DOMAINS_ERROR)).isEqualTo(4);
        long ok = n(Metric.DOMAINS_TOTAL) - n(Metric.DOMAINS_ERROR);
        for (Metric m : new Metric[] {Metric.MX_PRESENT, Metric.DNSSEC_SIGNED, Metric.IDN, Metric.CAA}) {
            assertThat(n(m)).as(m.key()).isPositive().isLessThanOrEqualTo(ok);
        }
        long mx = n(Metric.MX_PRESENT);
        assertThat(n(Metric.MX_NULL) + n(Metric.MX_LOCALHOST)).isLessThan(mx);
        assertThat(n(Metric.SPF_PRESENT)).isLessThanOrEqualTo(mx);
        assertThat(n(Metric.SPF_ALL_FAIL) + n(Metric.SPF_ALL_SOFTFAIL) + n(Metric.SPF_ALL_NEUTRAL) + n(Metric.SPF_ALL_PASS)
                        + n(Metric.SPF_REDIRECT) + n(Metric.SPF_MULTIPLE))
                .as("all-qualifier, redirect-only and multiple domains are disjoint parts of spf.present")
                .isLessThanOrEqualTo(n(Metric.SPF_PRESENT));
        assertThat(n(Metric.SPF_NO_MAIL)).isLessThanOrEqualTo(n(Metric.SPF_ALL_FAIL));
        assertThat(n(Metric.DMARC_P_NONE) + n(Metric.DMARC_P_QUARANTINE) + n(Metric.DMARC_P_REJECT))
                .isEqualTo(n(Metric.DMARC_PRESENT));
        assertThat(n(Metric.DMARC_RUA)).isLessThanOrEqualTo(n(Metric.DMARC_PRESENT));
        assertThat(n(Metric.DMARC_PRESENT) + n(Metric.DMARC_INVALID)).isLessThanOrEqualTo(mx);
        assertThat(n(Metric.BIMI_CERTIFICATE)).isLessThanOrEqualTo(n(Metric.BIMI_RECORD));
        assertThat(n(Metric.DKIM_FOUND)).isLessThanOrEqualTo(n(Metric.DKIM_LIKELY)).isPositive();
        for (Metric m : Metric.values()) {
            if (m.base() == Metric.Base.MX) {
                assertThat(n(m)).as(m.key()).isLessThanOrEqualTo(mx);
            }
        }
    }

    @Test
    void jsonRoundTripsEveryCount() throws IOException {
        Path file = dir.resolve("again.json");
        truth.writeJson(file);
        assertThat(Truth.readJson(file)).isEqualTo(truth);
        assertThat(java.nio.file.Files.readString(file)).startsWith("{\n  \"domains.total\": 1000,\n");
    }
}
