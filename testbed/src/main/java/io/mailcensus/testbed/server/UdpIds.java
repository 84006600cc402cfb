package io.mailcensus.testbed.server;

import java.net.InetSocketAddress;

/**
 * The relay's DNS message ids towards the real server. Every client query is forwarded from one
 * socket, so its id is replaced by one that is unique among the queries in flight, and restored
 * on the answer; the answer then goes back to the client that asked. A query whose answer never
 * comes frees its id after {@link #STALE_NANOS}.
 */
final class UdpIds {

    static final long STALE_NANOS = 10_000_000_000L;
    private static final int IDS = 1 << 16;

    /** Who asked, and with which id. */
    record Origin(InetSocketAddress client, int id) {}

    private final InetSocketAddress[] clients = new InetSocketAddress[IDS];
    private final char[] originalIds = new char[IDS];
    private final long[] claimedAt = new long[IDS];
    private int next;

    /** The id to forward a query with, or -1 when all 65,536 ids belong to live queries. */
    int claim(InetSocketAddress client, int originalId, long now) {
        for (int i = 0; i < IDS; i++) {
            int id = (next + i) & (IDS - 1);
            if (clients[id] == null || now - claimedAt[id] > STALE_NANOS) {
                clients[id] = client;
                originalIds[id] = (char) originalId;
                claimedAt[id] = now;
                next = (id + 1) & (IDS - 1);
                return id;
            }
        }
        return -1;
    }

    /** The query an answer with this id belongs to, freeing the id; null for an unknown id. */
    Origin release(int id) {
        InetSocketAddress client = clients[id];
        if (client == null) {
            return null;
        }
        clients[id] = null;
        return new Origin(client, originalIds[id]);
    }
}
