package io.mailcensus.store.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailcensus.store.ChdbStore;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code serve} as started without options, on loopback, tried as a hostile client would: only
 * reading statements run, nothing reaches files or the network, browsers of other origins are
 * refused, and a slow query is cut at the time limit while others answer.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServeIsSafeByDefaultIT {

    @TempDir
    static Path dir;

    private final HttpClient http = HttpClient.newHttpClient();
    private ChdbStore store;
    private ClickHouseHttpServer server;

    @BeforeAll
    void start() throws Exception {
        store = ChdbStore.open(dir.resolve("store"));
        store.migrate();
        server = ClickHouseHttpServer.start(store, ServeOptions.readOnly(new InetSocketAddress("127.0.0.1", 0))
                .withLimits(1 << 20, Duration.ofSeconds(2), 1L << 30)
                .withAllowedHosts(Set.of("census.example")));
    }

    @AfterAll
    void stop() {
        server.close();
        store.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "DROP TABLE scans",
            "INSERT INTO scans (id) VALUES ('x')",
            "CREATE TABLE evil (a Int8) ENGINE = Memory",
            "SET readonly = 0",
            "SELECT 1 SETTINGS readonly = 0",
            "  /* hi */ -- there\n  dRoP   TABLE scans",
            "SELECT 1; DROP TABLE scans",
            "(SELECT 1); DROP TABLE scans",
            "SYSTEM SHUTDOWN",
            "SELECT * FROM file('/etc/hostname', 'LineAsString')",
            "SELECT file('/etc/hostname')",
            "select * from FILE($$/etc/hostname$$, 'LineAsString')",
            "SELECT * FROM `file`('/etc/hostname', 'LineAsString')",
            "SELECT * FROM url('http://127.0.0.1:9/', 'LineAsString')",
            "SELECT * FROM remote('127.0.0.1:9000', system.one)",
            "SELECT * FROM s3('http://127.0.0.1:9/b/k', 'CSV')",
            "SELECT 1 INTO OUTFILE '/tmp/mailcensus-outfile-test'",
            "INSERT INTO FUNCTION file('/tmp/mailcensus-insert-test', 'CSV') SELECT 1",
            "SELECT * FROM mysql('127.0.0.1:3306', 'db', 't', 'u', 'p')",
            "SELECT * FROM executable('cat /etc/hostname', 'LineAsString', 'x String')",
    })
    void writesAndTheOutsideAreRefusedWithClickHousesErrorAnd4xx(String sql) throws Exception {
        HttpResponse<String> response = post("/", sql);

        assertThat(response.statusCode()).as(response.body()).isBetween(400, 499);
        assertThat(response.body()).matches("(?s)Code: \\d+\\. DB::Exception: .*\\(\\w+\\)\\n");
        assertThat(response.headers().firstValue("X-ClickHouse-Exception-Code")).isPresent();
        assertThat(count("SELECT count() FROM system.tables WHERE database = currentDatabase() AND name = 'scans'"))
                .isEqualTo(1);
    }

    @Test
    void aRefusedWriteSaysReadOnlyInClickHousesWords() throws Exception {
        HttpResponse<String> response = post("/", "DROP TABLE scans");

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).startsWith("Code: 164. DB::Exception:").contains("(READONLY)");
        assertThat(response.headers().firstValue("X-ClickHouse-Exception-Code")).hasValue("164");
    }

    @Test
    void anInsertByGetOrWithItsDataInTheBodyIsRefused() throws Exception {
        HttpResponse<String> byGet = get("/?query=" + enc("INSERT INTO scans (id) VALUES ('g')"));
        HttpResponse<String> streamed = post("/?query=" + enc("INSERT INTO scans FORMAT JSONEachRow"), "{\"id\":\"p\"}\n");

        assertThat(byGet.statusCode()).isEqualTo(403);
        assertThat(byGet.body()).startsWith("Code: 164.");
        assertThat(streamed.statusCode()).isEqualTo(403);
        assertThat(streamed.body()).startsWith("Code: 164.");
        assertThat(count("SELECT count() FROM scans")).isZero();
    }

    @Test
    void nothingWasWrittenToTheFileSystem() throws Exception {
        post("/", "SELECT 1 INTO OUTFILE '/tmp/mailcensus-outfile-test'");

        assertThat(Path.of("/tmp/mailcensus-outfile-test")).doesNotExist();
    }

    @Test
    void selectShowTablesDescribeExistsAndExplainWork() throws Exception {
        assertThat(post("/", "SELECT 1 + 1").body()).isEqualTo("2\n");
        assertThat(post("/", "  -- a comment first\n (SELECT count() FROM domain_results)").body()).isEqualTo("0\n");
        assertThat(post("/", "WITH 2 AS x SELECT x * 3").body()).isEqualTo("6\n");
        assertThat(post("/", "SHOW TABLES").body()).contains("domain_results").contains("scans");
        assertThat(post("/", "DESCRIBE domain_results").body()).contains("scan_id\tString");
        assertThat(post("/", "EXISTS TABLE scans").body()).isEqualTo("1\n");
        assertThat(post("/", "EXPLAIN SELECT 1").statusCode()).isEqualTo(200);
        assertThat(get("/?query=" + enc("SELECT 'by get' FORMAT JSONEachRow")).body()).isEqualTo("{\"'by get'\":\"by get\"}\n");
    }

    @Test
    void aCrossOriginPostIsRefusedAndTheServersOwnOriginIsNot() throws Exception {
        HttpResponse<String> foreign = http.send(HttpRequest.newBuilder(uri("/"))
                .header("Origin", "http://evil.example").header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("SELECT 1")).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> own = http.send(HttpRequest.newBuilder(uri("/"))
                .header("Origin", "http://127.0.0.1:" + server.port())
                .POST(HttpRequest.BodyPublishers.ofString("SELECT 1")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(foreign.statusCode()).isEqualTo(403);
        assertThat(foreign.body()).startsWith("Code: 497.").contains("(ACCESS_DENIED)");
        assertThat(own.body()).isEqualTo("1\n");
    }

    @Test
    void aHostNameThatIsNotTheServersIsRefused() throws Exception {
        // What a page on a rebinding name sees: the name it came from in Host, the server's address behind it.
        HttpResponse<String> rebound = rawPost("rebind.attacker.example", "SELECT 1");
        HttpResponse<String> configured = rawPost("census.example:" + server.port(), "SELECT 1");

        assertThat(rebound.statusCode()).isEqualTo(403);
        assertThat(rebound.body()).startsWith("Code: 497.");
        assertThat(configured.body()).isEqualTo("1\n");
    }

    @Test
    void aBodyOverTheLimitIsRefusedWith413() throws Exception {
        String big = "SELECT '" + "x".repeat(2 << 20) + "'";

        HttpResponse<String> response = post("/", big);

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).startsWith("Code: 131.");
    }

    @Test
    void aSleepingQueryIsCutAtTheTimeLimitWhileAConcurrentSelectAnswers() throws Exception {
        CompletableFuture<HttpResponse<String>> sleeping = http.sendAsync(HttpRequest.newBuilder(uri("/"))
                .POST(HttpRequest.BodyPublishers.ofString(SLEEPER)).build(),
                HttpResponse.BodyHandlers.ofString());
        Thread.sleep(300);

        HttpResponse<String> meanwhile = post("/", "SELECT count() FROM system.one");
        boolean sleeperStillRunning = !sleeping.isDone();
        HttpResponse<String> cut = sleeping.get();

        assertThat(meanwhile.body()).isEqualTo("1\n");
        assertThat(sleeperStillRunning).isTrue();
        assertThat(cut.statusCode()).isEqualTo(500);
        assertThat(cut.body()).startsWith("Code: 159.").contains("TIMEOUT_EXCEEDED");
        for (int i = 0; i < 12; i++) {
            assertThat(post("/", "SELECT 'after " + i + "'").body()).as("query %d after the cut", i).isEqualTo("after " + i + "\n");
        }
    }

    @Test
    void aClientsSettingsCannotLiftTheTimeLimit() throws Exception {
        HttpResponse<String> inQuery = post("/", "SELECT 1 SETTINGS max_execution_time = 0");

        assertThat(inQuery.statusCode()).isEqualTo(403);
        assertThat(post("/?max_execution_time=0&readonly=0", "SELECT getSetting('readonly'), getSetting('max_execution_time')").body())
                .isEqualTo("1\t2\n");
    }

    @Test
    void aQueryOverTheMemoryLimitIsStoppedAndTheServerAnswersOn() throws Exception {
        try (ClickHouseHttpServer small = ClickHouseHttpServer.start(store,
                ServeOptions.readOnly(new InetSocketAddress("127.0.0.1", 0))
                        .withLimits(1 << 20, Duration.ofSeconds(30), 64L << 20))) {
            URI uri = URI.create("http://127.0.0.1:" + small.port() + "/");
            HttpResponse<String> greedy = http.send(HttpRequest.newBuilder(uri)
                    .POST(HttpRequest.BodyPublishers.ofString("SELECT length(groupArray(number)) FROM numbers(100000000)"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> after = http.send(HttpRequest.newBuilder(uri)
                    .POST(HttpRequest.BodyPublishers.ofString("SELECT 'still here'")).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(greedy.statusCode()).isEqualTo(500);
            assertThat(greedy.body()).startsWith("Code: 241.").contains("MEMORY_LIMIT_EXCEEDED");
            assertThat(after.body()).isEqualTo("still here\n");
        }
    }

    @Test
    void whenEverySessionIsBusyAQueryIsAnswered503AfterABoundedWait() throws Exception {
        try (ClickHouseHttpServer small = ClickHouseHttpServer.start(store,
                ServeOptions.readOnly(new InetSocketAddress("127.0.0.1", 0))
                        .withLimits(1 << 20, Duration.ofSeconds(3), 1L << 30)
                        .withSessions(1, Duration.ofMillis(200)))) {
            URI uri = URI.create("http://127.0.0.1:" + small.port() + "/");
            CompletableFuture<HttpResponse<String>> sleeping = http.sendAsync(HttpRequest.newBuilder(uri)
                    .POST(HttpRequest.BodyPublishers.ofString(SLEEPER)).build(),
                    HttpResponse.BodyHandlers.ofString());
            Thread.sleep(300);

            HttpResponse<String> busy = http.send(HttpRequest.newBuilder(uri)
                    .POST(HttpRequest.BodyPublishers.ofString("SELECT 1")).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(busy.statusCode()).isEqualTo(503);
            assertThat(busy.body()).startsWith("Code: 202.");
            assertThat(sleeping.get().body()).startsWith("Code: 159.");
        }
    }

    /** One second per block, one row per block, as long as it is allowed to run. */
    private static final String SLEEPER = "SELECT sleepEachRow(1) FROM system.numbers WHERE number % 1000000 = 0";

    private long count(String sql) {
        return Long.parseLong(store.query(sql, "TabSeparated").strip());
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A POST with a Host header of our choosing (java.net.http will not set Host), over a plain socket. */
    private HttpResponse<String> rawPost(String host, String sql) throws Exception {
        try (var socket = new java.net.Socket("127.0.0.1", server.port())) {
            byte[] body = sql.getBytes(StandardCharsets.UTF_8);
            socket.getOutputStream().write(("POST / HTTP/1.1\r\nHost: " + host + "\r\nContent-Length: " + body.length
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().write(body);
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int status = Integer.parseInt(answer.substring(9, 12));
            String content = answer.substring(answer.indexOf("\r\n\r\n") + 4);
            return new RawResponse(status, content);
        }
    }

    private record RawResponse(int statusCode, String body) implements HttpResponse<String> {
        public HttpRequest request() { return null; }
        public java.util.Optional<HttpResponse<String>> previousResponse() { return java.util.Optional.empty(); }
        public java.net.http.HttpHeaders headers() { return java.net.http.HttpHeaders.of(java.util.Map.of(), (a, b) -> true); }
        public java.util.Optional<javax.net.ssl.SSLSession> sslSession() { return java.util.Optional.empty(); }
        public URI uri() { return null; }
        public HttpClient.Version version() { return HttpClient.Version.HTTP_1_1; }
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

}
