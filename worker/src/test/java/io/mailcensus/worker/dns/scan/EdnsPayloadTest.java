package io.mailcensus.worker.dns.scan;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailcensus.worker.dns.client.DnsSettings;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.SimpleResolver;

/** Every check query advertises EDNS(0) with a 1,232-byte UDP payload (DNS flag day 2020). */
class EdnsPayloadTest {

    @Test
    void everyResolverAdvertises1232Bytes() {
        DnsSettings settings = DnsSettings.defaults().withResolvers(
                List.of(new InetSocketAddress("127.0.0.1", 53), new InetSocketAddress("::1", 5353)));
        for (var resolver : DomainChecker.resolversFor(settings, null)) {
            SimpleResolver simple = (SimpleResolver) resolver;
            assertThat(simple.getEDNS().getVersion()).isZero();
            assertThat(simple.getEDNS().getPayloadSize()).isEqualTo(1232);
        }
    }
}
