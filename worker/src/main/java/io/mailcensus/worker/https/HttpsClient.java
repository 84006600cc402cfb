package io.mailcensus.worker.https;

import io.mailcensus.worker.optout.OptOutList;
import io.mailcensus.worker.politeness.HostGates;
import io.mailcensus.worker.politeness.QuarantinedException;
import io.mailcensus.worker.tls.CertificateVerdicts;
import io.mailcensus.worker.tls.ClientTls;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ConnectTimeoutException;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Predicate;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLEngine;

/**
 * GETs https URLs the way a census must: the host name resolved by mailcensus
 * ({@link AddressResolver}), never the system resolver; every connection under the politeness
 * gate of its IP ({@link HostGates}, the HTTPS instance); SNI and Host set to the name; TLS from
 * {@link ClientTls} (BoringSSL where it loads), the chain judged against mailcensus's trust store and the name
 * ({@link CertificateVerdicts}); the connect timeout, one deadline per request, caps on headers
 * and body. Redirects are followed only when asked, each hop resolved and gated anew.
 *
 * <p>The returned stages never complete exceptionally: every outcome is a {@link FetchResult}.
 */
public final class HttpsClient implements AutoCloseable {

    private static final int MAX_STATUS_LINE = 4096;
    private static final int CHUNK = 8192;
    /** The most redirects one GET follows, whatever the caller asks: a chain costs a connection a hop. */
    public static final int MAX_REDIRECTS = 3;
    /** A host's addresses tried at most, one after another, when no connection could be made. */
    public static final int MAX_ADDRESSES = 3;

    private final HttpsSettings settings;
    private final AddressResolver resolver;
    private final HostGates gates;
    private final Clock clock;
    private final CertificateVerdicts verdicts;
    private final EventLoopGroup group;
    private final SslContext sslContext;
    private final OptOutList optOut;
    private final AtomicLong comeBackTries = new AtomicLong();
    private final AtomicLong comeBackAnswered = new AtomicLong();

    public HttpsClient(HttpsSettings settings, AddressResolver resolver, HostGates gates, Clock clock) {
        this(settings, resolver, gates, clock, OptOutList.empty());
    }

    /** @param optOut host names and address ranges never connected to (checked on every hop) */
    public HttpsClient(HttpsSettings settings, AddressResolver resolver, HostGates gates, Clock clock,
            OptOutList optOut) {
        this.optOut = Objects.requireNonNull(optOut, "optOut");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.resolver = Objects.requireNonNull(resolver, "resolver");
        this.gates = Objects.requireNonNull(gates, "gates");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.verdicts = new CertificateVerdicts(settings.trustStore());
        this.group = new MultiThreadIoEventLoopGroup(settings.threads(), NioIoHandler.newFactory());
        this.sslContext = ClientTls.context();
    }

    public HttpsSettings settings() {
        return settings;
    }

    /**
     * GET {@code url}; a 3xx with a Location pointing to an https URL is followed at most
     * {@code maxRedirects} times (0: never; at most {@value #MAX_REDIRECTS}), and only to the HTTPS
     * port. A redirect that is not followed (cap reached, not to https, another port, an address
     * the policy refuses) is the result. The body is read up to {@code maxBodyBytes}.
     */
    public CompletionStage<FetchResult> get(HttpsUrl url, int maxBodyBytes, int maxRedirects) {
        if (maxBodyBytes < 0 || maxRedirects < 0) {
            throw new IllegalArgumentException("negative cap");
        }
        return follow(url, maxBodyBytes, Math.min(maxRedirects, MAX_REDIRECTS), List.of(), null);
    }

