package io.mailcensus.testbed.server;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;

/**
 * The loopback addresses of one testbed: the block 127.53.{block}.0/24, all on port 53 because
 * name servers in NS records are reached on port 53 only.
 *
 * <ul>
 *   <li>.1 Knot, serving the root, the TLD, the infrastructure zone and every child zone</li>
 *   <li>.2 Unbound, the recursive resolver the scanner uses</li>
 *   <li>.3 a second Knot that serves nothing and answers REFUSED: target of lame delegations</li>
 *   <li>.4 nothing listens: target of unreachable delegations (queries time out)</li>
 *   <li>.11 and .13: Knot and the lame Knot when the testbed simulates latency; a
 *       {@link DelayRelay} then holds .1 and .3, so the zones and root hints stay the same</li>
 * </ul>
 *
 * A block is free when all of them can be bound exclusively; two testbeds, or a system resolver on
 * 127.0.0.1:53 or 127.0.0.53:53, thus never clash.
 */
public record AddressPlan(int block) {

    public static final int PORT = 53;

    public AddressPlan {
        if (block < 0 || block > 255) {
            throw new IllegalArgumentException("block must be 0..255: " + block);
        }
    }

    public InetAddress authoritative() {
        return address(1);
    }

    public InetAddress resolver() {
        return address(2);
    }

    public InetAddress lame() {
        return address(3);
    }

    public InetAddress unreachable() {
        return address(4);
    }

    /** Where Knot listens when a {@link DelayRelay} holds {@link #authoritative()}. */
    public InetAddress authoritativeBehindRelay() {
        return address(11);
    }

    /** Where the lame Knot listens when a {@link DelayRelay} holds {@link #lame()}. */
    public InetAddress lameBehindRelay() {
        return address(13);
    }

    public InetSocketAddress resolverSocket() {
        return new InetSocketAddress(resolver(), PORT);
    }

    public InetSocketAddress authoritativeSocket() {
        return new InetSocketAddress(authoritative(), PORT);
    }

    public InetSocketAddress lameSocket() {
        return new InetSocketAddress(lame(), PORT);
    }

    private InetAddress address(int host) {
        try {
            return InetAddress.getByAddress(new byte[] {127, 53, (byte) block, (byte) host});
        } catch (UnknownHostException e) {
            throw new AssertionError(e); // four bytes are always a valid address
        }
    }

    /** Whether UDP and TCP port 53 can be bound on all these addresses (bound, then released). */
    public boolean isFree() {
        for (InetAddress a : new InetAddress[] {authoritative(), resolver(), lame(), unreachable(),
                authoritativeBehindRelay(), lameBehindRelay()}) {
            InetSocketAddress s = new InetSocketAddress(a, PORT);
            try (DatagramSocket udp = new DatagramSocket(null); ServerSocket tcp = new ServerSocket()) {
                udp.setReuseAddress(false);
                udp.bind(s);
                tcp.setReuseAddress(false);
                tcp.bind(s);
            } catch (IOException e) {
                return false;
            }
        }
        return true;
    }
}
