package io.mailcensus.worker.smtp;

import io.mailcensus.schemas.ConnectStatus;
import io.mailcensus.worker.tls.ClientTls;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.ConnectTimeoutException;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslContext;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * Probes mail servers over SMTP (see {@link SmtpProbeHandler} for the conversation). One shared
 * event loop group for all probes; close it when done. Politeness (one connection per IP, rate,
 * opt-out) is the caller's job: this class connects where it is told.
 */
public final class SmtpProbe implements AutoCloseable {

    private final SmtpProbeSettings settings;
    private final EventLoopGroup group;
    private final SslContext sslContext;

    /** @param threads event loop threads; SMTP probing waits on the network, 1-2 go a long way */
    public SmtpProbe(SmtpProbeSettings settings, int threads) {
        this.settings = settings;
        this.group = new MultiThreadIoEventLoopGroup(threads, NioIoHandler.newFactory());
        this.sslContext = ClientTls.context();
    }

    /**
     * Probes {@code target}'s address and port as its MX host, which is also the SNI name. Never
     * completes exceptionally: every outcome is in the result.
     */
    public CompletionStage<SmtpProbeResult> probe(MailServerTarget target) {
        SmtpProbeHandler handler = new SmtpProbeHandler(target, settings, sslContext, System.nanoTime());
        long connectMillis = Math.min(settings.connectTimeout().toMillis(), settings.deadline().toMillis());
        ChannelFuture connect = new Bootstrap()
                .group(group)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.max(1, connectMillis))
                // Half-open servers must not keep a probe alive: a FIN ends the conversation.
                .option(ChannelOption.ALLOW_HALF_CLOSURE, false)
                .handler(new SmtpInitializer(settings.limits(), handler))
                .connect(target.socketAddress());
        connect.addListener((ChannelFuture done) -> {
            if (!done.isSuccess()) {
                Throwable cause = done.cause();
                handler.connectFailed(connectStatus(cause),
                        new SmtpFailure(failureKind(cause), SmtpStage.CONNECT, String.valueOf(cause.getMessage())));
            }
        });
        return handler.result();
    }

    static ConnectStatus connectStatus(Throwable cause) {
        return switch (failureKind(cause)) {
            case REFUSED -> ConnectStatus.refused;
            case TIMEOUT -> ConnectStatus.timeout;
            case UNREACHABLE -> ConnectStatus.unreachable;
            default -> ConnectStatus.error;
        };
    }

    private static SmtpFailure.Kind failureKind(Throwable cause) {
        if (cause instanceof ConnectTimeoutException) {
            return SmtpFailure.Kind.TIMEOUT;
        }
        if (cause instanceof NoRouteToHostException) {
            return SmtpFailure.Kind.UNREACHABLE;
        }
        if (cause instanceof ConnectException) {
            String message = String.valueOf(cause.getMessage()).toLowerCase(java.util.Locale.ROOT);
            return message.contains("refused") ? SmtpFailure.Kind.REFUSED : SmtpFailure.Kind.UNREACHABLE;
        }
        if (cause instanceof SocketException) {
            return SmtpFailure.Kind.UNREACHABLE;
        }
        return SmtpFailure.Kind.ERROR;
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
