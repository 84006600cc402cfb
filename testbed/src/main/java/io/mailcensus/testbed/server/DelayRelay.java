package io.mailcensus.testbed.server;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Network latency for the testbed, made in user space because this kernel has no netem: a DNS
 * relay in front of Knot that holds every packet for half a round trip each way ({@link LinkDelay})
 * and drops a share of the UDP packets. It listens, UDP and TCP, on the addresses the zones and
 * Unbound's root hints name (127.53.B.1 and .3), and forwards to the real servers moved to .11 and
 * .13. One thread, one selector and a timeline: it costs a few microseconds per packet, so it is
 * not what limits a scan (see testbed/README.md for the measurement).
 *
 * <pre>
 * java -cp testbed/target/classes io.mailcensus.testbed.server.DelayRelay \
 *     --route 127.53.0.1:53=127.53.0.11:53 [--route ...] --latency-ms 20 [--loss 0.005] [--seed 1]
 * </pre>
 */
public final class DelayRelay implements AutoCloseable {

    /** At most this many packets (or TCP chunks) wait at once; beyond, they are dropped and counted. */
    static final int MAX_PENDING = 100_000;
    private static final long STATS_EVERY_NANOS = Duration.ofSeconds(10).toNanos();

    /** Listen on {@code front}, forward to {@code back}. */
    public record Route(InetSocketAddress front, InetSocketAddress back) {
        /** "127.53.0.1:53=127.53.0.11:53" */
        static Route parse(String s) {
            String[] parts = s.split("=", 2);
            if (parts.length != 2) {
                throw new IllegalArgumentException("route must be FRONT=BACK: " + s);
            }
            return new Route(socket(parts[0]), socket(parts[1]));
        }

        private static InetSocketAddress socket(String s) {
            int colon = s.lastIndexOf(':');
            try {
                return new InetSocketAddress(InetAddress.getByName(s.substring(0, colon)),
                        Integer.parseInt(s.substring(colon + 1)));
            } catch (IOException | RuntimeException e) {
                throw new IllegalArgumentException("not an IP:port: " + s, e);
            }
        }

        String arg() {
            return front.getAddress().getHostAddress() + ":" + front.getPort() + "="
                    + back.getAddress().getHostAddress() + ":" + back.getPort();
        }
    }

    /** What a selection key's attachment does when its channel is ready. */
    interface Ready {
        void ready(SelectionKey key) throws IOException;
    }

    /** What went through, for the log. Touched by the relay's thread only. */
    static final class Counters {
        long udpQueries;
        long udpAnswers;
        long udpLost;
        long overflows;
        long sendErrors;
        long tcpAccepted;
        long tcpClosed;

        @Override
        public String toString() {
            return "udp queries %d answers %d lost %d; tcp connections %d (open %d); dropped for lack of room %d; send errors %d"
                    .formatted(udpQueries, udpAnswers, udpLost, tcpAccepted, tcpAccepted - tcpClosed, overflows, sendErrors);
        }
    }

    private final LinkDelay link;
    private final SplittableRandom random;
    private final Selector selector;
    private final Timeline<Runnable> timeline = new Timeline<>(MAX_PENDING);
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(65_536);
    private final Counters counters = new Counters();
    private final List<UdpRoute> udp = new ArrayList<>();
    private final List<ServerSocketChannel> tcp = new ArrayList<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean running = true;

    private DelayRelay(LinkDelay link, long seed) throws IOException {
        this.link = link;
        this.random = new SplittableRandom(seed);
        this.selector = Selector.open();
    }

    /** Binds every route's front address (UDP and TCP); {@link #run()} then relays. */
    public static DelayRelay open(List<Route> routes, LinkDelay link, long seed) throws IOException {
        DelayRelay relay = new DelayRelay(link, seed);
        try {
            for (Route r : routes) {
                relay.udp.add(new UdpRoute(relay, r, relay.selector));
                ServerSocketChannel listener = ServerSocketChannel.open();
                listener.setOption(StandardSocketOptions.SO_REUSEADDR, true);
                listener.bind(r.front(), 1024);
                listener.configureBlocking(false);
                listener.register(relay.selector, SelectionKey.OP_ACCEPT, (Ready) key -> relay.accept(listener, r.back()));
                relay.tcp.add(listener);
            }
        } catch (IOException | RuntimeException e) {
            relay.closeChannels();
            throw e;
        }
        return relay;
    }

