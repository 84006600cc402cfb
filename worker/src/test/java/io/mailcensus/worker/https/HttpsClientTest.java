package io.mailcensus.worker.https;

import io.mailcensus.worker.net.AddressPolicy;
import static io.mailcensus.worker.https.LoopbackHttpsServer.redirect;
import static io.mailcensus.worker.https.LoopbackHttpsServer.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.mailcensus.worker.politeness.HostGates;
import io.mailcensus.worker.politeness.PolitenessSettings;
import io.mailcensus.worker.politeness.Scheduler;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The client against small Netty servers on 127.0.0.x: the well-behaved path, certificate
 * verdicts, redirects, and hostile servers that must cost bounded time (a 1 s request deadline)
 * and memory (the caps). Each test's timeout is its bound.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class HttpsClientTest {

    private static final InetAddress IP = TestNetwork.loopback(41);
    private static final String HOST = "www.example.test";
    private static final Clock CLOCK = Clock.fixed(TestCertificates.NOW, ZoneOffset.UTC);
    private static TestCertificates ca;

    private final TestNetwork network = new TestNetwork().point(HOST, IP).point("other.example.test", IP);
    private LoopbackHttpsServer server;
    private HttpsClient client;
    private HostGates gates = TestNetwork.quickGates(100);
    /** Generous for well-behaved servers (a cold JVM's first handshakes are slow); hostile tests shorten it. */
    private Duration deadline = Duration.ofSeconds(10);

    @BeforeAll
    static void makeCa() {
        ca = new TestCertificates("Test CA");
    }

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private LoopbackHttpsServer serve() throws Exception {
        server = new LoopbackHttpsServer(IP, 0, Map.of(HOST, ca.server(HOST), "other.example.test",
                ca.server("other.example.test")), ca.server("default.example.test"));
        return server;
    }

    private FetchResult get(String host, String path, int maxBody, int redirects) throws Exception {
        return get(server.port(), host, path, maxBody, redirects);
    }

    private FetchResult get(int port, String host, String path, int maxBody, int redirects) throws Exception {
        HttpsSettings settings = HttpsSettings.defaults("mailcensus-test (+https://scanner.example/)").withAddressPolicy(AddressPolicy.loopbackTestbed())
                .withPort(port)
                .withTimeouts(Duration.ofSeconds(2), deadline)
                .withTrustStore(ca.trustStore())
                .withMaxHeaderBytes(4096);
        if (client == null) {
            client = new HttpsClient(settings, network, gates, CLOCK);
        }
        return client.get(new HttpsUrl(host, port, path), maxBody, redirects).toCompletableFuture().get(20, TimeUnit.SECONDS);
    }

    private List<FetchResult> getThen(String first, String second, Predicate<FetchResult> wantSecond) throws Exception {
        get(HOST, "/warm-up", 1024, 0); // makes the client; its one connection is subtracted below
        return client.getThen(new HttpsUrl(HOST, server.port(), first), new HttpsUrl(HOST, server.port(), second),
                1024, 3, wantSecond).toCompletableFuture().get(20, TimeUnit.SECONDS);
    }

    private static boolean notFound(FetchResult r) {
        return r instanceof FetchResult.Response response && response.status() == 404;
    }

    private static FetchResult.Response response(FetchResult result) {
        assertThat(result).isInstanceOf(FetchResult.Response.class);
        return (FetchResult.Response) result;
    }

    private static FetchResult.Kind failure(FetchResult result) {
        assertThat(result).isInstanceOf(FetchResult.Failure.class);
        return ((FetchResult.Failure) result).kind();
    }

    @Test
    void fetchesOverTrustedTlsWithSniHostAndUserAgent() throws Exception {
        serve().route(HOST, "/hello.txt", text(200, "text/plain; charset=utf-8", "hello"));
        FetchResult.Response r = response(get(HOST, "/hello.txt", 1024, 0));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.text()).isEqualTo("hello");
        assertThat(r.contentType()).isEqualTo("text/plain; charset=utf-8");
        assertThat(r.trusted()).as(r.certificateError()).isTrue();
        LoopbackHttpsServer.Seen seen = server.requests.getFirst();
        assertThat(seen.sni()).isEqualTo(HOST);
        assertThat(seen.host()).isEqualTo(HOST + ":" + server.port());
        assertThat(seen.userAgent()).startsWith("mailcensus-test");
        assertThat(network.asked).containsExactly(HOST);
    }

    @Test
    void anUntrustedCertificateIsAVerdictBesideTheResponse() throws Exception {
        server = new LoopbackHttpsServer(IP, 0, Map.of(), TestCertificates.selfSigned(HOST));
        server.route(HOST, "/", text(200, "text/plain", "hi"));
        FetchResult.Response r = response(get(HOST, "/", 1024, 0));
        assertThat(r.trusted()).isFalse();
        assertThat(r.certificateError()).startsWith("not trusted");
        assertThat(r.text()).isEqualTo("hi");
    }

    @Test
    void aCertificateForAnotherNameIsNotTrusted() throws Exception {
        server = new LoopbackHttpsServer(IP, 0, Map.of(), ca.server("elsewhere.example.test"));
        server.route(HOST, "/", text(200, "text/plain", "hi"));
        FetchResult.Response r = response(get(HOST, "/", 1024, 0));
        assertThat(r.certificateError()).isEqualTo("certificate does not name " + HOST);
    }

    @Test
    void followsRedirectsUpToTheCapResolvingEachHop() throws Exception {
        serve().route(HOST, "/a", redirect(301, "/b"))
                .route(HOST, "/b", redirect(302, "https://other.example.test/c"))
                .route("other.example.test", "/c", text(200, "text/plain", "arrived"));
        FetchResult.Response r = response(get(HOST, "/a", 1024, 3));
        assertThat(r.text()).isEqualTo("arrived");
        assertThat(r.url().toString()).isEqualTo("https://other.example.test:" + server.port() + "/c");
        assertThat(r.redirects()).hasSize(2);
        assertThat(network.asked).containsExactly(HOST, HOST, "other.example.test");
        assertThat(server.connections.get()).isEqualTo(3);
    }

    @Test
    void stopsAtTheRedirectCap() throws Exception {
        serve().route(HOST, "/loop", redirect(302, "/loop"));
        FetchResult.Response r = response(get(HOST, "/loop", 1024, 3));
        assertThat(r.isRedirect()).isTrue();
        assertThat(server.requests).hasSize(4);
    }

    @Test
    void followsNoRedirectWhenNoneIsAllowed() throws Exception {
        serve().route(HOST, "/a", redirect(301, "/b"));
        FetchResult.Response r = response(get(HOST, "/a", 1024, 0));
        assertThat(r.status()).isEqualTo(301);
        assertThat(r.location()).isEqualTo("/b");
        assertThat(server.requests).hasSize(1);
    }

    @Test
    void neverFollowsARedirectAwayFromHttps() throws Exception {
        serve().route(HOST, "/a", redirect(301, "http://" + HOST + "/b"));
        FetchResult.Response r = response(get(HOST, "/a", 1024, 3));
        assertThat(r.status()).isEqualTo(301);
        assertThat(server.requests).hasSize(1);
    }

    @Test
    void aSecondPathAfterAMissGoesOnTheSameConnection() throws Exception {
        serve().route(HOST, "/legacy.txt", text(200, "text/plain", "here"));
        List<FetchResult> results = getThen("/well-known.txt", "/legacy.txt", HttpsClientTest::notFound);
        assertThat(response(results.get(0)).status()).isEqualTo(404);
        assertThat(response(results.get(1)).text()).isEqualTo("here");
        assertThat(response(results.get(1)).trusted()).isTrue();
        assertThat(server.connections.get() - 1).isEqualTo(1);
        assertThat(server.requests).extracting(LoopbackHttpsServer.Seen::path)
                .containsExactly("/warm-up", "/well-known.txt", "/legacy.txt");
    }

    @Test
    void noSecondRequestWhenTheFirstAnswerIsEnough() throws Exception {
        serve().route(HOST, "/well-known.txt", text(200, "text/plain", "found"));
        List<FetchResult> results = getThen("/well-known.txt", "/legacy.txt", HttpsClientTest::notFound);
        assertThat(results).hasSize(1);
        assertThat(server.requests).hasSize(2);
    }

    @Test
    void aServerThatClosesAfterTheFirstAnswerGetsTheSecondRequestOnANewConnection() throws Exception {
        serve().route(HOST, "/well-known.txt", new LoopbackHttpsServer.Reply.Ok(404, "text/html",
                        Map.of("Connection", "close"), "gone"))
                .route(HOST, "/legacy.txt", text(200, "text/plain", "here"));
        List<FetchResult> results = getThen("/well-known.txt", "/legacy.txt", HttpsClientTest::notFound);
        assertThat(response(results.get(1)).text()).isEqualTo("here");
        assertThat(server.connections.get() - 1).isEqualTo(2);
    }

    @Test
    void aRedirectedFirstRequestIsFollowedAndTheSecondGoesOnItsOwnConnection() throws Exception {
        serve().route(HOST, "/well-known.txt", redirect(301, "/moved.txt"))
                .route(HOST, "/legacy.txt", text(200, "text/plain", "here"));
        List<FetchResult> results = getThen("/well-known.txt", "/legacy.txt", HttpsClientTest::notFound);
        assertThat(response(results.get(0)).status()).isEqualTo(404);
        assertThat(response(results.get(0)).redirects()).hasSize(1);
        assertThat(response(results.get(1)).text()).isEqualTo("here");
        assertThat(server.connections.get() - 1).isEqualTo(3);
    }

    @Test
    void aSilentSecondAnswerEndsAtItsOwnDeadline() throws Exception {
        deadline = Duration.ofSeconds(1);
        serve().route(HOST, "/legacy.txt", new LoopbackHttpsServer.Reply.Silent());
        List<FetchResult> results = getThen("/well-known.txt", "/legacy.txt", HttpsClientTest::notFound);
        assertThat(response(results.get(0)).status()).isEqualTo(404);
        assertThat(failure(results.get(1))).isEqualTo(FetchResult.Kind.TIMEOUT);
        assertThat(server.connections.get() - 1).isEqualTo(1);
    }

    @Test
    void aSlowDripEndsAtTheDeadline() throws Exception {
        deadline = Duration.ofSeconds(1);
        serve().route(HOST, "/drip", new LoopbackHttpsServer.Reply.Drip(50));
        assertThat(failure(get(HOST, "/drip", 1_000_000, 0))).isEqualTo(FetchResult.Kind.TIMEOUT);
    }

    @Test
    void aSilentServerEndsAtTheDeadline() throws Exception {
        deadline = Duration.ofSeconds(1);
        serve().route(HOST, "/silent", new LoopbackHttpsServer.Reply.Silent());
        assertThat(failure(get(HOST, "/silent", 1024, 0))).isEqualTo(FetchResult.Kind.TIMEOUT);
    }

    @Test
    void aServerThatNeverStartsTheHandshakeEndsAtTheDeadline() throws Exception {
        deadline = Duration.ofSeconds(1);
        server = LoopbackHttpsServer.mute(IP);
        assertThat(failure(get(HOST, "/", 1024, 0))).isEqualTo(FetchResult.Kind.TIMEOUT);
    }

    @Test
    void anEndlessBodyIsCutAtTheCap() throws Exception {
        serve().route(HOST, "/endless", new LoopbackHttpsServer.Reply.Endless());
        FetchResult.Response r = response(get(HOST, "/endless", 64 * 1024, 0));
        assertThat(r.truncated()).isTrue();
        assertThat(r.body()).hasSize(64 * 1024);
    }

    @Test
    void aBodyOfExactlyTheCapIsWhole() throws Exception {
        serve().route(HOST, "/exact", text(200, "text/plain", "x".repeat(100)));
        FetchResult.Response r = response(get(HOST, "/exact", 100, 0));
        assertThat(r.truncated()).isFalse();
        assertThat(r.body()).hasSize(100);
    }

    @Test
    void headersOverTheCapAreAProtocolFailure() throws Exception {
        serve().route(HOST, "/huge", new LoopbackHttpsServer.Reply.HugeHeader(64 * 1024));
        assertThat(failure(get(HOST, "/huge", 1024, 0))).isEqualTo(FetchResult.Kind.PROTOCOL);
    }

    @Test
    void garbageInsteadOfTlsIsATlsFailure() throws Exception {
        server = LoopbackHttpsServer.garbage(IP);
        assertThat(failure(get(HOST, "/", 1024, 0))).isEqualTo(FetchResult.Kind.TLS);
    }

    @Test
    void aClosedPortIsRefused() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, IP)) {
            port = socket.getLocalPort();
        }
        assertThat(failure(get(port, HOST, "/", 1024, 0))).isEqualTo(FetchResult.Kind.REFUSED);
    }

    @Test
    void aNameWithoutAddressIsNoAddressAndAFailedLookupIsADnsError() throws Exception {
        serve();
        assertThat(failure(get("nowhere.example.test", "/", 1024, 0))).isEqualTo(FetchResult.Kind.NO_ADDRESS);
        assertThat(failure(get(TestNetwork.DNS_FAILURE, "/", 1024, 0))).isEqualTo(FetchResult.Kind.DNS_ERROR);
        assertThat(server.connections.get()).isZero();
    }

    private static LoopbackHttpsServer.Reply comeBack(int status, String retryAfter) {
        return new LoopbackHttpsServer.Reply.Ok(status, "text/html",
                retryAfter == null ? Map.of() : Map.of("Retry-After", retryAfter), "not now");
    }

    @Test
    void a429IsAskedAgainAfterTheServersPauseAndTheSecondAnswerStands() throws Exception {
        // the gate honours Retry-After up to its longest delay: 5 s here
        gates = new HostGates(new PolitenessSettings(1, 60_000, 0, Duration.ofSeconds(5), Duration.ofMillis(1),
                Duration.ofMillis(5), 100, Duration.ofMinutes(1)), Scheduler.system());
        serve().routeOnce(HOST, "/a", comeBack(429, "1")).route(HOST, "/a", text(200, "text/plain", "now"));
        long t0 = System.nanoTime();
        FetchResult.Response r = response(get(HOST, "/a", 1024, 0));
        long tookMillis = (System.nanoTime() - t0) / 1_000_000;
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.text()).isEqualTo("now");
        assertThat(server.requests).hasSize(2);
        assertThat(tookMillis).as("the second request waited for Retry-After: 1").isGreaterThanOrEqualTo(950);
        assertThat(client.comeBackTries()).isEqualTo(1);
        assertThat(client.comeBackAnswered()).isEqualTo(1);
    }

    @Test
    void aServerThatSaysNotNowTwiceGetsNoThirdRequestAndItsAnswerStands() throws Exception {
        serve().route(HOST, "/a", comeBack(429, null));
        assertThat(response(get(HOST, "/a", 1024, 0)).status()).isEqualTo(429);
        assertThat(server.requests).hasSize(2);
        assertThat(client.comeBackAnswered()).isZero();
    }

    @Test
    void a503IsAskedAgainOnlyWhenItSaysWhen() throws Exception {
        serve().route(HOST, "/broken", comeBack(503, null)).routeOnce(HOST, "/busy", comeBack(503, "0"))
                .route(HOST, "/busy", text(200, "text/plain", "back"));
        assertThat(response(get(HOST, "/broken", 1024, 0)).status()).isEqualTo(503);
        assertThat(server.requests).hasSize(1);
        assertThat(response(get(HOST, "/busy", 1024, 0)).text()).isEqualTo("back");
        assertThat(server.requests).hasSize(3);
    }

    @Test
    void a429ToTheSecondRequestOfAConnectionIsAskedAgainOnAConnectionOfItsOwn() throws Exception {
        serve().routeOnce(HOST, "/legacy.txt", comeBack(429, "0")).route(HOST, "/legacy.txt", text(200, "text/plain", "here"));
        List<FetchResult> results = getThen("/well-known.txt", "/legacy.txt", HttpsClientTest::notFound);
        assertThat(response(results.get(0)).status()).isEqualTo(404);
        assertThat(response(results.get(1)).text()).isEqualTo("here");
        assertThat(server.requests).extracting(LoopbackHttpsServer.Seen::path)
                .containsExactly("/warm-up", "/well-known.txt", "/legacy.txt", "/legacy.txt");
        assertThat(server.connections.get() - 1).isEqualTo(2);
    }

    @Test
    void everyConnectionPassesItsIpGateAndAQuarantinedHostIsLeftAlone() throws Exception {
        gates = TestNetwork.quickGates(2);
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, IP)) {
            port = socket.getLocalPort();
        }
        assertThat(failure(get(port, HOST, "/", 1024, 0))).isEqualTo(FetchResult.Kind.REFUSED);
        assertThat(failure(get(port, HOST, "/", 1024, 0))).isEqualTo(FetchResult.Kind.REFUSED);
        assertThat(gates.isQuarantined(IP)).isTrue();
        assertThat(failure(get(port, "other.example.test", "/", 1024, 0))).isEqualTo(FetchResult.Kind.QUARANTINED);
    }
}
