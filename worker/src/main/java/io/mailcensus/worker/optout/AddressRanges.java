package io.mailcensus.worker.optout;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A set of address ranges, IPv4 and IPv6 alike, as sorted, merged, non-overlapping 128-bit
 * intervals: a lookup is one binary search, however long the list. IPv4 addresses live at their
 * IPv4-mapped place ({@code ::ffff:a.b.c.d}), which is also where Java puts a mapped IPv6 literal.
 */
final class AddressRanges {

    /** A 128-bit unsigned number as two longs. */
    record U128(long hi, long lo) implements Comparable<U128> {
        static U128 of(InetAddress address) {
            byte[] b = address.getAddress();
            if (address instanceof Inet4Address) {
                long v4 = ((b[0] & 0xffL) << 24) | ((b[1] & 0xffL) << 16) | ((b[2] & 0xffL) << 8) | (b[3] & 0xffL);
                return new U128(0, 0xffff_0000_0000L | v4);
            }
            long hi = 0;
            long lo = 0;
            for (int i = 0; i < 8; i++) {
                hi = (hi << 8) | (b[i] & 0xffL);
                lo = (lo << 8) | (b[i + 8] & 0xffL);
            }
            return new U128(hi, lo);
        }

        @Override
        public int compareTo(U128 o) {
            int c = Long.compareUnsigned(hi, o.hi);
            return c != 0 ? c : Long.compareUnsigned(lo, o.lo);
        }

        U128 plusOne() {
            return lo == -1L ? new U128(hi + 1, 0) : new U128(hi, lo + 1);
        }
    }

    record Range(U128 first, U128 last) {
        /** The block of {@code address} with a prefix of {@code bits} out of 128 (host bits dropped). */
        static Range cidr(InetAddress address, int bits) {
            U128 a = U128.of(address);
            long maskHi = bits >= 64 ? -1L : bits == 0 ? 0 : -1L << (64 - bits);
            long maskLo = bits <= 64 ? 0 : bits == 128 ? -1L : -1L << (128 - bits);
            return new Range(new U128(a.hi & maskHi, a.lo & maskLo), new U128(a.hi | ~maskHi, a.lo | ~maskLo));
        }
    }

    private final long[] firstHi;
    private final long[] firstLo;
    private final long[] lastHi;
    private final long[] lastLo;

    AddressRanges(List<Range> ranges) {
        List<Range> sorted = new ArrayList<>(ranges);
        sorted.sort(Comparator.comparing(Range::first));
        List<Range> merged = new ArrayList<>();
        for (Range r : sorted) {
            Range top = merged.isEmpty() ? null : merged.getLast();
            boolean touches = top != null
                    && (top.last().compareTo(r.first()) >= 0 || isAllOnes(top.last()) || top.last().plusOne().equals(r.first()));
            if (touches) {
                if (r.last().compareTo(top.last()) > 0) {
                    merged.set(merged.size() - 1, new Range(top.first(), r.last()));
                }
            } else {
                merged.add(r);
            }
        }
        int n = merged.size();
        firstHi = new long[n];
        firstLo = new long[n];
        lastHi = new long[n];
        lastLo = new long[n];
        for (int i = 0; i < n; i++) {
            firstHi[i] = merged.get(i).first().hi();
            firstLo[i] = merged.get(i).first().lo();
            lastHi[i] = merged.get(i).last().hi();
            lastLo[i] = merged.get(i).last().lo();
        }
    }

    boolean contains(InetAddress address) {
        U128 x = U128.of(address);
        // the last range whose first address is <= x
        int low = 0;
        int high = firstHi.length - 1;
        int found = -1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            if (compare(firstHi[mid], firstLo[mid], x) <= 0) {
                found = mid;
                low = mid + 1;
            } else {
                high = mid - 1;
            }
        }
        return found >= 0 && compare(lastHi[found], lastLo[found], x) >= 0;
    }

    /** Disjoint ranges after merging. */
    int size() {
        return firstHi.length;
    }

    private static int compare(long hi, long lo, U128 x) {
        int c = Long.compareUnsigned(hi, x.hi());
        return c != 0 ? c : Long.compareUnsigned(lo, x.lo());
    }

    private static boolean isAllOnes(U128 v) {
        return v.hi() == -1L && v.lo() == -1L;
    }
}
