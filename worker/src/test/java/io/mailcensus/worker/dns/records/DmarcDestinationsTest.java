package io.mailcensus.worker.dns.records;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class DmarcDestinationsTest {

    @Test
    void externalMeansOutsideThePolicyDomainAndItsSubdomains() {
        assertThat(DmarcDestinations.external("shop.ch", List.of("mailto:a@shop.ch", "mailto:b@Reports.Shop.CH",
                "mailto:c@shop.ch.evil.example", "mailto:d@othershop.ch"))).containsExactly("othershop.ch", "shop.ch.evil.example");
    }

    @Test
    void sizeSuffixQueryAndCaseAreIgnoredAndDuplicatesCollapse() {
        assertThat(DmarcDestinations.external("shop.ch", List.of("MAILTO:x@Rua.Example!10m", "mailto:y@rua.example.",
                "mailto:z@rua.example?subject=dmarc"))).containsExactly("rua.example");
    }

    @Test
    void onlyMailtoDestinationsNeedAuthorisation() {
        assertThat(DmarcDestinations.external("shop.ch", List.of("https://rua.example/report", "mailto:nobody"))).isEmpty();
    }
}