    /**
     * GET {@code first} as {@link #get} does; then, when {@code wantSecond} says so of its result,
     * GET {@code second} (a path on the same host and port) the same way. The second request goes
     * out on the first one's connection when that ended without a redirect to follow and the
     * server keeps it open, else on a new one. Returns one or two results, in that order.
     */
    public CompletionStage<List<FetchResult>> getThen(HttpsUrl first, HttpsUrl second, int maxBodyBytes,
            int maxRedirects, Predicate<FetchResult> wantSecond) {
        if (maxBodyBytes < 0 || maxRedirects < 0) {
            throw new IllegalArgumentException("negative cap");
        }
        int redirects = Math.min(maxRedirects, MAX_REDIRECTS);
        Function<FetchResult.Response, HttpsUrl> onSameConnection = response ->
                willFollow(first, response, redirects) || !wantSecond.test(response) ? null : second;
        return resolveAndGate(first, maxBodyBytes, onSameConnection).thenCompose(both ->
                after(first, both.first(), maxBodyBytes, redirects, List.of(), null).thenCompose(result -> {
                    if (both.second() != null) {
                        return after(second, both.second(), maxBodyBytes, redirects, List.of(), null)
                                .thenApply(s -> List.of(result, s));
                    }
                    if (!wantSecond.test(result)) {
                        return CompletableFuture.completedFuture(List.of(result));
                    }
                    return get(second, maxBodyBytes, maxRedirects).thenApply(s -> List.of(result, s));
                }));
    }

    private CompletionStage<FetchResult> follow(HttpsUrl url, int maxBodyBytes, int redirectsLeft,
            List<HttpsUrl> earlier, String earlierCertificateError) {
        return once(url, maxBodyBytes).thenCompose(
                result -> after(url, result, maxBodyBytes, redirectsLeft, earlier, earlierCertificateError));
    }

    /** What {@code url} answered, with the redirect it names followed when that is allowed. */
    private CompletionStage<FetchResult> after(HttpsUrl url, FetchResult result, int maxBodyBytes, int redirectsLeft,
            List<HttpsUrl> earlier, String earlierCertificateError) {
        if (!(result instanceof FetchResult.Response response)) {
            return CompletableFuture.completedFuture(result);
        }
        FetchResult.Response whole = response.after(earlier, earlierCertificateError);
        Optional<HttpsUrl> next = redirectsLeft > 0 ? redirectTarget(url, response) : Optional.empty();
        if (next.isPresent()) {
            List<HttpsUrl> hops = new ArrayList<>(earlier);
            hops.add(url);
            return follow(next.get(), maxBodyBytes, redirectsLeft - 1, hops, whole.certificateError());
        }
        return CompletableFuture.completedFuture(whole);
    }

    private boolean willFollow(HttpsUrl url, FetchResult.Response response, int redirectsLeft) {
        return redirectsLeft > 0 && redirectTarget(url, response).isPresent();
    }

    /**
     * Where a redirect may lead: an https URL on the HTTPS port (443 outside tests), never another
     * port, so a hostile host cannot aim the scanner's requests at an internal service; the hop's
     * address then goes through the opt-out list and the address policy like the first request.
     */
    private Optional<HttpsUrl> redirectTarget(HttpsUrl url, FetchResult.Response response) {
        return response.isRedirect() && response.location() != null
                ? url.resolve(response.location(), settings.port()).filter(next -> next.port() == settings.port())
                : Optional.empty();
    }

    /** One request, no redirects: resolve, wait for the gate, exchange. */
    CompletionStage<FetchResult> once(HttpsUrl url, int maxBodyBytes) {
        return resolveAndGate(url, maxBodyBytes, null).thenApply(Exchanged::first);
    }

    /** The response of one connection's first request, and of its second (null when none was sent there). */
    private record Exchanged(FetchResult first, FetchResult second) {}

    private CompletionStage<Exchanged> resolveAndGate(HttpsUrl url, int maxBodyBytes,
            Function<FetchResult.Response, HttpsUrl> followUp) {
        CompletionStage<AddressResolver.Resolution> resolved;
        try {
            resolved = resolver.resolve(url.host());
        } catch (RuntimeException e) {
            resolved = CompletableFuture.completedFuture(new AddressResolver.Resolution.Failed(e.toString()));
        }
        return resolved.thenCompose(resolution -> switch (resolution) {
            case AddressResolver.Resolution.NoAddress none -> CompletableFuture.completedFuture(new Exchanged(
                    new FetchResult.Failure(url, FetchResult.Kind.NO_ADDRESS, none.detail()), null));
            case AddressResolver.Resolution.Failed failed -> CompletableFuture.completedFuture(new Exchanged(
                    new FetchResult.Failure(url, FetchResult.Kind.DNS_ERROR, failed.detail()), null));
            case AddressResolver.Resolution.Addresses addresses ->
                    firstThatConnects(addresses.addresses(), 0, url, maxBodyBytes, followUp);
        }).handle((result, failure) -> failure == null ? result : new Exchanged(failed(url, failure), null));
    }

