package io.mailcensus.worker.https;

import static io.mailcensus.worker.https.LoopbackHttpsServer.redirect;
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
 * A web host cannot steer the scanner's requests with redirects: against real HTTPS servers on
 * 127.0.0.x, a redirect to another port or to an address the policy refuses is not followed, and
 * the target server sees no connection at all.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class HostileRedirectsTest {

    private static final InetAddress PUBLIC = TestNetwork.loopback(43);
    private static final InetAddress INTERNAL = TestNetwork.loopback(44);
    private static final String HOST = "www.example.test";
    private static final String TARGET = "internal.example.test";
    private static TestCertificates ca;

    private final List<AutoCloseable> open = new ArrayList<>();
    private final TestNetwork network = new TestNetwork().point(HOST, PUBLIC).point(TARGET, INTERNAL);

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
        LoopbackHttpsServer server = new LoopbackHttpsServer(address, port,
                Map.of(HOST, ca.server(HOST), TARGET, ca.server(TARGET)), ca.server("default.example.test"));
        open.add(server);
        return server;
    }

    /** A client whose policy lets it reach only the public server's address (the test bed's "internet"). */
    private FetchResult get(int port, String path, int redirects) throws Exception {
        AddressPolicy onlyPublic = AddressPolicy.of(List.of(Cidr.parse(PUBLIC.getHostAddress())), Set.of());
        HttpsSettings settings = HttpsSettings.defaults("mailcensus-test").withAddressPolicy(onlyPublic).withPort(port)
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(10)).withTrustStore(ca.trustStore());
        HttpsClient client = new HttpsClient(settings, network, TestNetwork.quickGates(100),
                Clock.fixed(TestCertificates.NOW, ZoneOffset.UTC));
        open.add(client);
        return client.get(new HttpsUrl(HOST, port, path), 4096, redirects).toCompletableFuture().get(20, TimeUnit.SECONDS);
    }

    @Test
    void aRedirectToAnotherPortIsNotFollowed() throws Exception {
        LoopbackHttpsServer publicServer = server(PUBLIC, 0);
        LoopbackHttpsServer internal = server(PUBLIC, 0);
        internal.route(HOST, "/admin/delete", text(200, "text/plain", "deleted"));
        publicServer.route(HOST, "/.well-known/security.txt",
                redirect(301, "https://" + HOST + ":" + internal.port() + "/admin/delete?everything=1"));

        FetchResult result = get(publicServer.port(), "/.well-known/security.txt", 3);

        assertThat(result).isInstanceOf(FetchResult.Response.class);
        assertThat(((FetchResult.Response) result).status()).isEqualTo(301);
        assertThat(internal.connections.get()).isZero();
        assertThat(internal.requests).isEmpty();
    }

    @Test
    void aRedirectToARefusedAddressIsNotFollowed() throws Exception {
        LoopbackHttpsServer publicServer = server(PUBLIC, 0);
        LoopbackHttpsServer internal = server(INTERNAL, publicServer.port());
        internal.route(TARGET, "/admin/delete", text(200, "text/plain", "deleted"));
        publicServer.route(HOST, "/.well-known/security.txt", redirect(302, "https://" + TARGET + "/admin/delete"));

        FetchResult result = get(publicServer.port(), "/.well-known/security.txt", 3);

        assertThat(result).isInstanceOf(FetchResult.Failure.class);
        assertThat(((FetchResult.Failure) result).kind()).isEqualTo(FetchResult.Kind.POLICY);
        assertThat(((FetchResult.Failure) result).detail()).contains("policy: loopback");
        assertThat(publicServer.requests).hasSize(1);
        assertThat(internal.connections.get()).isZero();
    }

    @Test
    void aNat64FormOfARefusedAddressIsRefusedToo() throws Exception {
        LoopbackHttpsServer publicServer = server(PUBLIC, 0);
        network.point("nat64.example.test", InetAddress.ofLiteral("64:ff9b::7f00:2c")); // 127.0.0.44
        publicServer.route(HOST, "/", redirect(302, "https://nat64.example.test/"));

        FetchResult result = get(publicServer.port(), "/", 3);

        assertThat(((FetchResult.Failure) result).detail()).contains("policy: loopback (127.0.0.44 in NAT64");
    }

    @Test
    void atMostThreeRedirectsAreFollowedWhateverTheCallerAsks() throws Exception {
        LoopbackHttpsServer publicServer = server(PUBLIC, 0);
        publicServer.route(HOST, "/loop", redirect(302, "/loop"));

        FetchResult result = get(publicServer.port(), "/loop", 50);

        assertThat(((FetchResult.Response) result).isRedirect()).isTrue();
        assertThat(publicServer.requests).hasSize(1 + HttpsClient.MAX_REDIRECTS);
    }
}
