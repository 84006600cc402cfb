package io.mailcensus.report.html;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Debian's chromium, headless, driven over the DevTools protocol on loopback: enough of the
 * protocol to load a page, collect its console errors and network requests, evaluate a script
 * and take a full-page screenshot. No browser is downloaded; a missing chromium is an error.
 */
public final class HeadlessChromium implements AutoCloseable {

    static final Path BINARY = Path.of("/usr/bin/chromium");
    /** Generous bounds for a slow, busy machine: they only turn a hang into a failure. */
    private static final Duration STARTUP = Duration.ofSeconds(60);
    private static final Duration REPLY = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> replies = new ConcurrentHashMap<>();
    private final List<JsonNode> events = new CopyOnWriteArrayList<>();
    private final Map<String, CompletableFuture<JsonNode>> awaited = new ConcurrentHashMap<>();

    private HeadlessChromium(Process process, WebSocket socket) {
        this.process = process;
        this.socket = socket;
    }

    /**
     * @param profile a fresh, empty directory for the browser's profile
     * @param log where the browser's own stdout and stderr go, for a failing test's reader
     */
    public static HeadlessChromium start(Path profile, Path log) throws Exception {
        if (!Files.isExecutable(BINARY)) {
            throw new IllegalStateException(BINARY + " is missing: install Debian's chromium package "
                    + "(apt-get install chromium; ./run-tests installs it) to run the HTML report test");
        }
        Process process = new ProcessBuilder(
                        BINARY.toString(),
                        "--headless",
                        "--no-sandbox",
                        "--disable-gpu",
                        "--disable-quic",
                        "--no-first-run",
                        "--no-default-browser-check",
                        "--disable-background-networking",
                        "--disable-component-update",
                        "--disable-sync",
                        "--disable-dev-shm-usage",
                        "--no-proxy-server",
                        // the page needs no names at all; this makes sure nothing is ever resolved
                        "--host-resolver-rules=MAP * ~NOTFOUND",
                        "--remote-debugging-address=127.0.0.1",
                        "--remote-debugging-port=0",
                        "--user-data-dir=" + profile,
                        "about:blank")
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        try {
            int port = devToolsPort(profile, process, log);
            String page = pageSocket(port);
            var holder = new CompletableFuture<HeadlessChromium>();
            WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder()
                    .buildAsync(URI.create(page), new Listener(holder))
                    .get(REPLY.toSeconds(), TimeUnit.SECONDS);
            var chromium = new HeadlessChromium(process, socket);
            holder.complete(chromium);
            return chromium;
        } catch (Exception | Error e) {
            process.destroyForcibly();
            throw e;
        }
    }

    /** Chromium writes the port it picked into DevToolsActivePort in the profile once it listens. */
    private static int devToolsPort(Path profile, Process process, Path log) throws Exception {
        Path file = profile.resolve("DevToolsActivePort");
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(file)) {
                List<String> lines = Files.readAllLines(file);
                if (!lines.isEmpty() && !lines.getFirst().isBlank()) {
                    return Integer.parseInt(lines.getFirst().trim());
                }
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("chromium exited with " + process.exitValue() + ":\n"
                        + Files.readString(log));
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("chromium did not open its DevTools port within " + STARTUP + ":\n"
                + Files.readString(log));
    }

    private static String pageSocket(int port) throws IOException, InterruptedException {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list"))
                .timeout(REPLY).build();
        String body = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).body();
        for (JsonNode target : JSON.readTree(body)) {
            if ("page".equals(target.path("type").asText())) {
                return target.get("webSocketDebuggerUrl").asText();
            }
        }
        throw new IllegalStateException("chromium has no page target: " + body);
    }

    /** Sends one command and waits for its result; a protocol error is an exception. */
    public JsonNode call(String method, Map<String, ?> params) throws Exception {
        int id = ids.incrementAndGet();
        var reply = new CompletableFuture<JsonNode>();
        replies.put(id, reply);
        ObjectNode message = JSON.createObjectNode().put("id", id).put("method", method);
        message.set("params", JSON.valueToTree(params));
        socket.sendText(JSON.writeValueAsString(message), true).get(REPLY.toSeconds(), TimeUnit.SECONDS);
        JsonNode answer = reply.get(REPLY.toSeconds(), TimeUnit.SECONDS);
        if (answer.has("error")) {
            throw new IllegalStateException(method + " failed: " + answer.get("error"));
        }
        return answer.path("result");
    }

    public JsonNode call(String method) throws Exception {
        return call(method, Map.of());
    }

    /** Arms a wait for the next event of that name; call before the command that causes it. */
    public CompletableFuture<JsonNode> next(String event) {
        return awaited.computeIfAbsent(event, name -> new CompletableFuture<>());
    }

    public static JsonNode await(CompletableFuture<JsonNode> event) throws Exception {
        return event.get(REPLY.toSeconds(), TimeUnit.SECONDS);
    }

    /** Every event received so far, in order. */
    public List<JsonNode> events() {
        return List.copyOf(events);
    }

    private void receive(String text) {
        try {
            JsonNode message = JSON.readTree(text);
            if (message.has("id")) {
                var reply = replies.remove(message.get("id").asInt());
                if (reply != null) {
                    reply.complete(message);
                }
            } else {
                events.add(message);
                var waiter = awaited.remove(message.path("method").asText());
                if (waiter != null) {
                    waiter.complete(message.path("params"));
                }
            }
        } catch (IOException e) {
            replies.values().forEach(reply -> reply.completeExceptionally(e));
        }
    }

    @Override
    public void close() throws Exception {
        try {
            call("Browser.close");
        } catch (Exception e) {
            // the browser may close the socket before it answers; the process is ended below anyway
        }
        socket.abort();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** Reassembles fragmented frames into whole messages (a screenshot arrives in many). */
    private static final class Listener implements WebSocket.Listener {

        private final CompletableFuture<HeadlessChromium> owner;
        private final StringBuilder partial = new StringBuilder();

        Listener(CompletableFuture<HeadlessChromium> owner) {
            this.owner = owner;
        }

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String message = partial.toString();
                partial.setLength(0);
                owner.thenAccept(chromium -> chromium.receive(message));
            }
            socket.request(1);
            return null;
        }
    }
}
