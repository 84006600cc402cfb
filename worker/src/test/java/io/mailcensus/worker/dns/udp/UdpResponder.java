package io.mailcensus.worker.dns.udp;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A UDP socket on a loopback address that hands the test every query it receives, to answer by hand. */
final class UdpResponder implements AutoCloseable {

    record Received(byte[] wire, InetSocketAddress from) {
        int id() {
            return QueryWire.id(wire);
        }
    }

    private final DatagramSocket socket;
    private final LinkedBlockingQueue<Received> received = new LinkedBlockingQueue<>();
    private final Thread reader;

    UdpResponder(String address) throws IOException {
        this(new InetSocketAddress(InetAddress.getByName(address), 0));
    }

    UdpResponder(InetSocketAddress bind) throws IOException {
        socket = new DatagramSocket(bind);
        reader = Thread.ofPlatform().daemon().start(this::read);
    }

    private void read() {
        byte[] buffer = new byte[65_535];
        while (!socket.isClosed()) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
            } catch (IOException e) {
                return;
            }
            received.add(new Received(Arrays.copyOf(packet.getData(), packet.getLength()),
                    (InetSocketAddress) packet.getSocketAddress()));
        }
    }

    InetSocketAddress address() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    Received next() throws InterruptedException {
        Received r = received.poll(10, TimeUnit.SECONDS);
        if (r == null) {
            throw new AssertionError("no query arrived");
        }
        return r;
    }

    void send(byte[] wire, InetSocketAddress to) throws IOException {
        socket.send(new DatagramPacket(wire, wire.length, to));
    }

    @Override
    public void close() throws InterruptedException {
        socket.close();
        reader.join(1_000);
    }
}
