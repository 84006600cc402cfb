package io.mailcensus.worker.https;

import static io.mailcensus.worker.https.LoopbackHttpsServer.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.mailcensus.worker.net.AddressPolicy;
import io.mailcensus.worker.net.Cidr;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A host whose first address makes no connection is asked at its next one (issue 15), each
 * address through the address policy, at most {@link HttpsClient#MAX_ADDRESSES} of them. Real
 * HTTPS servers on loopback; an address with nothing listening refuses.
 */
@Timeout(60)
class NextAddressTest {

    private static final String HOST = "www.example.test";
    private static final InetAddress SERVER = TestNetwork.loopback(43);
    private static final InetAddress NOTHING = TestNetwork.loopback(45);
    private static final InetAddress NOTHING_EITHER = TestNetwork.loopback(46);
    private static final InetAddress NOTHING_AT_ALL = TestNetwork.loopback(47);
    private static final InetAddress INTERNAL = TestNetwork.loopback(44);
    private static TestCertificates ca;

    private final List<AutoCloseable> open = new ArrayList<>();
    private final TestNetwork network = new TestNetwork();

    @BeforeAll
    static void makeCa() {
        ca = new TestCertificates("Test CA");
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : open.reversed()) {
            c.close();
        }
    }

    private LoopbackHttpsServer server(InetAddress address, int port) throws Exception {
        LoopbackHttpsServer server = new LoopbackHttpsServer(address, port, Map.of(HOST, ca.server(HOST)),
                ca.server("default.example.test"));
        server.route(HOST, "/", text(200, "text/plain", "hello"));
        open.add(server);
        return server;
    }

    /** The policy allows every test address but {@link #INTERNAL}. */
    private FetchResult get(int port) throws Exception {
        List<Cidr> allowed = new ArrayList<>();
        for (InetAddress a : List.of(SERVER, NOTHING, NOTHING_EITHER, NOTHING_AT_ALL)) {
            allowed.add(Cidr.parse(a.getHostAddress()));
        }
        HttpsSettings settings = HttpsSettings.defaults("mailcensus-test").withAddressPolicy(AddressPolicy.of(allowed, Set.of()))
                .withPort(port).withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(10)).withTrustStore(ca.trustStore());
        HttpsClient client = new HttpsClient(settings, network, TestNetwork.quickGates(100),
                Clock.fixed(TestCertificates.NOW, ZoneOffset.UTC));
        open.add(client);
        return client.get(new HttpsUrl(HOST, port, "/"), 4096, 0).toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    @Test
    void aRefusingFirstAddressIsFollowedByTheNext() throws Exception {
        LoopbackHttpsServer server = server(SERVER, 0);
        network.point(HOST, NOTHING, SERVER);

        FetchResult result = get(server.port());

        assertThat(result).isInstanceOf(FetchResult.Response.class);
        assertThat(((FetchResult.Response) result).status()).isEqualTo(200);
        assertThat(server.requests).hasSize(1);
    }

    @Test
    void aRefusedAddressIsSkippedWithoutAPacketAndTheNextAsked() throws Exception {
        LoopbackHttpsServer server = server(SERVER, 0);
        LoopbackHttpsServer internal = server(INTERNAL, server.port());
        network.point(HOST, INTERNAL, SERVER);

        FetchResult result = get(server.port());

        assertThat(((FetchResult.Response) result).status()).isEqualTo(200);
        assertThat(internal.connections.get()).isZero();
    }

    @Test
    void atMostThreeAddressesAreTried() throws Exception {
        LoopbackHttpsServer server = server(SERVER, 0);
        network.point(HOST, NOTHING, NOTHING_EITHER, NOTHING_AT_ALL, SERVER);

        FetchResult result = get(server.port());

        assertThat(result).isInstanceOf(FetchResult.Failure.class);
        assertThat(((FetchResult.Failure) result).kind()).isEqualTo(FetchResult.Kind.REFUSED);
        assertThat(((FetchResult.Failure) result).detail()).contains(NOTHING_AT_ALL.getHostAddress());
        assertThat(server.connections.get()).isZero();
    }

    @Test
    void anAnswerThatIsNotAConnectFailureIsKept() throws Exception {
        assertThat(HttpsClient.noConnection(new FetchResult.Failure(null, FetchResult.Kind.TIMEOUT,
                "connect to 192.0.2.1:443: timed out"))).isTrue();
        assertThat(HttpsClient.noConnection(new FetchResult.Failure(null, FetchResult.Kind.TIMEOUT,
                "no response within 10s"))).isFalse(); // the server was reached: asking another changes nothing
        assertThat(HttpsClient.noConnection(new FetchResult.Failure(null, FetchResult.Kind.TLS, "alert"))).isFalse();
    }
}
