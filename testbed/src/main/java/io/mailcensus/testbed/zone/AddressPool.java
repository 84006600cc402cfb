package io.mailcensus.testbed.zone;

import java.util.ArrayList;
import java.util.List;

/**
 * Addresses for self-hosted mail servers, drawn from a bounded pool of small ISPs' addresses, as
 * in the real .ch: a server per customer while the pool lasts, then customers share. IPv4 from
 * 127.101.0.1 upwards (all of 127.0.0.0/8 is loopback, so the testbed binds a real mail server to
 * each), IPv6 from the documentation prefix 2001:db8::/32, which no test may connect to (the
 * testbed writes it to {@code optout.txt}). Never 127.0.0.1 or ::1, which mean "localhost".
 *
 * <p>An address carries one PTR record, so reverse names are decided at the end
 * ({@link #reverseRecords}): an address used by one host gets that host's name if the host wants
 * forward-confirmed reverse DNS, every other address the ISP's generic name, which has no A record.
 */
final class AddressPool {

    /** At most this many self-hosted IPv4 addresses, whatever N. */
    static final int CAPACITY = 1024;
    /** Pool indexes below this are dedicated servers (one host each) while they last; the rest is shared hosting. */
    static final int DEDICATED = 768;
    /** Of new hosts, this share goes to shared hosting even while dedicated addresses remain. */
    static final double SHARED_SHARE = 0.3;
    /** Every tenth address (index % 10 == 9) has no listener when the testbed runs servers: connections are refused. */
    static final int REFUSED_EVERY = 10;
    /** The ISP whose generic names and shared certificate the pool uses. */
    static final String ISP = "isp." + Infrastructure.ZONE;

    private static final int FIRST_SECOND_OCTET = 101;

    private final Dice placement;
    private final int[] hosts = new int[CAPACITY];
    private final String[] firstHost = new String[CAPACITY];
    private final boolean[] firstWantsOwnName = new boolean[CAPACITY];
    private int nextDedicated;
    private long nextV6 = 1;

    /** @param placement a dice of its own, so the pool never changes what the other choices draw */
    AddressPool(Dice placement) {
        this.placement = placement;
    }

    /** An address for {@code host} (absolute name), which would like a PTR naming it if it ends up alone there. */
    String nextIpv4(String host, boolean wantsOwnReverseName) {
        int index;
        if (nextDedicated < DEDICATED && !placement.chance(SHARED_SHARE)) {
            index = nextDedicated++;
        } else {
            index = DEDICATED + placement.between(0, CAPACITY - DEDICATED);
        }
        if (hosts[index]++ == 0) {
            firstHost[index] = host;
            firstWantsOwnName[index] = wantsOwnReverseName;
        }
        return address(index);
    }

    String nextIpv6() {
        long n = nextV6++;
        return "2001:db8:" + Long.toHexString((n >>> 16) & 0xffff) + "::" + Long.toHexString(n & 0xffff);
    }

    /** One PTR per used address (see the class comment). */
    RecordList reverseRecords() {
        RecordList r = new RecordList();
        for (int i = 0; i < CAPACITY; i++) {
            if (hosts[i] > 0) {
                r.add(reverseName(address(i)), "PTR", reverseNameOf(i));
            }
        }
        return r;
    }

    /** The used addresses, with their PTR name and how many MX hosts point at them. */
    List<ServerAddress> usedAddresses() {
        List<ServerAddress> used = new ArrayList<>();
        for (int i = 0; i < CAPACITY; i++) {
            if (hosts[i] > 0) {
                used.add(new ServerAddress(ServerAddress.Role.MX_ISP, address(i), reverseNameOf(i), hosts[i],
                        i % REFUSED_EVERY != REFUSED_EVERY - 1));
            }
        }
        return used;
    }

    private String reverseNameOf(int index) {
        return hosts[index] == 1 && firstWantsOwnName[index] ? firstHost[index] : genericName(address(index));
    }

    static String genericName(String ipv4) {
        return "host-" + ipv4.replace('.', '-') + ".dyn." + ISP + ".";
    }

    static String address(int index) {
        return "127." + (FIRST_SECOND_OCTET + index / (254 * 256)) + "." + (index / 254) % 256 + "." + (index % 254 + 1);
    }

    /** The PTR owner name of an IPv4 address. */
    static String reverseName(String ipv4) {
        String[] o = ipv4.split("\\.");
        return o[3] + "." + o[2] + "." + o[1] + "." + o[0] + ".in-addr.arpa.";
    }
}
