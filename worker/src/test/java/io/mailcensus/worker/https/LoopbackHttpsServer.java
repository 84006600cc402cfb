package io.mailcensus.worker.https;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.ssl.SniHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.util.Mapping;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A scriptable HTTPS server on a loopback address, for the client's tests: per-name certificates
 * (SNI), and per-(host, path) replies, well-behaved or hostile (slow drip, endless body, silence,
 * huge headers). {@link #garbage} is a TCP server that answers the handshake with noise.
 */
final class LoopbackHttpsServer implements AutoCloseable {

    /** What the server does with one request. */
    sealed interface Reply {
        record Ok(int status, String contentType, Map<String, String> headers, String body) implements Reply {}
        /** Headers, then one body byte every {@code everyMillis}, forever. */
        record Drip(long everyMillis) implements Reply {}
        /** A chunked body that never ends. */
        record Endless() implements Reply {}
        /** Reads the request and says nothing. */
        record Silent() implements Reply {}
        /** A header line of this many bytes. */
        record HugeHeader(int bytes) implements Reply {}
    }

    static Reply text(int status, String contentType, String body) {
        return new Reply.Ok(status, contentType, Map.of(), body);
    }

    static Reply redirect(int status, String location) {
        return new Reply.Ok(status, "text/html", Map.of("Location", location), "<a href=\"" + location + "\">moved</a>");
    }

    record Seen(String sni, String host, String path, String userAgent) {}

    final List<Seen> requests = new CopyOnWriteArrayList<>();
    final AtomicInteger connections = new AtomicInteger();
    private final Map<String, Reply> routes = new ConcurrentHashMap<>();
    private final Map<String, java.util.Queue<Reply>> once = new ConcurrentHashMap<>();
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final Channel server;

    /** @param certificates SSL context per SNI name; {@code defaultContext} for any other name */
    LoopbackHttpsServer(InetAddress address, int port, Map<String, SslContext> certificates, SslContext defaultContext)
            throws InterruptedException {
        Mapping<String, SslContext> sni = name -> name == null ? defaultContext
                : certificates.getOrDefault(name, defaultContext);
        server = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        connections.incrementAndGet();
                        SniHandler sniHandler = new SniHandler(sni);
                        ch.pipeline().addLast(sniHandler, new HttpServerCodec(), new HttpObjectAggregator(8192),
                                new Router(sniHandler));
                    }
                })
                .bind(new InetSocketAddress(address, port)).sync().channel();
    }

    private LoopbackHttpsServer(InetAddress address, ChannelInitializer<Channel> raw) throws InterruptedException {
        server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class).childHandler(raw)
                .bind(new InetSocketAddress(address, 0)).sync().channel();
    }

    /** Accepts TCP and answers with bytes that are not TLS. */
    static LoopbackHttpsServer garbage(InetAddress address) throws InterruptedException {
        return new LoopbackHttpsServer(address, new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel ch) {
                ch.pipeline().addLast(new ChannelInboundHandlerAdapter() {
                    @Override
                    public void channelActive(ChannelHandlerContext ctx) {
                        ctx.writeAndFlush(Unpooled.copiedBuffer("HTTP/1.1 400 this is no TLS\r\n\r\n".repeat(50),
                                StandardCharsets.US_ASCII));
                    }

                    @Override
                    public void channelRead(ChannelHandlerContext ctx, Object msg) {
                        io.netty.util.ReferenceCountUtil.release(msg);
                    }
                });
            }
        });
    }

    /** Accepts TCP and never says a word, not even a TLS ServerHello. */
    static LoopbackHttpsServer mute(InetAddress address) throws InterruptedException {
        return new LoopbackHttpsServer(address, new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel ch) {
                ch.pipeline().addLast(new ChannelInboundHandlerAdapter() {
                    @Override
                    public void channelRead(ChannelHandlerContext ctx, Object msg) {
                        io.netty.util.ReferenceCountUtil.release(msg);
                    }
                });
            }
        });
    }

    int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    LoopbackHttpsServer route(String host, String path, Reply reply) {
        routes.put(host + path, reply);
        return this;
    }

    /** Answers the next request for (host, path) with {@code reply}, once, before its standing route. */
    LoopbackHttpsServer routeOnce(String host, String path, Reply reply) {
        once.computeIfAbsent(host + path, k -> new java.util.concurrent.ConcurrentLinkedQueue<>()).add(reply);
        return this;
    }

    private final class Router extends SimpleChannelInboundHandler<FullHttpRequest> {
        private final SniHandler sni;

        Router(SniHandler sni) {
            this.sni = sni;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
            String host = request.headers().get(HttpHeaderNames.HOST, "");
            String bareHost = host.contains(":") ? host.substring(0, host.indexOf(':')) : host;
            requests.add(new Seen(sni.hostname(), host, request.uri(), request.headers().get(HttpHeaderNames.USER_AGENT)));
            java.util.Queue<Reply> next = once.get(bareHost + request.uri());
            Reply reply = next == null ? null : next.poll();
            if (reply == null) {
                reply = routes.getOrDefault(bareHost + request.uri(), text(404, "text/html", "<h1>not found</h1>"));
            }
            switch (reply) {
                case Reply.Ok ok -> {
                    FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                            HttpResponseStatus.valueOf(ok.status()), Unpooled.copiedBuffer(ok.body(), StandardCharsets.UTF_8));
                    if (ok.contentType() != null) {
                        response.headers().set(HttpHeaderNames.CONTENT_TYPE, ok.contentType());
                    }
                    ok.headers().forEach(response.headers()::set);
                    HttpUtil.setContentLength(response, response.content().readableBytes());
                    // Keeps the connection when the client asks and the route does not say "Connection: close".
                    boolean keep = HttpUtil.isKeepAlive(request) && !"close".equalsIgnoreCase(ok.headers().get("Connection"));
                    if (keep) {
                        ctx.writeAndFlush(response);
                    } else {
                        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
                    }
                }
                case Reply.Drip drip -> {
                    HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
                    head.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain").set(HttpHeaderNames.CONTENT_LENGTH, 1_000_000);
                    ctx.writeAndFlush(head);
                    drip(ctx, drip.everyMillis());
                }
                case Reply.Endless e -> {
                    HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
                    head.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain");
                    HttpUtil.setTransferEncodingChunked(head, true);
                    ctx.writeAndFlush(head);
                    flood(ctx);
                }
                case Reply.Silent s -> { }
                case Reply.HugeHeader huge -> {
                    HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
                    head.headers().set("X-Filler", "x".repeat(huge.bytes()));
                    ctx.writeAndFlush(head);
                }
            }
        }

        private void drip(ChannelHandlerContext ctx, long everyMillis) {
            if (!ctx.channel().isActive()) {
                return;
            }
            ctx.writeAndFlush(new DefaultHttpContent(Unpooled.copiedBuffer("x", StandardCharsets.US_ASCII)));
            ctx.executor().schedule(() -> drip(ctx, everyMillis), everyMillis, TimeUnit.MILLISECONDS);
        }

        /** Writes 16 KiB chunks, each after the previous one left, until the client hangs up. */
        private void flood(ChannelHandlerContext ctx) {
            if (!ctx.channel().isActive()) {
                return;
            }
            ByteBuf chunk = Unpooled.wrappedBuffer(new byte[16 * 1024]);
            ctx.writeAndFlush(new DefaultHttpContent(chunk)).addListener(done -> {
                if (done.isSuccess()) {
                    flood(ctx);
                }
            });
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }

    @Override
    public void close() {
        server.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
