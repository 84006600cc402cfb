package io.mailcensus.store.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.mailcensus.store.ChdbStore;
import io.mailcensus.store.StoreException;
import io.mailcensus.store.chdb.ChdbInsert;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.InflaterInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ClickHouse's HTTP interface over the embedded store, so that clickhouse-jdbc, Grafana's
 * ClickHouse data source and {@code curl} can read (and write) a single-machine store as if it
 * were a ClickHouse server. What it serves:
 * <ul>
 *   <li>{@code GET /ping} (and {@code GET /} without a query): {@code Ok.}
 *   <li>the query in the POST body, in {@code ?query=}, or both (then the body follows the
 *       parameter, and for an INSERT it is the data); INSERT data is streamed to the engine;
 *   <li>the output format from a {@code FORMAT} clause, else {@code default_format} or the
 *       {@code X-ClickHouse-Format} header, else TabSeparated;
 *   <li>query parameters {@code param_NAME} for {@code {NAME:Type}} ({@link QueryParameters});
 *   <li>{@code compress=1}: the answer in ClickHouse's compressed block framing;
 *       {@code decompress=1}: a request body in that framing ({@link CompressedBlocks});
 *       {@code enable_http_compression=1} with {@code Accept-Encoding: gzip} or
 *       {@code deflate}, and request bodies in those {@code Content-Encoding}s;
 *   <li>the response headers clients read ({@code X-ClickHouse-Format}, {@code -Summary},
 *       {@code -Query-Id}, {@code -Server-Display-Name}, {@code -Timezone}); errors as HTTP 500
 *       with the engine's {@code Code: N. DB::Exception: ...} text and
 *       {@code X-ClickHouse-Exception-Code}.
 * </ul>
 * It has no sessions, as a ClickHouse server without {@code session_id}: {@code SET} and
 * {@code USE} statements are accepted and have no lasting effect (they must not change the
 * shared embedded session). Settings passed as URL parameters apply to INSERTs with their data
 * (as the statement's SETTINGS clause); for other statements they are ignored. The store's
 * database ({@value ChdbStore#DATABASE}) is the only one served as the current database;
 * {@code default} is taken to mean it, so a client that names no database, or
 * {@code /default} in a JDBC URL, sees the store's tables.
 *
 * <p>Binds 127.0.0.1 unless told otherwise; with credentials set, requests must authenticate
 * (HTTP basic, {@code X-ClickHouse-User}/{@code X-ClickHouse-Key}, or {@code user}/{@code password}).
 */
public final class ClickHouseHttpServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ClickHouseHttpServer.class);

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8123;
    static final String DISPLAY_NAME = "mailcensus";

    /** The start of an INSERT body: the statement up to {@code FORMAT name}, then the data. */
    private static final Pattern INSERT_WITH_FORMAT =
            Pattern.compile("(?is)^(\\s*INSERT\\s+INTO\\s.*?)\\bFORMAT\\s+([A-Za-z0-9_]+)[ \\t]*(?:\\r?\\n)?");
    /** Enough of a body to hold any INSERT statement before its data. */
    private static final int STATEMENT_PREFIX = 256 << 10;
    private static final int DATA_CHUNK = 1 << 20;

    private final ChdbStore store;
    private final Credentials credentials;
    private final HttpServer server;
    private final ExecutorService executor;
    private final String timezone;

    /** A user name and password the requests must carry; {@link #NONE} for an open endpoint. */
    public record Credentials(String user, String password) {
        public static final Credentials NONE = new Credentials(null, null);

        boolean required() {
            return user != null;
        }
    }

    private ClickHouseHttpServer(ChdbStore store, InetSocketAddress address, Credentials credentials) throws IOException {
        this.store = store;
        this.credentials = credentials;
        this.timezone = store.query("SELECT timezone()", "TabSeparatedRaw").strip();
        this.server = HttpServer.create(address, 64);
        // The engine runs one statement at a time; a few threads keep pings and slow readers apart.
        this.executor = Executors.newFixedThreadPool(4, Thread.ofPlatform().name("clickhouse-http-", 0).daemon(true).factory());
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Serves {@code store} on {@code address} until closed (port 0 picks a free port). */
    public static ClickHouseHttpServer start(ChdbStore store, InetSocketAddress address, Credentials credentials)
            throws IOException {
        return new ClickHouseHttpServer(store, address, credentials);
    }

    /** Serves {@code store} on 127.0.0.1 at {@code port}, without authentication. */
    public static ClickHouseHttpServer startLocal(ChdbStore store, int port) throws IOException {
        return start(store, new InetSocketAddress(DEFAULT_HOST, port), Credentials.NONE);
    }

    public InetSocketAddress address() {
        return server.getAddress();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Stops accepting requests and waits up to a second for running ones. */
    @Override
    public void close() {
        server.stop(1);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String queryId = UUID.randomUUID().toString();
        try {
            HttpRequestQuery request = HttpRequestQuery.parse(exchange.getRequestURI().getRawQuery());
            queryId = request.params().getOrDefault("query_id", queryId);
            if (log.isDebugEnabled()) {
                log.debug("{} {} {}", exchange.getRequestMethod(), exchange.getRequestURI(),
                        exchange.getRequestHeaders().entrySet());
            }
            if (credentials.required() && !authenticated(exchange, request)) {
                exchange.getRequestBody().transferTo(OutputStream.nullOutputStream());
                sendError(exchange, 401, queryId, 516, "Code: 516. DB::Exception: " + userOf(exchange, request)
                        + ": Authentication failed: password is incorrect, or there is no user with such name."
                        + " (AUTHENTICATION_FAILED)");
                return;
            }
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            if (path.equals("/ping") || path.equals("/replicas_status")
                    || (path.equals("/") && !method.equals("POST") && request.get("query") == null)) {
                sendText(exchange, 200, "Ok.\n");
                return;
            }
            if (!path.equals("/")) {
                sendError(exchange, 404, queryId, 0, "There is no handle " + path + "\n\nUse / or /ping\n");
                return;
            }
            serveQuery(exchange, request, queryId);
        } catch (StoreException e) {
            int code = e.engineCode() > 0 ? e.engineCode() : 1001;
            String text = e.engineCode() > 0 ? e.getMessage() : "Code: 1001. DB::Exception: " + e.getMessage() + ". (STD_EXCEPTION)";
            sendError(exchange, 500, queryId, code, text);
        } catch (IOException | RuntimeException e) {
            log.warn("ClickHouse HTTP request failed", e);
            sendError(exchange, 500, queryId, 1001, "Code: 1001. DB::Exception: " + e + ". (STD_EXCEPTION)");
        } finally {
            exchange.close();
        }
    }

    private void serveQuery(HttpExchange exchange, HttpRequestQuery request, String queryId) throws IOException {
        long started = System.nanoTime();
        checkDatabase(firstNonNull(request.get("database"), exchange.getRequestHeaders().getFirst("X-ClickHouse-Database")));
        String defaultFormat = firstNonNull(request.get("default_format"),
                exchange.getRequestHeaders().getFirst("X-ClickHouse-Format"), "TabSeparated");
        InputStream body = requestBody(exchange, request);
        String urlQuery = request.get("query");
        Map<String, String> parameters = request.queryParameters();

        if (urlQuery != null && HttpRequestQuery.firstKeyword(urlQuery).equals("INSERT")) {
            Matcher insert = INSERT_WITH_FORMAT.matcher(urlQuery);
            if (insert.find() && urlQuery.substring(insert.end()).isBlank()) {
                long rows = insert(withSettings(QueryParameters.bind(insert.group(1), parameters), request.settingsClause()),
                        insert.group(2), new byte[0], body);
                sendResult(exchange, request, queryId, defaultFormat, new byte[0], rows, started);
                return;
            }
        }
        byte[] prefix = body.readNBytes(STATEMENT_PREFIX);
        if (urlQuery == null && HttpRequestQuery.firstKeyword(new String(prefix, StandardCharsets.UTF_8)).equals("INSERT")) {
            Matcher insert = INSERT_WITH_FORMAT.matcher(new String(prefix, StandardCharsets.ISO_8859_1));
            if (insert.find()) {
                String sql = new String(prefix, 0, insert.end(1), StandardCharsets.UTF_8);
                byte[] data = java.util.Arrays.copyOfRange(prefix, insert.end(), prefix.length);
                long rows = insert(withSettings(QueryParameters.bind(sql, parameters), request.settingsClause()),
                        insert.group(2), data, body);
                sendResult(exchange, request, queryId, defaultFormat, new byte[0], rows, started);
                return;
            }
        }
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        if (urlQuery != null) {
            text.writeBytes(urlQuery.getBytes(StandardCharsets.UTF_8));
            text.write(' ');
        }
        text.writeBytes(prefix);
        body.transferTo(text);
        String sql = QueryParameters.bind(text.toString(StandardCharsets.UTF_8), parameters);
        if (sql.isBlank()) {
            throw StoreException.fromEngine("Code: 62. DB::Exception: Empty query. (SYNTAX_ERROR)", sql);
        }
        String keyword = HttpRequestQuery.firstKeyword(sql);
        if (keyword.equals("SET") || keyword.equals("USE")) {
            // Without a session a server forgets these after the request; so does this endpoint,
            // and it must not run them on the one embedded session everyone shares.
            sendResult(exchange, request, queryId, defaultFormat, new byte[0], 0, started);
            return;
        }
        String format = firstNonNull(HttpRequestQuery.formatIn(sql), defaultFormat);
        byte[] output = store.queryBytes(sql, format);
        sendResult(exchange, request, queryId, format, output, 0, started);
    }

    /** {@code insert} (an INSERT up to its FORMAT) with the request's settings in its SETTINGS clause. */
    static String withSettings(String insert, String settings) {
        String sql = insert.strip();
        if (settings.isEmpty()) {
            return sql;
        }
        return sql + (Pattern.compile("(?is)\\bSETTINGS\\b").matcher(sql).find() ? ", " : " SETTINGS ") + settings;
    }

    /** Streams INSERT data to the engine; the rows counted are the lines of line-based formats. */
    private long insert(String sql, String format, byte[] head, InputStream rest) throws IOException {
        boolean countLines = format.startsWith("TabSeparated") || format.startsWith("TSV")
                || format.startsWith("CSV") || format.equals("JSONEachRow") || format.equals("JSONLines")
                || format.equals("NDJSON") || format.equals("JSONCompactEachRow");
        long lines = 0;
        try (ChdbInsert insert = store.beginInsert(sql, format)) {
            byte[] chunk = new byte[DATA_CHUNK];
            byte[] pending = head;
            int length = head.length;
            while (true) {
                if (length > 0) {
                    if (countLines) {
                        for (int i = 0; i < length; i++) {
                            if (pending[i] == '\n') {
                                lines++;
                            }
                        }
                    }
                    insert.append(pending, length);
                }
                length = rest.readNBytes(chunk, 0, chunk.length);
                pending = chunk;
                if (length <= 0) {
                    break;
                }
            }
            insert.finish();
        }
        return lines;
    }

    private void sendResult(HttpExchange exchange, HttpRequestQuery request, String queryId, String format,
            byte[] output, long writtenRows, long started) throws IOException {
        var headers = exchange.getResponseHeaders();
        headers.set("Content-Type", contentType(format));
        headers.set("X-ClickHouse-Format", format);
        headers.set("X-ClickHouse-Summary", summary(writtenRows, output.length, System.nanoTime() - started));
        byte[] body = encode(exchange, request, output);
        commonHeaders(exchange, queryId);
        exchange.sendResponseHeaders(200, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            exchange.getResponseBody().write(body);
        }
    }

    private byte[] encode(HttpExchange exchange, HttpRequestQuery request, byte[] output) throws IOException {
        if (request.flag("compress")) {
            ByteArrayOutputStream framed = new ByteArrayOutputStream(output.length / 2 + 64);
            try (OutputStream blocks = CompressedBlocks.writer(framed)) {
                blocks.write(output);
            }
            return framed.toByteArray();
        }
        String accept = exchange.getRequestHeaders().getFirst("Accept-Encoding");
        accept = accept == null ? "" : accept.toLowerCase(Locale.ROOT);
        if (!request.flag("enable_http_compression") || output.length == 0) {
            return output;
        }
        // Other encodings (br, zstd, lz4 ...) get an uncompressed answer, which every client reads.
        boolean gzip = accept.contains("gzip");
        if (!gzip && !accept.contains("deflate")) {
            return output;
        }
        ByteArrayOutputStream zipped = new ByteArrayOutputStream(output.length / 4 + 64);
        try (OutputStream out = gzip ? new GZIPOutputStream(zipped) : new DeflaterOutputStream(zipped)) {
            out.write(output);
        }
        exchange.getResponseHeaders().set("Content-Encoding", gzip ? "gzip" : "deflate");
        return zipped.toByteArray();
    }

    private static InputStream requestBody(HttpExchange exchange, HttpRequestQuery request) throws IOException {
        InputStream body = exchange.getRequestBody();
        String encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
        if (encoding != null && encoding.equalsIgnoreCase("gzip")) {
            body = new GZIPInputStream(body, 1 << 16);
        } else if (encoding != null && encoding.equalsIgnoreCase("deflate")) {
            body = new InflaterInputStream(body);
        } else if (encoding != null && !encoding.equalsIgnoreCase("identity")) {
            throw StoreException.fromEngine("Code: 1001. DB::Exception: Unsupported Content-Encoding "
                    + encoding + " (gzip and deflate only). (STD_EXCEPTION)", null);
        }
        return request.flag("decompress") ? CompressedBlocks.reader(body) : body;
    }

    private void commonHeaders(HttpExchange exchange, String queryId) {
        var headers = exchange.getResponseHeaders();
        headers.set("X-ClickHouse-Query-Id", queryId);
        headers.set("X-ClickHouse-Server-Display-Name", DISPLAY_NAME);
        headers.set("X-ClickHouse-Timezone", timezone);
        headers.set("Keep-Alive", "timeout=10");
    }

    private void sendError(HttpExchange exchange, int status, String queryId, int code, String message) {
        try {
            byte[] body = (message.endsWith("\n") ? message : message + "\n").getBytes(StandardCharsets.UTF_8);
            var headers = exchange.getResponseHeaders();
            headers.set("Content-Type", "text/plain; charset=UTF-8");
            if (code > 0) {
                headers.set("X-ClickHouse-Exception-Code", String.valueOf(code));
            }
            headers.set("X-ClickHouse-Summary", summary(0, 0, 0));
            commonHeaders(exchange, queryId);
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
        } catch (IOException | IllegalStateException e) {
            log.debug("could not send an error response (headers already sent or client gone): {}", e.toString());
        }
    }

    private static void sendText(HttpExchange exchange, int status, String text) throws IOException {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=UTF-8");
        if (exchange.getRequestMethod().equals("HEAD")) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }

    private static String summary(long writtenRows, long resultBytes, long elapsedNanos) {
        return "{\"read_rows\":\"0\",\"read_bytes\":\"0\",\"written_rows\":\"" + writtenRows
                + "\",\"written_bytes\":\"0\",\"total_rows_to_read\":\"0\",\"result_rows\":\"0\",\"result_bytes\":\""
                + resultBytes + "\",\"elapsed_ns\":\"" + elapsedNanos + "\"}";
    }

    private static void checkDatabase(String database) {
        if (database == null || database.isEmpty() || database.equals("default") || database.equals(ChdbStore.DATABASE)) {
            return;
        }
        throw StoreException.fromEngine("Code: 81. DB::Exception: Database " + database + " is not served here:"
                + " this endpoint serves the store's database " + ChdbStore.DATABASE
                + " (name it, or default). (UNKNOWN_DATABASE)", null);
    }

    private boolean authenticated(HttpExchange exchange, HttpRequestQuery request) {
        String user = null;
        String password = null;
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(authorization.substring(6).strip()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return false;
            }
            int colon = decoded.indexOf(':');
            user = colon < 0 ? decoded : decoded.substring(0, colon);
            password = colon < 0 ? "" : decoded.substring(colon + 1);
        } else if (exchange.getRequestHeaders().getFirst("X-ClickHouse-User") != null) {
            user = exchange.getRequestHeaders().getFirst("X-ClickHouse-User");
            password = firstNonNull(exchange.getRequestHeaders().getFirst("X-ClickHouse-Key"), "");
        } else if (request.get("user") != null) {
            user = request.get("user");
            password = firstNonNull(request.get("password"), "");
        }
        return user != null && constantTimeEquals(user, credentials.user())
                & constantTimeEquals(password, credentials.password());
    }

    private static String userOf(HttpExchange exchange, HttpRequestQuery request) {
        return firstNonNull(exchange.getRequestHeaders().getFirst("X-ClickHouse-User"), request.get("user"), "default");
    }

    private static boolean constantTimeEquals(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    private static String contentType(String format) {
        if (format.startsWith("TabSeparated") || format.startsWith("TSV")) {
            return "text/tab-separated-values; charset=UTF-8";
        }
        if (format.startsWith("CSV")) {
            return "text/csv; charset=UTF-8";
        }
        if (format.startsWith("JSON")) {
            return format.contains("EachRow") ? "application/x-ndjson; charset=UTF-8" : "application/json; charset=UTF-8";
        }
        if (format.startsWith("Pretty") || format.equals("Vertical") || format.equals("Markdown")) {
            return "text/plain; charset=UTF-8";
        }
        return "application/octet-stream";
    }

    @SafeVarargs
    private static <T> T firstNonNull(T... values) {
        for (T value : values) {
            if (value != null) {
                return value;
            }
        }
        return null;
    }
}
