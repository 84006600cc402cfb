package io.mailcensus.worker.dns.udp;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.xbill.DNS.Message;
import org.xbill.DNS.io.UdpIoClient;

/**
 * Sends dnsjava's UDP queries over a fixed pool of unconnected sockets, each bound once to an
 * ephemeral port the kernel picks at random, and hands each answer to the query it belongs to.
 * <ul>
 *   <li>An answer is accepted only from the address and port the query went to, with the id
 *       this pool gave the query on that socket and the same question (name, type, class);
 *       anything else is dropped and the query keeps waiting (RFC 5452).</li>
 *   <li>Ids are random and unique among the queries in flight on a socket; a query frees its id
 *       on answer, timeout or failure. dnsjava's own id is restored in the answer.</li>
 *   <li>Queries are spread over the sockets in turn; the kernel work per query is one send and
 *       one receive instead of socket, bind, connect, send, receive and close.</li>
 *   <li>One daemon thread receives on all sockets; another fires timeouts. Futures complete on
 *       these threads: dnsjava continues on its own executor.</li>
 * </ul>
 * A local address set on a resolver is not supported: such queries fail (the pool binds its own).
 */
public final class PooledUdpClient implements UdpIoClient, AutoCloseable {

    public static final int DEFAULT_SOCKETS = 16;
    private static final int MAX_DATAGRAM = 65_535;

    private final List<PoolSocket> sockets;
    private final Selector selector;
    private final Thread receiver;
    private final ScheduledThreadPoolExecutor timers;
    private final AtomicInteger turn = new AtomicInteger(ThreadLocalRandom.current().nextInt(1 << 16));
    private volatile boolean closed;

    private record PoolSocket(DatagramChannel channel, InFlightIds inFlight) {
    }

    public PooledUdpClient(int socketCount) throws IOException {
        if (socketCount < 1) {
            throw new IllegalArgumentException("at least one socket is needed");
        }
        this.selector = Selector.open();
        List<PoolSocket> opened = new ArrayList<>(socketCount);
        try {
            for (int i = 0; i < socketCount; i++) {
                DatagramChannel channel = DatagramChannel.open();
                opened.add(new PoolSocket(channel, new InFlightIds()));
                channel.bind(null); // an ephemeral port, chosen at random by the kernel
                channel.configureBlocking(false);
                channel.register(selector, SelectionKey.OP_READ, opened.getLast());
            }
        } catch (IOException e) {
            for (PoolSocket socket : opened) {
                socket.channel().close();
            }
            selector.close();
            throw e;
        }
        this.sockets = List.copyOf(opened);
        this.timers = new ScheduledThreadPoolExecutor(1, r -> daemon(r, "dns-udp-timeouts"));
        timers.setRemoveOnCancelPolicy(true);
        this.receiver = daemon(this::receiveLoop, "dns-udp-receiver");
        receiver.start();
    }

    private static Thread daemon(Runnable task, String name) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        return thread;
    }

    @Override
    public CompletableFuture<byte[]> sendAndReceiveUdp(InetSocketAddress local, InetSocketAddress server,
            Message query, byte[] data, int max, Duration timeout) {
        if (closed) {
            return CompletableFuture.failedFuture(new ClosedChannelException());
        }
        if (local != null) {
            return CompletableFuture.failedFuture(new IOException("a local address is not supported by the UDP pool"));
        }
        int questionEnd = QueryWire.questionEnd(data, data.length);
        if (questionEnd < 0) {
            return CompletableFuture.failedFuture(new IOException("query without a question"));
        }
        byte[] wire = data.clone();
        PendingQuery pending = new PendingQuery(server, wire, questionEnd, QueryWire.id(data));
        int start = Math.floorMod(turn.getAndIncrement(), sockets.size());
        for (int i = 0; i < sockets.size(); i++) {
            PoolSocket socket = sockets.get((start + i) % sockets.size());
            int id = socket.inFlight().reserve(pending);
            if (id >= 0) {
                QueryWire.setId(wire, id);
                send(socket, id, pending, timeout);
                return pending.answer;
            }
        }
        return CompletableFuture.failedFuture(new IOException("no free message id on any socket"));
    }

    private void send(PoolSocket socket, int id, PendingQuery pending, Duration timeout) {
        pending.answer.whenComplete((answer, failure) -> {
            socket.inFlight().release(id, pending);
            if (pending.timer != null) {
                pending.timer.cancel(false);
            }
        });
        pending.timer = timers.schedule(
                () -> pending.answer.completeExceptionally(new SocketTimeoutException("Query timed out")),
                Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS);
        if (pending.answer.isDone()) {
            pending.timer.cancel(false); // completed before the timer existed
        }
        try {
            int sent = socket.channel().send(ByteBuffer.wrap(pending.wire), pending.server);
            if (sent == 0) {
                pending.answer.completeExceptionally(new IOException("UDP send buffer full"));
            }
        } catch (IOException | RuntimeException e) {
            pending.answer.completeExceptionally(e);
        }
    }

    private void receiveLoop() {
        ByteBuffer buffer = ByteBuffer.allocateDirect(MAX_DATAGRAM);
        byte[] bytes = new byte[MAX_DATAGRAM];
        while (!closed) {
            try {
                selector.select();
                for (SelectionKey key : selector.selectedKeys()) {
                    drain((PoolSocket) key.attachment(), buffer, bytes);
                }
                selector.selectedKeys().clear();
            } catch (IOException | RuntimeException e) {
                if (closed) {
                    return;
                }
                // A socket error (e.g. ICMP unreachable reported late) is no reason to stop serving.
            }
        }
    }

    private void drain(PoolSocket socket, ByteBuffer buffer, byte[] bytes) throws IOException {
        while (true) {
            buffer.clear();
            InetSocketAddress source;
            try {
                source = (InetSocketAddress) socket.channel().receive(buffer);
            } catch (java.net.PortUnreachableException e) {
                continue;
            }
            if (source == null) {
                return;
            }
            buffer.flip();
            int length = buffer.remaining();
            if (length < QueryWire.HEADER_LENGTH) {
                continue;
            }
            buffer.get(bytes, 0, length);
            PendingQuery pending = socket.inFlight().get(QueryWire.id(bytes));
            if (pending == null || !pending.server.equals(source)
                    || !QueryWire.answersQuestion(pending.wire, pending.questionEnd, bytes, length)) {
                continue; // late, stray or spoofed: the query keeps waiting for its own answer
            }
            byte[] answer = Arrays.copyOf(bytes, length);
            QueryWire.setId(answer, pending.originalId);
            pending.answer.complete(answer);
        }
    }

    /** Queries waiting for an answer, over all sockets. */
    public int inFlight() {
        return sockets.stream().mapToInt(s -> s.inFlight().size()).sum();
    }

    /** The local ports of the pool's sockets. */
    public List<Integer> localPorts() throws IOException {
        List<Integer> ports = new ArrayList<>();
        for (PoolSocket socket : sockets) {
            ports.add(((InetSocketAddress) socket.channel().getLocalAddress()).getPort());
        }
        return ports;
    }

    /** Fails the queries still waiting, then closes the sockets and stops both threads. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        selector.wakeup();
        try {
            receiver.join(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (PoolSocket socket : sockets) {
            for (PendingQuery pending : socket.inFlight().all()) {
                pending.answer.completeExceptionally(new ClosedChannelException());
            }
            try {
                socket.channel().close();
            } catch (IOException ignored) {
                // closing: nothing left to do with it
            }
        }
        try {
            selector.close();
        } catch (IOException ignored) {
            // closing
        }
        timers.shutdownNow();
    }
}
