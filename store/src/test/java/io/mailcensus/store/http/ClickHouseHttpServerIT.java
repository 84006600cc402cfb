package io.mailcensus.store.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailcensus.store.ChdbStore;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The HTTP interface as curl and Grafana use it, over a temporary embedded store. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClickHouseHttpServerIT {

    @TempDir
    static Path dir;

    private final HttpClient http = HttpClient.newHttpClient();
    private ChdbStore store;
    private ClickHouseHttpServer server;

    @BeforeAll
    void start() throws Exception {
        store = ChdbStore.open(dir.resolve("store"));
        store.migrate();
        store.queryBytes("CREATE TABLE IF NOT EXISTS http_t (k UInt32, v String) ENGINE = MergeTree ORDER BY k", "TabSeparated");
        server = ClickHouseHttpServer.startLocalWritable(store, 0);
    }

    @AfterAll
    void stop() {
        server.close();
        store.close();
    }

    @Test
    void pingAnswersOk() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri("/ping")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("Ok.\n");
    }

    @Test
    void itListensOnLoopbackByDefault() {
        assertThat(server.address().getAddress().isLoopbackAddress()).isTrue();
    }

    @Test
    void aQueryInTheBodyAnswersTabSeparatedWithClickHousesHeaders() throws Exception {
        HttpResponse<String> response = post("/", "SELECT count() FROM domain_results");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("0\n");
        assertThat(response.headers().firstValue("X-ClickHouse-Format")).hasValue("TabSeparated");
        assertThat(response.headers().firstValue("X-ClickHouse-Summary")).hasValueSatisfying(s -> assertThat(s).contains("\"written_rows\""));
        assertThat(response.headers().firstValue("X-ClickHouse-Query-Id")).isPresent();
        assertThat(response.headers().firstValue("X-ClickHouse-Server-Display-Name")).isPresent();
        assertThat(response.headers().firstValue("X-ClickHouse-Timezone")).isPresent();
    }

    @Test
    void aQueryInTheUrlWithAFormatClauseAnswersInThatFormat() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                uri("/?query=" + enc("SELECT 1 AS one FORMAT JSONEachRow"))).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.body()).isEqualTo("{\"one\":1}\n");
        assertThat(response.headers().firstValue("X-ClickHouse-Format")).hasValue("JSONEachRow");
    }

    @Test
    void defaultFormatAndTheFormatHeaderChooseTheOutput() throws Exception {
        assertThat(post("/?default_format=CSV", "SELECT 'a', 2").body()).isEqualTo("\"a\",2\n");
        HttpResponse<String> byHeader = http.send(HttpRequest.newBuilder(uri("/"))
                .header("X-ClickHouse-Format", "JSONCompactEachRow")
                .POST(HttpRequest.BodyPublishers.ofString("SELECT 'a', 2")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(byHeader.body()).isEqualTo("[\"a\", 2]\n");
    }

    @Test
    void queryParametersAreBoundAsTypedValues() throws Exception {
        HttpResponse<String> response = post("/?param_n=41&param_s=" + enc("it's"),
                "SELECT {n:UInt8} + 1, {s:String}, toTypeName({n:UInt8})");

        assertThat(response.body()).isEqualTo("42\tit\\'s\tUInt8\n");
    }

    @Test
    void anEngineErrorIsHttp500WithItsCodeAndText() throws Exception {
        HttpResponse<String> response = post("/", "SELECT no_such_column FROM domain_results");

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body()).startsWith("Code: 47. DB::Exception:");
        assertThat(response.headers().firstValue("X-ClickHouse-Exception-Code")).hasValue("47");
    }

    @Test
    void insertDataFollowsAQueryInTheUrlOrTheStatementInTheBody() throws Exception {
        post("/?query=" + enc("INSERT INTO http_t FORMAT TabSeparated"), "1\tone\n2\ttwo\n");
        post("/", "INSERT INTO http_t FORMAT JSONEachRow\n{\"k\":3,\"v\":\"three\"}\n");
        post("/", "INSERT INTO http_t VALUES (4, 'four')");

        assertThat(post("/", "SELECT k, v FROM http_t WHERE k < 10 ORDER BY k").body()).isEqualTo("1\tone\n2\ttwo\n3\tthree\n4\tfour\n");
    }

    @Test
    void withWritesAllowedAWriteByGetIsStillRefused() throws Exception {
        HttpResponse<String> byGet = http.send(HttpRequest.newBuilder(
                uri("/?query=" + enc("INSERT INTO http_t VALUES (90, 'get')"))).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(byGet.statusCode()).isEqualTo(403);
        assertThat(byGet.body()).startsWith("Code: 164.").contains("method GET implies readonly");
        assertThat(post("/", "SELECT count() FROM http_t WHERE k = 90").body()).isEqualTo("0\n");
    }

    @Test
    void withWritesAllowedFilesAndTheNetworkAreStillRefused() throws Exception {
        for (String sql : new String[] {
                "INSERT INTO http_t SELECT 91, line FROM file('/etc/hostname', 'LineAsString')",
                "INSERT INTO FUNCTION file('/tmp/mailcensus-http-it', 'CSV') SELECT 1",
                "CREATE TABLE web (a String) ENGINE = URL('http://127.0.0.1:9/', CSV)"}) {
            HttpResponse<String> response = post("/", sql);

            assertThat(response.statusCode()).as(sql).isEqualTo(403);
            assertThat(response.body()).as(sql).contains("(ACCESS_DENIED)");
        }
        // an expression in VALUES rows is not evaluated: the writing session reads literals only
        HttpResponse<String> values = post("/", "INSERT INTO http_t VALUES (92, file('/etc/hostname'))");
        assertThat(values.statusCode()).isBetween(400, 599);
        assertThat(post("/", "SELECT count() FROM http_t WHERE k >= 91").body()).isEqualTo("0\n");
    }

    @Test
    void settingsInTheUrlApplyToAnInsert() throws Exception {
        HttpResponse<String> refused = post("/?query=" + enc("INSERT INTO http_t FORMAT JSONEachRow")
                + "&input_format_skip_unknown_fields=0", "{\"k\":10,\"v\":\"x\",\"extra\":1}\n");
        HttpResponse<String> skipped = post("/?query=" + enc("INSERT INTO http_t FORMAT JSONEachRow")
                + "&input_format_skip_unknown_fields=1", "{\"k\":11,\"v\":\"y\",\"extra\":1}\n");

        assertThat(refused.statusCode()).isEqualTo(500);
        assertThat(skipped.statusCode()).isEqualTo(200);
        assertThat(post("/", "SELECT k FROM http_t WHERE k >= 10 AND k < 90").body()).isEqualTo("11\n");
    }

    @Test
    void compressOneAnswersInClickHousesBlockFraming() throws Exception {
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(uri("/?compress=1"))
                .POST(HttpRequest.BodyPublishers.ofString("SELECT number FROM numbers(100000)")).build(),
                HttpResponse.BodyHandlers.ofByteArray());

        assertThat(response.body()[16]).isEqualTo((byte) 0x82);
        String text = new String(CompressedBlocks.decompressAll(response.body()), StandardCharsets.UTF_8);
        assertThat(text.lines().count()).isEqualTo(100_000);
        assertThat(text).endsWith("99999\n");
    }

    @Test
    void decompressOneReadsACompressedRequestBody() throws Exception {
        ByteArrayOutputStream framed = new ByteArrayOutputStream();
        try (OutputStream out = CompressedBlocks.writer(framed)) {
            out.write("SELECT 'from a compressed body'".getBytes(StandardCharsets.UTF_8));
        }
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri("/?decompress=1"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(framed.toByteArray())).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.body()).isEqualTo("from a compressed body\n");
    }

    @Test
    void gzipIsUsedBothWaysWhenHttpCompressionIsEnabled() throws Exception {
        ByteArrayOutputStream zipped = new ByteArrayOutputStream();
        try (OutputStream out = new java.util.zip.GZIPOutputStream(zipped)) {
            out.write("SELECT 'zipped'".getBytes(StandardCharsets.UTF_8));
        }
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(uri("/?enable_http_compression=1"))
                .header("Content-Encoding", "gzip").header("Accept-Encoding", "gzip")
                .POST(HttpRequest.BodyPublishers.ofByteArray(zipped.toByteArray())).build(),
                HttpResponse.BodyHandlers.ofByteArray());

        assertThat(response.headers().firstValue("Content-Encoding")).hasValue("gzip");
        try (var in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(response.body()))) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("zipped\n");
        }
    }

    @Test
    void grafanasNativeFormatIsServed() throws Exception {
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(uri("/?default_format=Native"))
                .POST(HttpRequest.BodyPublishers.ofString("SELECT timeZone()")).build(),
                HttpResponse.BodyHandlers.ofByteArray());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("X-ClickHouse-Format")).hasValue("Native");
        assertThat(new String(response.body(), StandardCharsets.ISO_8859_1)).contains("String");
    }

    @Test
    void setAndUseDoNotChangeTheSharedEmbeddedSession() throws Exception {
        assertThat(post("/", "USE system").statusCode()).isEqualTo(200);

        assertThat(post("/", "SELECT currentDatabase()").body()).isEqualTo(ChdbStore.DATABASE + "\n");
    }

    @Test
    void anotherDatabaseThanTheStoresIsRefused() throws Exception {
        HttpResponse<String> response = post("/?database=elsewhere", "SELECT 1");

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body()).startsWith("Code: 81.");
    }

    @Test
    void withCredentialsSetARequestMustAuthenticate() throws Exception {
        try (ClickHouseHttpServer guarded = ClickHouseHttpServer.start(store, new InetSocketAddress("127.0.0.1", 0),
                new ClickHouseHttpServer.Credentials("grafana", "s3cret"))) {
            URI uri = URI.create("http://127.0.0.1:" + guarded.port() + "/");
            HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(uri)
                    .POST(HttpRequest.BodyPublishers.ofString("SELECT 1")).build(), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> loggedIn = http.send(HttpRequest.newBuilder(uri)
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("grafana:s3cret".getBytes()))
                    .POST(HttpRequest.BodyPublishers.ofString("SELECT 1")).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(anonymous.statusCode()).isEqualTo(401);
            assertThat(anonymous.body()).startsWith("Code: 516.");
            assertThat(loggedIn.body()).isEqualTo("1\n");
        }
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
