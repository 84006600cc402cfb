package io.mailcensus.testbed.truth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailcensus.testbed.truth.DomainFacts.Bimi;
import io.mailcensus.testbed.truth.DomainFacts.Broken;
import io.mailcensus.testbed.truth.DomainFacts.Dkim;
import io.mailcensus.testbed.truth.DomainFacts.Dmarc;
import io.mailcensus.testbed.truth.DomainFacts.DmarcPolicy;
import io.mailcensus.testbed.truth.DomainFacts.MxKind;
import io.mailcensus.testbed.truth.DomainFacts.SpfAll;
import java.util.List;
import org.junit.jupiter.api.Test;

class MetricTest {

    private static DomainFacts facts(Broken broken, MxKind mx, int spf, SpfAll all, Dmarc dmarc, DmarcPolicy p, Dkim dkim) {
        return new DomainFacts("a.test", "a.test", broken, mx, spf, all, false, false, dmarc, p, false, true, false,
                true, true, Bimi.RECORD, dkim, List.of());
    }

    @Test
    void aBrokenDomainCountsInTotalAndErrorOnly() {
        DomainTruthLine line = DomainTruthLine.of(
                facts(Broken.UNREACHABLE, MxKind.NONE, 0, SpfAll.NONE, Dmarc.NONE, null, Dkim.NONE));
        assertThat(line.metrics()).containsExactlyInAnyOrder(Metric.DOMAINS_TOTAL, Metric.DOMAINS_ERROR);
        assertThat(line.status()).isEqualTo("error:unreachable");
    }

    @Test
    void mxBaseMetricsNeedAnMxRecord() {
        DomainFacts parked = facts(Broken.NONE, MxKind.NONE, 1, SpfAll.FAIL, Dmarc.VALID, DmarcPolicy.REJECT, Dkim.KEY);
        assertThat(DomainTruthLine.of(parked).metrics())
                .containsExactlyInAnyOrder(Metric.DOMAINS_TOTAL, Metric.CAA);
    }

    @Test
    void nullAndLocalhostMxAreInTheMxBase() {
        DomainFacts nullMx = facts(Broken.NONE, MxKind.NULL, 1, SpfAll.FAIL, Dmarc.INVALID, null, Dkim.NODE);
        assertThat(DomainTruthLine.of(nullMx).metrics()).contains(Metric.MX_PRESENT, Metric.MX_NULL,
                Metric.SPF_PRESENT, Metric.SPF_ALL_FAIL, Metric.DMARC_INVALID, Metric.DKIM_LIKELY, Metric.BIMI_RECORD,
                Metric.MTA_STS_RECORD, Metric.TLS_RPT).doesNotContain(Metric.DKIM_FOUND, Metric.DMARC_PRESENT);
    }

    @Test
    void aKeyAtAKnownSelectorIsBothFoundAndLikely() {
        DomainFacts f = facts(Broken.NONE, MxKind.PRESENT, 0, SpfAll.NONE, Dmarc.NONE, null, Dkim.KEY);
        assertThat(DomainTruthLine.of(f).metrics()).contains(Metric.DKIM_FOUND, Metric.DKIM_LIKELY);
    }

    @Test
    void factsRejectAmbiguousCombinations() {
        assertThatThrownBy(() -> facts(Broken.NONE, MxKind.PRESENT, 2, SpfAll.FAIL, Dmarc.NONE, null, Dkim.NONE))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> facts(Broken.NONE, MxKind.PRESENT, 0, SpfAll.NONE, Dmarc.INVALID, DmarcPolicy.NONE, Dkim.NONE))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DomainFacts("xn--bcher-kva.test", "bücher.test", Broken.LAME, MxKind.NONE, 0,
                SpfAll.NONE, false, false, Dmarc.NONE, null, false, false, false, false, false, Bimi.NONE, Dkim.NONE,
                List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aTruthLineSurvivesTsv() {
        DomainTruthLine line = DomainTruthLine.of(
                facts(Broken.NONE, MxKind.PRESENT, 1, SpfAll.SOFTFAIL, Dmarc.VALID, DmarcPolicy.NONE, Dkim.NONE));
        assertThat(DomainTruthLine.parse(line.toTsv())).isEqualTo(line);
        assertThat(line.toTsv()).startsWith("a.test\ta.test\tok\tdomains.total,caa,mx.present,spf.present,spf.all.softfail");
    }
}
