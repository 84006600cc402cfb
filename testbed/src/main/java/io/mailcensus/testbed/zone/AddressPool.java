package io.mailcensus.testbed.zone;

/**
 * Addresses for self-hosted servers: IPv4 from 127.101.0.1 upwards (all of 127.0.0.0/8 is
 * loopback, so a later testbed can bind a real mail server to each), IPv6 from the documentation
 * prefix 2001:db8::/32, which no test may connect to (the testbed writes it to {@code optout.txt}).
 * Never 127.0.0.1 or ::1, which mean "localhost" to the scanner.
 */
final class AddressPool {

    /** 127.101.0.0 to 127.199.255.255, skipping .0 and .255 in the last octet. */
    private static final int FIRST_SECOND_OCTET = 101;
    private static final int LAST_SECOND_OCTET = 199;
    private static final long SIZE = (long) (LAST_SECOND_OCTET - FIRST_SECOND_OCTET + 1) * 256 * 254;

    private long nextV4;
    private long nextV6 = 1;

    String nextIpv4() {
        long n = nextV4++ % SIZE; // wraps around: addresses are then shared, as in shared hosting
        long host = n % 254 + 1;
        long third = (n / 254) % 256;
        long second = FIRST_SECOND_OCTET + n / (254 * 256);
        return "127." + second + "." + third + "." + host;
    }

    String nextIpv6() {
        long n = nextV6++;
        return "2001:db8:" + Long.toHexString((n >>> 16) & 0xffff) + "::" + Long.toHexString(n & 0xffff);
    }

    /** The PTR owner name of an IPv4 address. */
    static String reverseName(String ipv4) {
        String[] o = ipv4.split("\\.");
        return o[3] + "." + o[2] + "." + o[1] + "." + o[0] + ".in-addr.arpa.";
    }
}
