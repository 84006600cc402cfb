package io.mailcensus.launcher.summary;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailcensus.schemas.CheckStatus;
import io.mailcensus.schemas.DomainResult;
import io.mailcensus.schemas.DomainStatus;
import io.mailcensus.schemas.SpfAll;
import io.mailcensus.schemas.SpfCheck;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpfPrintingTest {

    @Test
    void check_prints_the_lookup_counts_the_probe_result_and_the_permerror() {
        Instant t0 = Instant.parse("2024-01-11T19:27:57Z");
        DomainResult r = DomainResult.newBuilder().setScanId("s").setDomain("a.example").setDomainUnicode("a.example")
                .setStatus(DomainStatus.ok).setStartedAt(t0).setFinishedAt(t0)
                .setSpf(SpfCheck.newBuilder().setStatus(CheckStatus.present).setAll(SpfAll.fail)
                        .setRecords(List.of("v=spf1 include:b.example -all"))
                        .setDnsTerms(12).setVoidLookups(1).setEvalResult("permerror")
                        .setPermerror("12 DNS-querying terms, more than 10 (RFC 7208 4.6.4)").build())
                .build();

        String text = DomainCheckPrinter.render(r);

        assertThat(text).contains("dns_terms=12/10 void_lookups=1/2 check_host(192.0.2.1)=permerror")
                .contains("too many")
                .contains("12 DNS-querying terms, more than 10");
    }
}
