package io.mailcensus.worker.https;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailcensus.schemas.ErrorKind;
import io.mailcensus.worker.dns.client.DnsAnswer;
import io.mailcensus.worker.dns.client.Query;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.Type;

class DnsAddressResolverTest {

    private static final Name NAME = Name.fromConstantString("www.example.test.");
    private static final Query A = new Query(NAME, Type.A);
    private static final Query AAAA = new Query(NAME, Type.AAAA);

    private static DnsAnswer a(String ip) throws Exception {
        return new DnsAnswer(A, DnsAnswer.Outcome.ANSWER,
                List.of(new ARecord(NAME, DClass.IN, 60, InetAddress.getByName(ip))), List.of(), null);
    }

    private static DnsAnswer aaaa(String ip) throws Exception {
        return new DnsAnswer(AAAA, DnsAnswer.Outcome.ANSWER,
                List.of(new AAAARecord(NAME, DClass.IN, 60, InetAddress.getByName(ip))), List.of(), null);
    }

    private static DnsAnswer none(Query q, DnsAnswer.Outcome outcome) {
        return new DnsAnswer(q, outcome, List.of(), List.of(), null);
    }

    @Test
    void ipv4ComesFirst() throws Exception {
        AddressResolver.Resolution r = DnsAddressResolver.combine(a("192.0.2.1"), aaaa("2001:db8::1"));
        assertThat(((AddressResolver.Resolution.Addresses) r).addresses())
                .containsExactly(InetAddress.getByName("192.0.2.1"), InetAddress.getByName("2001:db8::1"));
    }

    @Test
    void addressesFromOneQueryAreUsedWhenTheOtherFailed() throws Exception {
        AddressResolver.Resolution r = DnsAddressResolver.combine(none(A, DnsAnswer.Outcome.NODATA),
                aaaa("2001:db8::1"));
        assertThat(r).isInstanceOf(AddressResolver.Resolution.Addresses.class);
        r = DnsAddressResolver.combine(a("192.0.2.1"), DnsAnswer.failed(AAAA, ErrorKind.timeout, "t"));
        assertThat(r).isInstanceOf(AddressResolver.Resolution.Addresses.class);
    }

    @Test
    void noAddressOnlyWhenBothQueriesSaidSo() {
        assertThat(DnsAddressResolver.combine(none(A, DnsAnswer.Outcome.NXDOMAIN), none(AAAA, DnsAnswer.Outcome.NXDOMAIN)))
                .isInstanceOf(AddressResolver.Resolution.NoAddress.class);
        assertThat(DnsAddressResolver.combine(none(A, DnsAnswer.Outcome.NODATA), DnsAnswer.failed(AAAA, ErrorKind.servfail, "x")))
                .isInstanceOf(AddressResolver.Resolution.Failed.class);
    }
}
