package io.mailcensus.testbed.web;

import io.mailcensus.testbed.pki.Leaf;
import io.mailcensus.testbed.server.ServerProcess;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * A real nginx (the Debian package) serving HTTPS on loopback addresses: one virtual host per
 * name (SNI), each with its own certificate, run with its own configuration and prefix in a
 * directory of the caller's, in the foreground, never as the system service. Every vhost listens
 * on its address and the one port given, so a client configured with that port reaches them all.
 *
 * <pre>{@code
 * TestCa ca = TestCa.create("web CA");
 * try (WebTestbed web = WebTestbed.start(dir, port, List.of(
 *         new WebTestbed.Files("mta-sts.example.test", ip, ca.issue("mta-sts.example.test"),
 *                 Map.of("/.well-known/mta-sts.txt", WebTestbed.Document.text(policy))),
 *         new WebTestbed.SoftNotFound("soft404.example.test", ip, ca.issue("soft404.example.test")),
 *         new WebTestbed.Redirect("old.example.test", ip, ca.issue("old.example.test"), "https://example.test")))) {
 *     ...
 * }
 * }</pre>
 */
public final class WebTestbed implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(15);

    /** What a response carries. */
    public record Document(String contentType, String body) {
        public Document {
            Objects.requireNonNull(contentType, "contentType");
            Objects.requireNonNull(body, "body");
        }

        public static Document text(String body) {
            return new Document("text/plain", body);
        }

        public static Document json(String body) {
            return new Document("application/json", body);
        }
    }

    /** One virtual host: a name, the address it listens on, the certificate it presents. */
    public sealed interface Vhost {
        String name();

        InetAddress address();

        Leaf certificate();
    }

    /** Static files by exact path, each with its content type; any other path is 404. */
    public record Files(String name, InetAddress address, Leaf certificate, Map<String, Document> files)
            implements Vhost {
        public Files {
            files = Map.copyOf(files);
            files.keySet().forEach(WebTestbed::requireSafePath);
        }
    }

    /** Answers every path with 200 and an HTML page: the "soft 404" of many web sites. */
    public record SoftNotFound(String name, InetAddress address, Leaf certificate) implements Vhost {}

    /** Answers every path with a 301 to {@code target} followed by the path asked. */
    public record Redirect(String name, InetAddress address, Leaf certificate, String target) implements Vhost {
        public Redirect {
            requireSafeText(target);
        }
    }

    static final String SOFT_404_PAGE = "<!DOCTYPE html><html><head><title>Welcome</title></head>"
            + "<body><h1>Sorry, this page does not exist</h1></body></html>";

    private final Path dir;
    private final int port;
    private final ServerProcess process;

    private WebTestbed(Path dir, int port, ServerProcess process) {
        this.dir = dir;
        this.port = port;
        this.process = process;
    }

    /** The nginx binary, if installed. */
    public static Optional<Path> nginx() {
        for (String candidate : List.of("/usr/sbin/nginx", "/usr/local/sbin/nginx", "/usr/bin/nginx")) {
            if (java.nio.file.Files.isExecutable(Path.of(candidate))) {
                return Optional.of(Path.of(candidate));
            }
        }
        return Optional.empty();
    }

    /**
     * Writes the configuration, certificates and files under {@code dir}, checks the configuration
     * ({@code nginx -t}), starts nginx and waits until every address accepts connections.
     */
    public static WebTestbed start(Path dir, int port, List<? extends Vhost> vhosts) throws IOException {
        if (vhosts.isEmpty()) {
            throw new IllegalArgumentException("no virtual hosts");
        }
        Path nginx = nginx().orElseThrow(() -> new IOException("nginx is not installed (Debian package nginx)"));
        Path root = dir.toAbsolutePath();
        for (String sub : List.of("logs", "tmp", "certs", "sites")) {
            java.nio.file.Files.createDirectories(root.resolve(sub));
        }
        StringBuilder servers = new StringBuilder();
        for (Vhost vhost : vhosts) {
            servers.append(server(root, port, vhost));
        }
        Path config = root.resolve("nginx.conf");
        java.nio.file.Files.writeString(config, config(root, servers.toString()), StandardCharsets.UTF_8);
        List<String> base = List.of(nginx.toString(), "-p", root + "/", "-c", config.toString(),
                "-e", root.resolve("logs/error.log").toString());
        check(base, root);
        ServerProcess process = ServerProcess.start("nginx", base, root.resolve("logs/nginx.out"),
                root.resolve("nginx.launcher.pid"), false);
        WebTestbed web = new WebTestbed(root, port, process);
        try {
            Set<InetAddress> addresses = new LinkedHashSet<>();
            vhosts.forEach(v -> addresses.add(v.address()));
            web.awaitListening(addresses);
        } catch (IOException | RuntimeException e) {
            web.close();
            throw e;
        }
        return web;
    }

    private static String config(Path root, String servers) {
        return """
                # mailcensus web testbed: nginx in the foreground, everything under its own prefix
                daemon off;
                # One process that stays the one we started: no privilege drop, no workers to orphan.
                master_process off;
                worker_processes 1;
                pid %1$s/nginx.pid;
                error_log %1$s/logs/error.log warn;
                events { worker_connections 256; }
                http {
                    access_log %1$s/logs/access.log;
                    client_body_temp_path %1$s/tmp/body;
                    proxy_temp_path %1$s/tmp/proxy;
                    fastcgi_temp_path %1$s/tmp/fastcgi;
                    uwsgi_temp_path %1$s/tmp/uwsgi;
                    scgi_temp_path %1$s/tmp/scgi;
                    server_tokens off;
                    types { text/html html; text/plain txt; application/json json; }
                    default_type application/octet-stream;
                    ssl_protocols TLSv1.2 TLSv1.3;
                %2$s}
                """.formatted(root, servers);
    }

    private static String server(Path root, int port, Vhost vhost) throws IOException {
        String name = requireSafeName(vhost.name());
        Leaf.PemFiles pem = vhost.certificate().write(root.resolve("certs").resolve(name));
        StringBuilder s = new StringBuilder();
        s.append("    server {\n")
                .append("        listen ").append(hostPort(vhost.address(), port)).append(" ssl;\n")
                .append("        server_name ").append(name).append(";\n")
                .append("        ssl_certificate ").append(pem.certificate()).append(";\n")
                .append("        ssl_certificate_key ").append(pem.key()).append(";\n");
        switch (vhost) {
            case Files files -> {
                Path site = root.resolve("sites").resolve(name);
                java.nio.file.Files.createDirectories(site);
                s.append("        root ").append(site).append(";\n");
                for (Map.Entry<String, Document> file : files.files().entrySet()) {
                    Path target = site.resolve(file.getKey().substring(1));
                    java.nio.file.Files.createDirectories(target.getParent());
                    java.nio.file.Files.writeString(target, file.getValue().body(), StandardCharsets.UTF_8);
                    s.append("        location = \"").append(file.getKey()).append("\" { types { } default_type \"")
                            .append(requireContentType(file.getValue().contentType())).append("\"; }\n");
                }
                s.append("        location / { return 404; }\n");
            }
            case SoftNotFound soft -> s.append("        location / { types { } default_type text/html; return 200 '")
                    .append(SOFT_404_PAGE).append("'; }\n");
            case Redirect redirect -> s.append("        location / { return 301 ").append(redirect.target())
                    .append("$request_uri; }\n");
        }
        return s.append("    }\n").toString();
    }

    private static String hostPort(InetAddress address, int port) {
        String host = address.getHostAddress();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    private static void check(List<String> base, Path root) throws IOException {
        List<String> argv = new java.util.ArrayList<>(base);
        argv.add("-t");
        Process test = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String output = new String(test.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!test.waitFor(30, TimeUnit.SECONDS) || test.exitValue() != 0) {
                test.destroyForcibly();
                throw new IOException("nginx rejects its configuration " + root.resolve("nginx.conf") + ":\n" + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while checking the nginx configuration", e);
        }
    }

    private void awaitListening(Set<InetAddress> addresses) throws IOException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        for (InetAddress address : addresses) {
            while (true) {
                process.requireAlive();
                try (Socket socket = new Socket()) {
                    socket.connect(new InetSocketAddress(address, port), 500);
                    break;
                } catch (IOException e) {
                    if (System.nanoTime() > deadline) {
                        throw new IOException("nginx does not listen on " + hostPort(address, port) + " after "
                                + START_TIMEOUT + "; log:\n" + process.logTail(20), e);
                    }
                    try {
                        Thread.sleep(50);
                    } catch (InterruptedException ie) {
                        Thread.currentThread().interrupt();
                        throw new IOException("interrupted", ie);
                    }
                }
            }
        }
    }

    public int port() {
        return port;
    }

    public Path dir() {
        return dir;
    }

    public boolean alive() {
        return process.alive();
    }

    @Override
    public void close() throws IOException {
        process.stop(Duration.ofSeconds(5));
    }

    private static String requireSafeName(String name) {
        if (!name.matches("[A-Za-z0-9.-]+")) {
            throw new IllegalArgumentException("not a host name for nginx: " + name);
        }
        return name;
    }

    private static void requireSafePath(String path) {
        if (!path.startsWith("/") || path.contains("..") || !path.matches("[A-Za-z0-9._/-]+")) {
            throw new IllegalArgumentException("not a safe path: " + path);
        }
    }

    private static String requireContentType(String type) {
        if (!type.matches("[A-Za-z0-9/+.=; -]+")) {
            throw new IllegalArgumentException("unsafe content type for the nginx configuration: " + type);
        }
        return type;
    }

    /** Nothing that could end a directive or a quoted string in the generated configuration. */
    private static String requireSafeText(String text) {
        if (text.isEmpty() || text.chars().anyMatch(c -> c <= ' ' || c == '"' || c == '\'' || c == ';' || c == '{'
                || c == '}' || c == '\\' || c == '$' || c > 0x7e)) {
            throw new IllegalArgumentException("unsafe text for the nginx configuration: " + text);
        }
        return text;
    }
}
