package io.mailcensus.store.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.mailcensus.store.ChdbStore;
import io.mailcensus.store.StoreException;
import io.mailcensus.store.chdb.ChdbConnection;
import io.mailcensus.store.chdb.ChdbInsert;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
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
 * ClickHouse data source and {@code curl} can read a single-machine store as if it were a
 * ClickHouse server (and, with writes allowed, write it). What it serves:
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
 *       {@code -Query-Id}, {@code -Server-Display-Name}, {@code -Timezone}); errors with the
 *       engine's {@code Code: N. DB::Exception: ...} text and {@code X-ClickHouse-Exception-Code}.
 * </ul>
 *
 * <p><b>Safe by default.</b> Every statement is first rendered by the engine itself
 * ({@code formatQuerySingleLine}: one statement, no comments) and checked by
 * {@link StatementGuard}; what runs is that rendering. Read-only unless
 * {@link ServeOptions#allowWrites()}: reading statements only, on engine sessions with
 * {@code readonly = 1}, {@code max_execution_time} and {@code max_memory_usage} set by the
 * server (a client can lower none of them); in every mode nothing that reaches files, the
 * network or other databases ({@code file()}, {@code url()}, {@code INTO OUTFILE}, ...), and no
 * writes by GET. {@link BrowserGuard} refuses foreign {@code Origin}s and {@code Host}s (DNS
 * rebinding). A request body is read into memory up to a limit (413 beyond). Queries run on
 * several sessions at once ({@link EngineSessions}); one that finds none free within a bounded
 * wait is answered 503. Refusals are 4xx with ClickHouse's error text ({@link Refusal}).
 *
 * <p>It has no sessions, as a ClickHouse server without {@code session_id}: {@code USE} (and,
 * with writes allowed, {@code SET}) are accepted and have no lasting effect. Settings passed as
 * URL parameters apply to INSERTs with their data (as the statement's SETTINGS clause); for
 * other statements they are ignored. The store's database ({@value ChdbStore#DATABASE}) is the
 * only one served as the current database; {@code default} is taken to mean it, so a client
 * that names no database, or {@code /default} in a JDBC URL, sees the store's tables.
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

    private final ServeOptions options;
    private final Credentials credentials;
    private final StatementGuard guard;
    private final BrowserGuard browser;
    private final EngineSessions readers;
    /** The one session that writes, when writes are allowed; null otherwise. */
    private final EngineSessions writer;
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

    private ClickHouseHttpServer(ChdbStore store, ServeOptions options) throws IOException {
        this.options = options;
        this.credentials = options.credentials();
        this.guard = new StatementGuard(options.allowWrites());
        this.timezone = store.query("SELECT timezone()", "TabSeparatedRaw").strip();
        List<String> limits = List.of("SET max_execution_time = " + Math.max(1, options.maxExecutionTime().toSeconds())
                + ", timeout_overflow_mode = 'throw', max_memory_usage = " + options.maxMemoryBytes());
        // readonly = 1 last: from then on the session refuses writes, settings changes (this one
        // included) and the table functions that reach files or the network; the client cannot lower it.
        List<String> readOnly = new ArrayList<>(limits);
        readOnly.add("SET readonly = 1");
        EngineSessions writeSession = null;
        this.readers = new EngineSessions(store, options.readSessions(), readOnly, options.sessionWait());
        try {
            if (options.allowWrites()) {
                // VALUES rows are literals only: an expression there (file(...)) would be evaluated unchecked.
                List<String> writing = new ArrayList<>(limits);
                writing.add("SET input_format_values_interpret_expressions = 0,"
                        + " input_format_values_deduce_templates_of_expressions = 0");
                writeSession = new EngineSessions(store, 1, writing, options.sessionWait());
            }
            this.writer = writeSession;
            this.server = HttpServer.create(options.address(), 64);
            this.browser = new BrowserGuard(server.getAddress(), options.allowedHosts());
        } catch (IOException | RuntimeException e) {
            readers.close();
            if (writeSession != null) {
                writeSession.close();
            }
            throw e;
        }
        // More threads than sessions, so pings, refusals and the 503 of a full house answer at once.
        this.executor = Executors.newFixedThreadPool(options.readSessions() + 8,
                Thread.ofPlatform().name("clickhouse-http-", 0).daemon(true).factory());
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Serves {@code store} as {@code options} say until closed (port 0 picks a free port). */
    public static ClickHouseHttpServer start(ChdbStore store, ServeOptions options) throws IOException {
        return new ClickHouseHttpServer(store, options);
    }

    /** Serves {@code store} read-only on {@code address} with the default limits. */
    public static ClickHouseHttpServer start(ChdbStore store, InetSocketAddress address, Credentials credentials)
            throws IOException {
        return start(store, ServeOptions.readOnly(address).withCredentials(credentials));
    }

    /** Serves {@code store} read-only on 127.0.0.1 at {@code port}, without authentication. */
    public static ClickHouseHttpServer startLocal(ChdbStore store, int port) throws IOException {
        return start(store, new InetSocketAddress(DEFAULT_HOST, port), Credentials.NONE);
    }

    /** Serves {@code store} with writes allowed on 127.0.0.1 at {@code port} (a ClickHouse server's stand-in). */
    public static ClickHouseHttpServer startLocalWritable(ChdbStore store, int port) throws IOException {
        return start(store, ServeOptions.readOnly(new InetSocketAddress(DEFAULT_HOST, port)).withWrites(true));
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
        readers.close();
        if (writer != null) {
            writer.close();
        }
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
            browser.check(exchange.getRequestHeaders().getFirst("Host"), exchange.getRequestHeaders().getFirst("Origin"));
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
        } catch (Refusal e) {
            sendError(exchange, e.status(), queryId, e.code(), e.getMessage());
        } catch (StoreException e) {
            int code = e.engineCode() > 0 ? e.engineCode() : 1001;
            String text = e.engineCode() > 0 ? e.getMessage() : "Code: 1001. DB::Exception: " + e.getMessage() + ". (STD_EXCEPTION)";
            sendError(exchange, code == Refusal.READONLY || code == Refusal.ACCESS_DENIED ? 403 : 500, queryId, code, text);
        } catch (IOException | RuntimeException e) {
            log.warn("ClickHouse HTTP request failed", e);
            sendError(exchange, 500, queryId, 1001, "Code: 1001. DB::Exception: " + e + ". (STD_EXCEPTION)");
        } finally {
            exchange.close();
        }
    }

    private void serveQuery(HttpExchange exchange, HttpRequestQuery request, String queryId) throws IOException {
        long started = System.nanoTime();
        boolean byGet = !exchange.getRequestMethod().equals("POST");
        checkDatabase(firstNonNull(request.get("database"), exchange.getRequestHeaders().getFirst("X-ClickHouse-Database")));
        String defaultFormat = firstNonNull(request.get("default_format"),
                exchange.getRequestHeaders().getFirst("X-ClickHouse-Format"), "TabSeparated");
        InputStream body = requestBody(exchange, request);
        InputStream bounded = new BoundedInputStream(body, options.maxBodyBytes());
        String urlQuery = request.get("query");
        Map<String, String> parameters = request.queryParameters();

        if (urlQuery != null && HttpRequestQuery.firstKeyword(urlQuery).equals("INSERT")) {
            Matcher insert = INSERT_WITH_FORMAT.matcher(urlQuery);
            if (insert.find() && urlQuery.substring(insert.end()).isBlank()) {
                String statement = withSettings(QueryParameters.bind(insert.group(1), parameters), request.settingsClause());
                long rows = insert(statement, insert.group(2), new byte[0], body, byGet);
                sendResult(exchange, request, queryId, defaultFormat, new byte[0], rows, started);
                return;
            }
        }
        byte[] prefix = bounded.readNBytes((int) Math.min(STATEMENT_PREFIX, options.maxBodyBytes()));
        if (urlQuery == null && HttpRequestQuery.firstKeyword(new String(prefix, StandardCharsets.UTF_8)).equals("INSERT")) {
            Matcher insert = INSERT_WITH_FORMAT.matcher(new String(prefix, StandardCharsets.ISO_8859_1));
            if (insert.find()) {
                String sql = new String(prefix, 0, insert.end(1), StandardCharsets.UTF_8);
                byte[] data = java.util.Arrays.copyOfRange(prefix, insert.end(), prefix.length);
                String statement = withSettings(QueryParameters.bind(sql, parameters), request.settingsClause());
                long rows = insert(statement, insert.group(2), data, body, byGet);
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
        bounded.transferTo(text);
        String sql = QueryParameters.bind(text.toString(StandardCharsets.UTF_8), parameters);
        if (sql.isBlank()) {
            throw StoreException.fromEngine("Code: 62. DB::Exception: Empty query. (SYNTAX_ERROR)", sql);
        }
        ChdbConnection reader = readers.acquire();
        String canonical;
        StatementGuard.Kind kind;
        byte[] output = null;
        String format = defaultFormat;
        try {
            try {
                canonical = canonical(reader, sql);
            } catch (RuntimeException | Error e) {
                // a statement the engine could not parse failed on this session
                readers.replace(reader);
                reader = null;
                throw e;
            }
            kind = guard.check(canonical, byGet);
            if (kind == StatementGuard.Kind.READ) {
                // What runs is what was checked: the engine's own rendering of the statement.
                format = firstNonNull(HttpRequestQuery.formatIn(canonical), defaultFormat);
                try {
                    output = reader.queryBytes(canonical, format);
                } catch (RuntimeException | Error e) {
                    readers.replace(reader);
                    reader = null;
                    throw e;
                }
            }
        } finally {
            if (reader != null) {
                readers.release(reader);
            }
        }
        if (output != null) {
            sendResult(exchange, request, queryId, format, output, 0, started);
            return;
        }
        if (kind == StatementGuard.Kind.IGNORED) {
            // Without a session a server forgets SET and USE after the request; so does this
            // endpoint, and it must not run them on a session others share.
            sendResult(exchange, request, queryId, defaultFormat, new byte[0], 0, started);
            return;
        }
        // An INSERT with inline rows runs as sent: the engine's rendering leaves out the rows,
        // which the writing session reads as literals only.
        String run = HttpRequestQuery.firstKeyword(canonical).equals("INSERT") ? sql : canonical;
        format = firstNonNull(HttpRequestQuery.formatIn(canonical), defaultFormat);
        ChdbConnection session = writer.acquire();
        try {
            output = session.queryBytes(run, format);
        } catch (StoreException | Error e) {
            writer.replace(session);
            throw e;
        }
        writer.release(session);
        sendResult(exchange, request, queryId, format, output, 0, started);
    }

    /**
     * The engine's canonical rendering of {@code sql} (parsed and printed on one line: no
     * comments, one way of quoting); several statements, or one that does not parse, are the
     * engine's syntax error.
     */
    private static String canonical(ChdbConnection session, String sql) {
        String literal = "'" + sql.replace("\\", "\\\\").replace("'", "\\'") + "'";
        try {
            return new String(session.queryBytes("SELECT formatQuerySingleLine(" + literal + ")", "RawBLOB"),
                    StandardCharsets.UTF_8).strip();
        } catch (StoreException e) {
            // The client's statement did not parse: a 400, in the engine's words without this wrapper.
            String text = e.getMessage().replaceFirst("\\.? ?:? In scope SELECT formatQuerySingleLine\\(.*\\)\\. \\(", ". (");
            throw Refusal.of(400, e.engineCode() > 0 ? e.engineCode() : Refusal.SYNTAX_ERROR, "", "").withText(text);
        }
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
    private long insert(String sql, String format, byte[] head, InputStream rest, boolean byGet) throws IOException {
        ChdbConnection reader = readers.acquire();
        String canonical;
        try {
            canonical = canonical(reader, sql + " FORMAT " + format);
        } catch (RuntimeException | Error e) {
            readers.replace(reader);
            throw e;
        }
        readers.release(reader);
        if (guard.check(canonical, byGet) != StatementGuard.Kind.WRITE) {
            throw Refusal.accessDenied("Not an INSERT: " + sql);
        }
        ChdbConnection session = writer.acquire();
        long rows;
        try {
            rows = insert(session, sql, format, head, rest);
        } catch (IOException | RuntimeException | Error e) {
            writer.replace(session);
            throw e;
        }
        writer.release(session);
        return rows;
    }

    private static long insert(ChdbConnection session, String sql, String format, byte[] head, InputStream rest)
            throws IOException {
        boolean countLines = format.startsWith("TabSeparated") || format.startsWith("TSV")
                || format.startsWith("CSV") || format.equals("JSONEachRow") || format.equals("JSONLines")
                || format.equals("NDJSON") || format.equals("JSONCompactEachRow");
        long lines = 0;
        try (ChdbInsert insert = session.beginInsert(sql, format)) {
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
