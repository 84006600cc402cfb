package io.mailcensus.worker.https;

import io.mailcensus.worker.tls.CertificateVerdict;
import io.mailcensus.worker.tls.CertificateVerdicts;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.util.ReferenceCountUtil;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * One GET over one connection, and at most one more on the same connection: waits for the TLS
 * handshake, judges the presented chain with mailcensus's own verdicts (the handshake accepts any
 * certificate so the response can still be read and the verdict recorded beside it), sends the
 * request, and collects the response within the caps. Everything that could keep it alive is
 * bounded: one deadline per request from its start to its last byte, the body cap (reading stops
 * there and the connection is closed), the header cap (in the codec).
 *
 * <p>A follow-up (given to the constructor) is asked, once the first response is whole, for a
 * second path on the same host: when it names one and the server keeps the connection open, that
 * request goes out on this connection, saving a handshake and a connection under the IP's gate
 * (security.txt's legacy location after a miss at the well-known one). {@link #result()}
 * completes once with the first response, {@link #followUpResult()} once with the second, or with
 * null when none was sent (not wanted, not reusable, or the server closed the idle connection
 * first): the caller then asks on a new connection. The connection is closed when the last
 * request completes.
 */
final class HttpsExchange extends ChannelInboundHandlerAdapter {

    private final String userAgent;
    private final Duration deadline;
    private final int maxBodyBytes;
    private final CertificateVerdicts verdicts;
    private final Clock clock;
    private final CompletableFuture<FetchResult> result = new CompletableFuture<>();
    private final CompletableFuture<FetchResult> followUpResult = new CompletableFuture<>();
    private Function<FetchResult.Response, HttpsUrl> followUp;

    private HttpsUrl url;
    /** The future the request in progress completes: {@link #result} then {@link #followUpResult}. */
    private CompletableFuture<FetchResult> current = result;
    private Channel channel;
    private ScheduledFuture<?> deadlineTimer;
    private boolean handshakeDone;
    private String certificateError;
    private HttpResponse head;
    private ByteArrayOutputStream body;

    /** @param followUp the second URL (same host and port) for a first response, or null for none; runs on the event loop */
    HttpsExchange(HttpsUrl url, String userAgent, Duration deadline, int maxBodyBytes, CertificateVerdicts verdicts,
            Clock clock, Function<FetchResult.Response, HttpsUrl> followUp) {
        this.url = url;
        this.userAgent = userAgent;
        this.deadline = deadline;
        this.maxBodyBytes = maxBodyBytes;
        this.verdicts = verdicts;
        this.clock = clock;
        this.followUp = followUp;
        if (followUp == null) {
            followUpResult.complete(null);
        }
    }

    CompletableFuture<FetchResult> result() {
        return result;
    }

    /** The second response on this connection, or null when no second request was sent on it. */
    CompletableFuture<FetchResult> followUpResult() {
        return followUpResult;
    }

    /** The connect failed: no channel to close. */
    void connectFailed(FetchResult.Kind kind, String detail) {
        finish(new FetchResult.Failure(url, kind, detail));
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        channel = ctx.channel();
        startDeadline(ctx);
    }

    private void startDeadline(ChannelHandlerContext ctx) {
        CompletableFuture<FetchResult> request = current;
        deadlineTimer = ctx.executor().schedule(() -> {
            if (current == request) {
                fail(FetchResult.Kind.TIMEOUT, "no complete response within " + deadline);
            }
        }, deadline.toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof SslHandshakeCompletionEvent done) {
            if (!done.isSuccess()) {
                fail(FetchResult.Kind.TLS, "TLS handshake failed: " + describe(done.cause()));
                return;
            }
            handshakeDone = true;
            certificateError = judge(ctx.pipeline().get(SslHandler.class));
            send(ctx);
            return;
        }
        super.userEventTriggered(ctx, event);
    }

    private String judge(SslHandler ssl) {
        try {
            List<X509Certificate> chain = new ArrayList<>();
            for (Certificate c : ssl.engine().getSession().getPeerCertificates()) {
                if (c instanceof X509Certificate x509) {
                    chain.add(x509);
                }
            }
            if (chain.isEmpty()) {
                return "no X.509 certificate presented";
            }
            CertificateVerdict verdict = verdicts.evaluate(chain, url.host(), clock.instant());
            if (!verdict.pkixValid()) {
                return "not trusted: " + verdict.pkixError();
            }
            return verdict.hostnameMatch() ? null : "certificate does not name " + url.host();
        } catch (SSLPeerUnverifiedException e) {
            return "no certificate presented";
        } catch (RuntimeException e) {
            return "certificate not judged: " + describe(e);
        }
    }

    private void send(ChannelHandlerContext ctx) {
        CompletableFuture<FetchResult> request = current;
        ctx.writeAndFlush(request()).addListener(written -> {
            if (!written.isSuccess() && current == request) {
                fail(FetchResult.Kind.ERROR, "cannot send the request: " + describe(written.cause()));
            }
        });
    }

    private FullHttpRequest request() {
        FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, url.path());
        request.headers()
                .set(HttpHeaderNames.HOST, url.authority())
                .set(HttpHeaderNames.USER_AGENT, userAgent)
                .set(HttpHeaderNames.ACCEPT, "*/*")
                // No Accept-Encoding: the body arrives as served, so the byte cap means what it says.
                // Keep-alive only while a second request may follow.
                .set(HttpHeaderNames.CONNECTION, followUp != null ? HttpHeaderValues.KEEP_ALIVE : HttpHeaderValues.CLOSE);
        return request;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (current.isDone()) {
                return;
            }
            if (msg instanceof HttpObject object && object.decoderResult().isFailure()) {
                fail(FetchResult.Kind.PROTOCOL, "bad HTTP response: " + describe(object.decoderResult().cause()));
                return;
            }
            if (msg instanceof HttpResponse response) {
                if (response.status().code() / 100 == 1) {
                    return; // 1xx: the real response follows
                }
                head = response;
                body = new ByteArrayOutputStream(Math.min(maxBodyBytes, 8192));
            }
            if (msg instanceof HttpContent content && head != null) {
                if (!append(content.content())) {
                    respond(true);
                    return;
                }
                if (content instanceof LastHttpContent) {
                    respond(false);
                }
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    /** False when the cap is reached: the bytes up to it are kept, the rest is not read. */
    private boolean append(ByteBuf bytes) {
        int room = maxBodyBytes - body.size();
        int readable = bytes.readableBytes();
        int take = Math.min(room, readable);
        if (take > 0) {
            byte[] chunk = new byte[take];
            bytes.readBytes(chunk);
            body.writeBytes(chunk);
        }
        return readable <= room;
    }

    private void respond(boolean truncated) {
        FetchResult.Response response = new FetchResult.Response(url, head.status().code(),
                head.headers().get(HttpHeaderNames.CONTENT_TYPE), head.headers().get(HttpHeaderNames.LOCATION),
                body.toByteArray(), truncated, certificateError, List.of(), head.headers().get(HttpHeaderNames.RETRY_AFTER));
        HttpsUrl next = truncated || !HttpUtil.isKeepAlive(head) ? null : nextUrl(response);
        if (next == null) {
            finish(response);
            return;
        }
        // The first response is whole and the server keeps the connection: the second request goes out on it.
        result.complete(response);
        deadlineTimer.cancel(false);
        followUp = null;
        url = next;
        head = null;
        body = null;
        current = followUpResult;
        ChannelHandlerContext ctx = channel.pipeline().context(this);
        startDeadline(ctx);
        send(ctx);
    }

    private HttpsUrl nextUrl(FetchResult.Response response) {
        if (followUp == null) {
            return null;
        }
        try {
            HttpsUrl next = followUp.apply(response);
            return next != null && next.host().equals(url.host()) && next.port() == url.port() ? next : null;
        } catch (RuntimeException e) {
            return null; // the caller asks again on a new connection, where its own code fails the same way
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        Throwable root = cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
        if (!handshakeDone && (root instanceof SSLException || cause instanceof DecoderException)) {
            fail(FetchResult.Kind.TLS, "TLS handshake failed: " + describe(root));
        } else if (root instanceof TooLongFrameException) {
            fail(FetchResult.Kind.PROTOCOL, "response over the caps: " + describe(root));
        } else if (root instanceof IOException || root instanceof SSLException) {
            fail(FetchResult.Kind.PROTOCOL, "connection failed mid-response: " + describe(root));
        } else {
            fail(FetchResult.Kind.ERROR, describe(root));
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (current == followUpResult && head == null) {
            // The server closed the kept-alive connection before answering the second request:
            // not a verdict on that URL; the caller asks again on a new connection.
            current.complete(null);
            deadlineTimer.cancel(false);
        } else if (!handshakeDone) {
            fail(FetchResult.Kind.TLS, "connection closed during the TLS handshake");
        } else if (head != null) {
            fail(FetchResult.Kind.PROTOCOL, "connection closed before the end of the response");
        } else {
            fail(FetchResult.Kind.PROTOCOL, "connection closed without a response");
        }
        super.channelInactive(ctx);
    }

    private void fail(FetchResult.Kind kind, String detail) {
        finish(new FetchResult.Failure(url, kind, detail));
    }

    private void finish(FetchResult outcome) {
        if (!current.complete(outcome)) {
            return;
        }
        followUpResult.complete(null); // when the first request ends here, no second one was sent
        if (deadlineTimer != null) {
            deadlineTimer.cancel(false);
        }
        if (channel != null) {
            channel.close();
        }
    }

    static String describe(Throwable t) {
        if (t == null) {
            return "unknown";
        }
        String message = t.getMessage();
        return message == null || message.isBlank() ? t.getClass().getSimpleName() : message;
    }
}
