package io.mailcensus.worker.spf;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class CheckHostTest {

    private static SpfDns txtOnly(Map<String, String> records) {
        return (name, type) -> CompletableFuture.completedFuture(
                type == SpfDns.Type.TXT && records.containsKey(name)
                        ? SpfDns.Lookup.found(List.of(records.get(name)))
                        : SpfDns.Lookup.NXDOMAIN);
    }

    @Test
    void a_record_of_thousands_of_address_terms_does_not_overflow_the_stack() {
        StringBuilder record = new StringBuilder("v=spf1");
        for (int i = 0; i < 20_000; i++) {
            record.append(" ip4:10.").append(i / 256 % 256).append('.').append(i % 256).append(".1");
        }
        record.append(" ip4:192.0.2.1 -all");
        CheckHost check = new CheckHost(txtOnly(Map.of("big.example", record.toString())));

        SpfOutcome outcome = check.checkBlocking(InetAddress.ofLiteral("192.0.2.1"), "x@big.example", "helo.example");

        assertThat(outcome.result()).isEqualTo(SpfResult.PASS);
        assertThat(outcome.dnsTerms()).isZero();
    }

    @Test
    void counts_terms_and_stops_at_the_eleventh() {
        CheckHost check = new CheckHost(txtOnly(Map.of(
                "a.example", "v=spf1 include:a.example -all")));

        SpfOutcome outcome = check.checkBlocking(InetAddress.ofLiteral("192.0.2.1"), "x@a.example", "helo.example");

        assertThat(outcome.result()).isEqualTo(SpfResult.PERMERROR);
        assertThat(outcome.dnsTerms()).isEqualTo(11);
        assertThat(outcome.reason()).contains("more than 10 DNS-querying terms");
    }

    @Test
    void a_null_sender_checks_the_helo_name() {
        CheckHost check = new CheckHost(txtOnly(Map.of("helo.example", "v=spf1 ip4:192.0.2.0/24 -all")));

        SpfOutcome outcome = check.checkBlocking(InetAddress.ofLiteral("192.0.2.9"), "", "helo.example");

        assertThat(outcome.result()).isEqualTo(SpfResult.PASS);
    }
}