    /**
     * The host's addresses in the order DNS gave them, each through the opt-out list, the address
     * policy and its gate: the next one is tried only when no connection was made to this one
     * (refused, unreachable, a connect timeout, refused by policy or opt-out, quarantined), and at
     * most {@link #MAX_ADDRESSES} are tried, so a host with many dead addresses costs bounded time.
     */
    private CompletionStage<Exchanged> firstThatConnects(List<InetAddress> ips, int index, HttpsUrl url,
            int maxBodyBytes, Function<FetchResult.Response, HttpsUrl> followUp) {
        return gated(ips.get(index), url, maxBodyBytes, followUp)
                .handle((result, failure) -> failure == null ? result : new Exchanged(failed(url, failure), null))
                .thenCompose(result -> index + 1 < Math.min(ips.size(), MAX_ADDRESSES) && noConnection(result.first())
                        ? firstThatConnects(ips, index + 1, url, maxBodyBytes, followUp)
                        : CompletableFuture.completedFuture(result));
    }

    /** Whether {@code result} means nothing was exchanged with that address (another may do better). */
    static boolean noConnection(FetchResult result) {
        if (!(result instanceof FetchResult.Failure failure)) {
            return false;
        }
        return switch (failure.kind()) {
            case REFUSED, UNREACHABLE, POLICY, OPTED_OUT, QUARANTINED -> true;
            case TIMEOUT -> failure.detail() != null && failure.detail().startsWith("connect to ");
            default -> false;
        };
    }

    /**
     * One connection through the gate, and one more when the server said to come back later: a 429,
     * or a 503 with Retry-After, to the connection's first request. The second goes through the
     * same gate, so it waits for the pause the server asked for (up to the gate's longest) and the
     * slower pace the answer caused; its answer stands when it got one, else the first does. A
     * "come back later" to a second request on the connection drops that answer, and
     * {@link #getThen} asks for the path again on a connection of its own (with its own one more).
     * Never a third try: a server that says it twice is slowed by its gate, and its answer stands.
     */
    private CompletionStage<Exchanged> gated(InetAddress ip, HttpsUrl url, int maxBodyBytes,
            Function<FetchResult.Response, HttpsUrl> followUp) {
        return gatedOnce(ip, url, maxBodyBytes, followUp).thenCompose(done -> {
            if (!comeBackLater(done.first())) {
                return CompletableFuture.completedFuture(done.second() != null && comeBackLater(done.second())
                        ? new Exchanged(done.first(), null) : done);
            }
            return gatedOnce(ip, url, maxBodyBytes, followUp).handle((again, failure) -> {
                // counted when done: the metric never shows one still in flight as unanswered
                comeBackTries.incrementAndGet();
                if (failure != null || !(again.first() instanceof FetchResult.Response r)) {
                    return done; // no answer the second time (quarantined, refused, ...): the first stands
                }
                if (!comeBackLater(r)) {
                    comeBackAnswered.incrementAndGet();
                }
                return again;
            });
        });
    }

    /** The server's "not now" (RFC 6585 4; RFC 9110 15.6.4 with Retry-After), not a verdict. */
    static boolean comeBackLater(FetchResult result) {
        return result instanceof FetchResult.Response r
                && (r.status() == 429 || r.status() == 503 && r.retryAfter() != null);
    }

    /** Second tries, finished, because the server said 429 (or 503 with Retry-After) to the first. */
    public long comeBackTries() {
        return comeBackTries.get();
    }

    /** Of {@link #comeBackTries()}, those answered with something else than "come back later". */
    public long comeBackAnswered() {
        return comeBackAnswered.get();
    }

