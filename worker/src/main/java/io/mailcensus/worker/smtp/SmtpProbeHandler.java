package io.mailcensus.worker.smtp;

import io.mailcensus.schemas.ConnectStatus;
import io.mailcensus.schemas.SmtpSoftware;
import io.mailcensus.schemas.StarttlsStatus;
import io.mailcensus.schemas.TlsStatus;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.IOException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/**
 * The probe's state machine: greeting, EHLO (HELO when EHLO gets a 5xx), STARTTLS when offered,
 * the TLS handshake, EHLO over TLS, QUIT. The commands it can send are {@link Command}'s four:
 * MAIL, RCPT and DATA cannot be expressed. Every stage runs under its own timer and the whole
 * probe under a deadline; the result is completed once, when the channel closes.
 *
 * <p>Event-loop confined: all fields are touched only from the channel's event loop.
 */
public final class SmtpProbeHandler extends SimpleChannelInboundHandler<SmtpReply> {

    /** Everything the probe may say. */
    enum Command {
        EHLO,
        HELO,
        STARTTLS,
        QUIT
    }

    private final MailServerTarget target;
    private final String mxHost;
    private final SmtpProbeSettings settings;
    private final SslContext sslContext;
    private final long startNanos;
    private final CompletableFuture<SmtpProbeResult> result = new CompletableFuture<>();

    private SmtpStage stage = SmtpStage.CONNECT;
    private ScheduledFuture<?> stageTimer;
    private ScheduledFuture<?> deadlineTimer;
    private ConnectStatus connect = ConnectStatus.not_checked;
    private Integer connectMs;
    private SmtpReply greeting;
    private SmtpReply ehlo;
    private boolean heloFallback;
    private List<String> extensions = List.of();
    private StarttlsStatus starttls = StarttlsStatus.not_checked;
    private TlsStatus tls = TlsStatus.not_attempted;
    private String tlsError;
    private String tlsProtocol;
    private String tlsCipher;
    private List<X509Certificate> chain = List.of();
    private final List<String> commandsSent = new ArrayList<>();
    private SmtpFailure failure;

    /**
     * @param startNanos {@link System#nanoTime()} when the connect began: connect time and the
     *     deadline count from it
     */
    public SmtpProbeHandler(MailServerTarget target, SmtpProbeSettings settings, SslContext sslContext,
            long startNanos) {
        super(SmtpReply.class);
        this.target = target;
        this.mxHost = target.host();
        this.settings = settings;
        this.sslContext = sslContext;
        this.startNanos = startNanos;
    }

    /** Completed exactly once, when the probe is over (never exceptionally). */
    public CompletableFuture<SmtpProbeResult> result() {
        return result;
    }

