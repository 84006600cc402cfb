package io.mailcensus.testbed.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;

/**
 * DNS over UDP through the relay: queries arrive on the front address (the one the zones name),
 * leave later from one socket connected to the real server, and the answers go back later from
 * the front address to whoever asked.
 */
final class UdpRoute {

    /** Big enough that a burst from the resolver waits in the kernel rather than being dropped. */
    private static final int SOCKET_BUFFER = 4 << 20;

    private final DelayRelay relay;
    private final DatagramChannel front;
    private final DatagramChannel back;
    private final UdpIds ids = new UdpIds();

    UdpRoute(DelayRelay relay, DelayRelay.Route route, Selector selector) throws IOException {
        this.relay = relay;
        front = DatagramChannel.open();
        front.setOption(StandardSocketOptions.SO_RCVBUF, SOCKET_BUFFER);
        front.setOption(StandardSocketOptions.SO_SNDBUF, SOCKET_BUFFER);
        front.bind(route.front());
        front.configureBlocking(false);
        back = DatagramChannel.open();
        back.setOption(StandardSocketOptions.SO_RCVBUF, SOCKET_BUFFER);
        back.setOption(StandardSocketOptions.SO_SNDBUF, SOCKET_BUFFER);
        back.bind(new InetSocketAddress(route.front().getAddress(), 0));
        back.connect(route.back());
        back.configureBlocking(false);
        front.register(selector, SelectionKey.OP_READ, (DelayRelay.Ready) key -> queries());
        back.register(selector, SelectionKey.OP_READ, (DelayRelay.Ready) key -> answers());
    }

    private void queries() throws IOException {
        ByteBuffer buf = relay.buffer();
        InetSocketAddress client;
        while ((client = (InetSocketAddress) front.receive(buf.clear())) != null) {
            long now = System.nanoTime();
            relay.counters().udpQueries++;
            if (buf.flip().remaining() < 12 || relay.losesPacket()) {
                relay.counters().udpLost++;
                continue;
            }
            byte[] packet = copy(buf);
            int id = ids.claim(client, id(packet), now);
            if (id < 0) {
                relay.counters().overflows++;
                continue;
            }
            setId(packet, id);
            relay.schedule(relay.dueAfterOneWay(now), () -> send(back, null, packet));
        }
    }

    private void answers() throws IOException {
        ByteBuffer buf = relay.buffer();
        while (true) {
            int n;
            try {
                n = back.read(buf.clear());
            } catch (java.net.PortUnreachableException e) {
                continue; // the real server is not up (yet): the query is lost, as on a network
            }
            if (n <= 0) {
                return;
            }
            long now = System.nanoTime();
            if (n < 12) {
                continue;
            }
            byte[] packet = copy(buf.flip());
            UdpIds.Origin origin = ids.release(id(packet));
            if (origin == null) {
                continue; // a late answer to a query given up on
            }
            relay.counters().udpAnswers++;
            if (relay.losesPacket()) {
                relay.counters().udpLost++;
                continue;
            }
            setId(packet, origin.id());
            relay.schedule(relay.dueAfterOneWay(now), () -> send(front, origin.client(), packet));
        }
    }

    private void send(DatagramChannel channel, InetSocketAddress to, byte[] packet) {
        try {
            int sent = to == null ? channel.write(ByteBuffer.wrap(packet)) : channel.send(ByteBuffer.wrap(packet), to);
            if (sent == 0) {
                relay.counters().overflows++; // the socket buffer is full: a drop, as in a router
            }
        } catch (IOException e) {
            relay.counters().sendErrors++; // e.g. ICMP port unreachable from a client gone
        }
    }

    void close() throws IOException {
        front.close();
        back.close();
    }

    private static byte[] copy(ByteBuffer buf) {
        byte[] packet = new byte[buf.remaining()];
        buf.get(packet);
        return packet;
    }

    private static int id(byte[] packet) {
        return ((packet[0] & 0xFF) << 8) | (packet[1] & 0xFF);
    }

    private static void setId(byte[] packet, int id) {
        packet[0] = (byte) (id >>> 8);
        packet[1] = (byte) id;
    }
}