    /** Relays until {@link #close()}; then closes every socket. */
    public void run() throws IOException {
        long nextStats = System.nanoTime() + STATS_EVERY_NANOS;
        String lastStats = counters.toString(); // no line until something happened
        try {
            while (running) {
                long now = System.nanoTime();
                Runnable due;
                while ((due = timeline.pollDue(now)) != null) {
                    due.run();
                }
                long wait = timeline.nanosUntilNext(System.nanoTime());
                if (wait == 0) {
                    selector.selectNow();
                } else {
                    // select() counts milliseconds: round up, so nothing leaves early
                    selector.select(wait < 0 ? 1_000 : (wait + 999_999) / 1_000_000);
                }
                for (SelectionKey key : selector.selectedKeys()) {
                    if (key.isValid()) {
                        ((Ready) key.attachment()).ready(key);
                    }
                }
                selector.selectedKeys().clear();
                if (System.nanoTime() - nextStats > 0) {
                    nextStats += STATS_EVERY_NANOS;
                    String stats = counters.toString();
                    if (!stats.equals(lastStats)) {
                        System.out.println("delay relay: " + stats);
                        lastStats = stats;
                    }
                }
            }
        } finally {
            System.out.println("delay relay stopped: " + counters);
            closeChannels();
            stopped.countDown();
        }
    }

    private void accept(ServerSocketChannel listener, InetSocketAddress back) {
        SocketChannel client;
        try {
            while ((client = listener.accept()) != null) {
                counters.tcpAccepted++;
                try {
                    new TcpFlow(this, client, back, selector);
                } catch (IOException e) {
                    counters.tcpClosed++;
                    client.close();
                }
            }
        } catch (IOException e) {
            counters.sendErrors++; // accept failed (e.g. out of file descriptors): the client retries
        }
    }

    /** Stops {@link #run()} and waits up to two seconds for it to close the sockets. */
    @Override
    public void close() {
        running = false;
        selector.wakeup();
        try {
            stopped.await(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void closeChannels() {
        for (UdpRoute r : udp) {
            try {
                r.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
        for (ServerSocketChannel s : tcp) {
            try {
                s.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
        for (SelectionKey key : selector.keys()) {
            try {
                key.channel().close();
            } catch (IOException e) {
                // closing anyway
            }
        }
        try {
            selector.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    LinkDelay link() {
        return link;
    }

    Counters counters() {
        return counters;
    }

    /** The relay's one receive buffer (one thread, so one buffer). */
    ByteBuffer buffer() {
        return buffer;
    }

    long dueAfterOneWay(long from) {
        return from + link.sampleOneWayNanos(random);
    }

    boolean losesPacket() {
        return link.dropsPacket(random);
    }

    /** Runs {@code action} at {@code due}; false (counted) when too much is waiting already. */
    boolean schedule(long due, Runnable action) {
        if (timeline.add(due, action)) {
            return true;
        }
        counters.overflows++;
        return false;
    }

    /** The arguments {@link #main} takes for these routes and this link. */
    public static List<String> arguments(List<Route> routes, LinkDelay link, long seed) {
        List<String> args = new ArrayList<>();
        for (Route r : routes) {
            args.addAll(List.of("--route", r.arg()));
        }
        args.addAll(List.of("--latency-ms", Double.toString(link.latency().toNanos() / 1e6),
                "--loss", Double.toString(link.loss()), "--seed", Long.toString(seed)));
        return args;
    }

    public static void main(String[] args) throws IOException {
        List<Route> routes = new ArrayList<>();
        LinkDelay link = LinkDelay.NONE;
        long seed = 1;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--route" -> routes.add(Route.parse(args[i + 1]));
                case "--latency-ms" -> link = link.withLatency(
                        Duration.ofNanos(Math.round(Double.parseDouble(args[i + 1]) * 1e6)));
                case "--loss" -> link = link.withLoss(Double.parseDouble(args[i + 1]));
                case "--seed" -> seed = Long.parseLong(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (routes.isEmpty() || args.length % 2 != 0) {
            System.err.println("usage: DelayRelay --route FRONT=BACK ... [--latency-ms MS] [--loss FRACTION] [--seed S]");
            System.exit(2);
        }
        DelayRelay relay = open(routes, link, seed);
        Runtime.getRuntime().addShutdownHook(new Thread(relay::close, "relay-stop"));
        System.out.println("delay relay: " + link.describe() + ", "
                + String.join(", ", routes.stream().map(Route::arg).toList()) + ": ready");
        relay.run();
    }
}
