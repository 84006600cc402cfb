package io.mailcensus.worker.dns.records;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DomainNamesTest {

    @ParameterizedTest
    @CsvSource({
            "xn--bcher-kva.ch, true",
            "www.xn--bcher-kva.ch, true",
            "XN--BCHER-KVA.ch, true",
            "example.xn--p1ai, true",
            "example.ch, false",
            "axn--b.ch, false",
            "xn-bcher.ch, false",
    })
    void idnWhenAnyLabelIsAnALabel(String domain, boolean idn) {
        assertThat(DomainNames.isIdn(domain)).isEqualTo(idn);
    }
}
