package io.mailcensus.worker.dns.records;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class RegistrableDomainTest {

    @ParameterizedTest
    @CsvSource(delimiter = '>', value = {
        "ns1.hostpoint.ch > hostpoint.ch",
        "MX01.Mail.Hostpoint.CH. > hostpoint.ch",
        "icewolf-ch.mail.protection.outlook.com > outlook.com",
        "ns1.registrar.co.uk > registrar.co.uk",
        "dns1.p01.nsone.net > nsone.net",
        // private-domain rules of the list: each github.io site is its own registrant
        "mx.someone.github.io > someone.github.io",
        "ns1.infomaniak.ch > infomaniak.ch",
        "xn--mnchen-3ya.de > xn--mnchen-3ya.de",
        // TLDs the list does not know (the testbed's test. and example.): the last two labels
        "ns1.dnshost1.example > dnshost1.example",
        "mx1.mailhost2.example. > mailhost2.example",
        "mail.d42.test > d42.test",
        // a public suffix itself, and single labels
        "co.uk > co.uk",
        "localhost > localhost",
        "localhost. > localhost",
    })
    void registrableDomainUnderThePublicSuffixList(String host, String provider) {
        assertThat(RegistrableDomain.of(host)).isEqualTo(provider);
    }

    @Test
    void theRootAndEmptyNamesHaveNoProvider() {
        assertThat(RegistrableDomain.of(".")).isEmpty();
        assertThat(RegistrableDomain.of("")).isEmpty();
    }

    @Test
    void severalHostsKeepTheirOrderOnce() {
        assertThat(RegistrableDomain.ofAll(List.of("b.y.ch", "a.x.ch", "c.y.ch", "."))).containsExactly("y.ch", "x.ch");
    }
}