    private CompletionStage<Exchanged> gatedOnce(InetAddress ip, HttpsUrl url, int maxBodyBytes,
            Function<FetchResult.Response, HttpsUrl> followUp) {
        if (optOut.blocks(url.host(), ip)) {
            return CompletableFuture.completedFuture(new Exchanged(new FetchResult.Failure(url,
                    FetchResult.Kind.OPTED_OUT, url.host() + " / " + ip.getHostAddress() + " is on the opt-out list"),
                    null));
        }
        Optional<String> refused = settings.addresses().refusal(ip);
        if (refused.isPresent()) {
            return CompletableFuture.completedFuture(new Exchanged(new FetchResult.Failure(url,
                    FetchResult.Kind.POLICY, url.host() + " / " + ip.getHostAddress() + ": " + refused.get()), null));
        }
        // The permit is held while the connection is open: through a second request on it too.
        return gates.withPermit(ip, permit -> {
            HttpsExchange exchange = exchange(ip, url, maxBodyBytes, followUp);
            return exchange.result().thenCombine(exchange.followUpResult(), (first, second) -> {
                FetchResult last = second != null ? second : first;
                permit.report(FetchResult.politeness(last));
                if (last instanceof FetchResult.Response r) {
                    r.retryAfterDelay(clock.instant()).ifPresent(permit::retryAfter);
                }
                return new Exchanged(first, second);
            });
        });
    }

    private static FetchResult failed(HttpsUrl url, Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof QuarantinedException q) {
            return new FetchResult.Failure(url, FetchResult.Kind.QUARANTINED, q.getMessage());
        }
        return new FetchResult.Failure(url, FetchResult.Kind.ERROR, String.valueOf(cause));
    }

    /** Connects to {@code ip} (never a name: nothing here may consult the system resolver). */
    private HttpsExchange exchange(InetAddress ip, HttpsUrl url, int maxBodyBytes,
            Function<FetchResult.Response, HttpsUrl> followUp) {
        HttpsExchange exchange = new HttpsExchange(url, settings.userAgent(), settings.deadline(), maxBodyBytes,
                verdicts, clock, followUp);
        long connectMillis = Math.min(settings.connectTimeout().toMillis(), settings.deadline().toMillis());
        ChannelFuture connect = new Bootstrap()
                .group(group)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.max(1, connectMillis))
                .option(ChannelOption.ALLOW_HALF_CLOSURE, false)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel channel) {
                        channel.pipeline()
                                .addLast("tls", tlsHandler(channel, url))
                                .addLast("http", new HttpClientCodec(new HttpDecoderConfig()
                                        .setMaxInitialLineLength(MAX_STATUS_LINE)
                                        .setMaxHeaderSize(settings.maxHeaderBytes())
                                        .setMaxChunkSize(CHUNK), false, false))
                                .addLast("exchange", exchange);
                    }
                })
                .connect(new InetSocketAddress(ip, url.port()));
        connect.addListener((ChannelFuture done) -> {
            if (!done.isSuccess()) {
                Throwable cause = done.cause();
                exchange.connectFailed(connectFailure(cause), "connect to " + ip.getHostAddress() + ":" + url.port()
                        + ": " + HttpsExchange.describe(cause));
            }
        });
        return exchange;
    }

    private SslHandler tlsHandler(Channel channel, HttpsUrl url) {
        SslHandler handler = sslContext.newHandler(channel.alloc(), url.host(), url.port());
        SSLEngine engine = handler.engine();
        SSLParameters parameters = engine.getSSLParameters();
        try {
            parameters.setServerNames(List.of(new SNIHostName(url.host())));
        } catch (IllegalArgumentException e) {
            // Not a name SNI can carry (e.g. a test name with odd characters): send none.
        }
        engine.setSSLParameters(parameters);
        // The exchange's own deadline covers the handshake, and reports it as a timeout.
        handler.setHandshakeTimeoutMillis(0);
        return handler;
    }

    private static FetchResult.Kind connectFailure(Throwable cause) {
        if (cause instanceof ConnectTimeoutException) {
            return FetchResult.Kind.TIMEOUT;
        }
        if (cause instanceof ConnectException) {
            return String.valueOf(cause.getMessage()).toLowerCase(Locale.ROOT).contains("refused")
                    ? FetchResult.Kind.REFUSED : FetchResult.Kind.UNREACHABLE;
        }
        return cause instanceof java.net.SocketException ? FetchResult.Kind.UNREACHABLE : FetchResult.Kind.ERROR;
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