    /** The connect failed: there is no conversation, only the connect outcome. */
    public void connectFailed(ConnectStatus status, SmtpFailure why) {
        connect = status;
        failure = why;
        stage = SmtpStage.DONE;
        complete();
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        connect = ConnectStatus.ok;
        connectMs = (int) Math.min(Integer.MAX_VALUE, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos));
        long remaining = settings.deadline().toNanos() - (System.nanoTime() - startNanos);
        deadlineTimer = ctx.executor().schedule(
                () -> fail(ctx, SmtpFailure.Kind.DEADLINE, "probe deadline " + settings.deadline()),
                Math.max(0, remaining), TimeUnit.NANOSECONDS);
        enter(ctx, SmtpStage.GREETING, settings.greetingTimeout());
        ctx.fireChannelActive();
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, SmtpReply reply) {
        switch (stage) {
            case GREETING -> onGreeting(ctx, reply);
            case EHLO -> onEhlo(ctx, reply);
            case HELO -> onHelo(ctx, reply);
            case STARTTLS -> onStarttls(ctx, reply);
            case EHLO_TLS -> quit(ctx);
            case QUIT -> close(ctx);
            // A reply nobody asked for (during the handshake or after the end): ignore it.
            default -> { }
        }
    }

    private void onGreeting(ChannelHandlerContext ctx, SmtpReply reply) {
        greeting = reply;
        if (reply.isPositive()) {
            send(ctx, Command.EHLO, SmtpStage.EHLO);
        } else {
            failure = new SmtpFailure(SmtpFailure.Kind.REJECTED, SmtpStage.GREETING, reply.firstLine());
            quit(ctx);
        }
    }

    private void onEhlo(ChannelHandlerContext ctx, SmtpReply reply) {
        if (reply.isPositive()) {
            ehlo = reply;
            List<String> texts = reply.texts();
            extensions = texts.subList(1, texts.size()).stream().map(String::strip).toList();
            boolean offered = extensions.stream().anyMatch(SmtpProbeHandler::isStarttls);
            if (offered) {
                send(ctx, Command.STARTTLS, SmtpStage.STARTTLS);
            } else {
                starttls = StarttlsStatus.not_offered;
                quit(ctx);
            }
        } else if (reply.isTransientFailure()) {
            ehlo = reply;
            failure = new SmtpFailure(SmtpFailure.Kind.REJECTED, SmtpStage.EHLO, reply.firstLine());
            quit(ctx);
        } else {
            heloFallback = true;
            send(ctx, Command.HELO, SmtpStage.HELO);
        }
    }

    private void onHelo(ChannelHandlerContext ctx, SmtpReply reply) {
        ehlo = reply;
        if (reply.isPositive()) {
            // HELO has no extensions, so there is no STARTTLS to offer.
            starttls = StarttlsStatus.not_offered;
        } else {
            failure = new SmtpFailure(SmtpFailure.Kind.REJECTED, SmtpStage.HELO, reply.firstLine());
        }
        quit(ctx);
    }

    private void onStarttls(ChannelHandlerContext ctx, SmtpReply reply) {
        if (reply.isTransientFailure()) {
            // 454 and the like say "not now", not "no TLS here": unknown, kept with stage and reply
            starttls = StarttlsStatus.error;
            failure = new SmtpFailure(SmtpFailure.Kind.REJECTED, SmtpStage.STARTTLS, reply.firstLine());
            quit(ctx);
            return;
        }
        if (!reply.isPositive()) {
            starttls = StarttlsStatus.refused; // a 5xx: the server will not do TLS, a final answer
            quit(ctx);
            return;
        }
        SmtpReplyDecoder decoder = ctx.pipeline().get(SmtpReplyDecoder.class);
        int early = decoder.bufferedBytes();
        if (early > 0) {
            // Bytes sent before the handshake would be taken as if they came over TLS.
            decoder.discardRest();
            starttls = StarttlsStatus.error;
            fail(ctx, SmtpFailure.Kind.STARTTLS_INJECTION, early + " bytes after the 220 to STARTTLS");
            return;
        }
        starttls = StarttlsStatus.accepted;
        SslHandler ssl = newSslHandler(ctx);
        enter(ctx, SmtpStage.TLS_HANDSHAKE, settings.handshakeTimeout());
        ctx.pipeline().addBefore(SmtpInitializer.REPLIES, SmtpInitializer.TLS, ssl);
        ssl.handshakeFuture().addListener(done -> onHandshake(ctx, ssl, done));
    }

    private SslHandler newSslHandler(ChannelHandlerContext ctx) {
        SslHandler ssl = sslContext.newHandler(ctx.alloc(), mxHost, target.port());
        // Our own stage timer bounds the handshake, so the outcome is typed the same way as others.
        ssl.setHandshakeTimeoutMillis(0);
        // Closing must not wait long on a peer that does not read our close_notify.
        ssl.setCloseNotifyFlushTimeoutMillis(settings.replyTimeout().toMillis());
        SSLEngine engine = ssl.engine();
        String sniName = sniName(mxHost);
        if (sniName != null) {
            SSLParameters parameters = engine.getSSLParameters();
            parameters.setServerNames(List.of(new SNIHostName(sniName)));
            engine.setSSLParameters(parameters);
        }
        return ssl;
    }

    private void onHandshake(ChannelHandlerContext ctx, SslHandler ssl, Future<?> done) {
        if (stage != SmtpStage.TLS_HANDSHAKE) {
            return;
        }
        if (!done.isSuccess()) {
            tls = TlsStatus.failed;
            tlsError = describe(done.cause());
            fail(ctx, SmtpFailure.Kind.TLS_FAILED, tlsError);
            return;
        }
        SSLSession session = ssl.engine().getSession();
        tls = TlsStatus.ok;
        tlsProtocol = session.getProtocol();
        tlsCipher = session.getCipherSuite();
        chain = peerChain(session);
        if (settings.ehloAfterTls()) {
            send(ctx, Command.EHLO, SmtpStage.EHLO_TLS);
        } else {
            quit(ctx);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof SmtpReplyException bad) {
            fail(ctx, bad.kind(), bad.getMessage());
        } else if (stage == SmtpStage.TLS_HANDSHAKE) {
            tls = TlsStatus.failed;
            tlsError = describe(cause);
            fail(ctx, SmtpFailure.Kind.TLS_FAILED, tlsError);
        } else if (cause instanceof IOException) {
            fail(ctx, SmtpFailure.Kind.CLOSED, describe(cause));
        } else {
            fail(ctx, SmtpFailure.Kind.ERROR, describe(cause));
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (failure == null && stage != SmtpStage.QUIT && stage != SmtpStage.DONE) {
            if (stage == SmtpStage.TLS_HANDSHAKE) {
                tls = TlsStatus.failed;
                tlsError = "connection closed during the handshake";
            }
            failure = new SmtpFailure(SmtpFailure.Kind.CLOSED, stage, "server closed the connection");
        }
        stage = SmtpStage.DONE;
        cancel(stageTimer);
        cancel(deadlineTimer);
        complete();
        ctx.fireChannelInactive();
    }

    private void quit(ChannelHandlerContext ctx) {
        send(ctx, Command.QUIT, SmtpStage.QUIT);
    }

    private void send(ChannelHandlerContext ctx, Command command, SmtpStage next) {
        String line = switch (command) {
            case EHLO, HELO -> command + " " + settings.ehloName();
            case STARTTLS, QUIT -> command.name();
        };
        commandsSent.add(line);
        enter(ctx, next, settings.replyTimeout());
        ctx.writeAndFlush(ByteBufUtil.writeAscii(ctx.alloc(), line + "\r\n"));
    }

    private void enter(ChannelHandlerContext ctx, SmtpStage next, Duration timeout) {
        cancel(stageTimer);
        stage = next;
        stageTimer = ctx.executor().schedule(
                () -> onStageTimeout(ctx, next, timeout), timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    private void onStageTimeout(ChannelHandlerContext ctx, SmtpStage timedOut, Duration timeout) {
        if (stage != timedOut) {
            return;
        }
        if (timedOut == SmtpStage.QUIT) {
            close(ctx); // the probe is complete; a missing 221 changes nothing
            return;
        }
        if (timedOut == SmtpStage.TLS_HANDSHAKE) {
            tls = TlsStatus.failed;
            tlsError = "handshake timeout after " + timeout.toMillis() + " ms";
        }
        fail(ctx, SmtpFailure.Kind.TIMEOUT, "no complete reply within " + timeout.toMillis() + " ms");
    }

    /** Records the first failure and hangs up without QUIT: the stream can no longer be trusted. */
    private void fail(ChannelHandlerContext ctx, SmtpFailure.Kind kind, String detail) {
        if (stage == SmtpStage.DONE) {
            return;
        }
        // Once QUIT is sent the probe has what it came for: a slow or rude goodbye is no failure.
        if (failure == null && stage != SmtpStage.QUIT) {
            failure = new SmtpFailure(kind, stage, detail);
        }
        close(ctx);
    }

    private void close(ChannelHandlerContext ctx) {
        cancel(stageTimer);
        stage = SmtpStage.DONE; // whatever still arrives before the close completes is ignored
        ctx.channel().close();
    }

    private void complete() {
        SmtpSoftware software = greeting == null
                ? SmtpSoftware.unknown
                : SoftwareClassifier.classify(greeting.firstLine(), ehlo == null ? null : ehlo.firstLine());
        result.complete(new SmtpProbeResult(target, connect, connectMs, greeting, software,
                ehlo, heloFallback, extensions, starttls, tls, tlsError, tlsProtocol, tlsCipher, chain,
                commandsSent, Optional.ofNullable(failure)));
    }

    private static boolean isStarttls(String extension) {
        String keyword = extension.split(" ", 2)[0];
        return keyword.equalsIgnoreCase("STARTTLS");
    }

    private static List<X509Certificate> peerChain(SSLSession session) {
        try {
            List<X509Certificate> certificates = new ArrayList<>();
            for (Certificate certificate : session.getPeerCertificates()) {
                if (certificate instanceof X509Certificate x509) {
                    certificates.add(x509);
                }
            }
            return certificates;
        } catch (SSLPeerUnverifiedException e) {
            return List.of(); // anonymous cipher suites: no chain to record
        }
    }

    /** SNI takes host names only: no IP literals, no trailing dot. */
    static String sniName(String host) {
        String name = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        if (name.isEmpty() || name.indexOf(':') >= 0 || name.matches("[0-9.]+")) {
            return null;
        }
        try {
            new SNIHostName(name);
            return name.toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String describe(Throwable cause) {
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return root.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    private static void cancel(ScheduledFuture<?> timer) {
        if (timer != null) {
            timer.cancel(false);
        }
    }
}
