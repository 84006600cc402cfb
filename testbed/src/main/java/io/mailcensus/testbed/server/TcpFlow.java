package io.mailcensus.testbed.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;

/**
 * One TCP connection through the relay: the client's, accepted on the front address, and ours to
 * the real server. Bytes wait one way's delay in each direction and keep their order; nothing is
 * lost. The first bytes also wait for the handshake a real network would cost (one round trip
 * after the accept), which loopback does instantly.
 */
final class TcpFlow {

    /** Bytes one direction may hold (scheduled or unwritten) before the flow is cut. */
    private static final int MAX_HELD = 1 << 20;

    /** Bytes from one socket to the other, in order. */
    private final class Direction {
        final SocketChannel from;
        final SocketChannel to;
        final ArrayDeque<ByteBuffer> unwritten = new ArrayDeque<>();
        long lastDue;
        long held;
        boolean endRead;
        boolean endDelivered;
        boolean shut;

        Direction(SocketChannel from, SocketChannel to) {
            this.from = from;
            this.to = to;
        }
    }

    private final DelayRelay relay;
    private final SocketChannel client;
    private final SocketChannel server;
    private final SelectionKey clientKey;
    private final SelectionKey serverKey;
    private final Direction up;
    private final Direction down;
    private final long handshakeDone;
    private boolean connected;
    private boolean closed;

    TcpFlow(DelayRelay relay, SocketChannel client, InetSocketAddress target, Selector selector) throws IOException {
        this.relay = relay;
        this.client = client;
        this.handshakeDone = System.nanoTime() + relay.link().latency().toNanos();
        client.configureBlocking(false);
        server = SocketChannel.open();
        server.configureBlocking(false);
        server.bind(new InetSocketAddress(((InetSocketAddress) client.getLocalAddress()).getAddress(), 0));
        up = new Direction(client, server);
        down = new Direction(server, client);
        connected = server.connect(target);
        clientKey = client.register(selector, 0, (DelayRelay.Ready) this::clientReady);
        serverKey = server.register(selector, 0, (DelayRelay.Ready) this::serverReady);
        updateInterest();
    }

    private void clientReady(SelectionKey key) throws IOException {
        guarded(() -> {
            if (key.isReadable()) {
                read(up);
            }
            if (!closed && key.isValid() && key.isWritable()) {
                flush(down);
            }
        });
    }

    private void serverReady(SelectionKey key) throws IOException {
        guarded(() -> {
            if (key.isConnectable() && server.finishConnect()) {
                connected = true;
                flush(up);
            }
            if (!closed && key.isValid() && key.isReadable()) {
                read(down);
            }
            if (!closed && key.isValid() && key.isWritable()) {
                flush(up);
            }
        });
    }

    private interface IoStep {
        void run() throws IOException;
    }

    /** Any I/O error ends the flow (both sockets), as a reset would. */
    private void guarded(IoStep step) {
        try {
            step.run();
            if (!closed) {
                updateInterest();
            }
        } catch (IOException e) {
            close();
        }
    }

    private void read(Direction d) throws IOException {
        ByteBuffer buf = relay.buffer();
        int n = d.from.read(buf.clear());
        if (n == 0) {
            return;
        }
        byte[] bytes = null;
        if (n < 0) {
            d.endRead = true;
        } else {
            bytes = new byte[n];
            buf.flip().get(bytes);
            d.held += n;
            if (d.held > MAX_HELD) {
                relay.counters().overflows++;
                close();
                return;
            }
        }
        // in order: never before the bytes read earlier in this direction
        long due = Math.max(relay.dueAfterOneWay(Math.max(System.nanoTime(), handshakeDone)), d.lastDue);
        d.lastDue = due;
        byte[] data = bytes;
        if (!relay.schedule(due, () -> guarded(() -> deliver(d, data)))) {
            close();
        }
    }

    /** The delay is over: hand the bytes (null: the end of the stream) to the other socket. */
    private void deliver(Direction d, byte[] data) throws IOException {
        if (closed) {
            return;
        }
        if (data == null) {
            d.endDelivered = true;
        } else {
            d.unwritten.add(ByteBuffer.wrap(data));
        }
        flush(d);
    }

    private void flush(Direction d) throws IOException {
        if (!connected || closed) {
            return;
        }
        while (!d.unwritten.isEmpty()) {
            ByteBuffer b = d.unwritten.peek();
            d.held -= d.to.write(b);
            if (b.hasRemaining()) {
                return; // the socket is full: OP_WRITE brings us back
            }
            d.unwritten.poll();
        }
        if (d.endDelivered && !d.shut) {
            d.to.shutdownOutput();
            d.shut = true;
        }
        if (up.shut && down.shut) {
            close();
        }
    }

    private void updateInterest() {
        if (!clientKey.isValid() || !serverKey.isValid()) {
            return;
        }
        clientKey.interestOps((up.endRead ? 0 : SelectionKey.OP_READ)
                | (connected && !down.unwritten.isEmpty() ? SelectionKey.OP_WRITE : 0));
        serverKey.interestOps(!connected ? SelectionKey.OP_CONNECT
                : (down.endRead ? 0 : SelectionKey.OP_READ) | (up.unwritten.isEmpty() ? 0 : SelectionKey.OP_WRITE));
    }

    void close() {
        if (closed) {
            return;
        }
        closed = true;
        relay.counters().tcpClosed++;
        try {
            client.close();
        } catch (IOException e) {
            // closing anyway
        }
        try {
            server.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
