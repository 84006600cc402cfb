package io.mailcensus.worker.dns.udp;

import java.security.SecureRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.random.RandomGenerator;

/**
 * The queries waiting for an answer on one socket, by the message id they were sent with. Ids
 * are drawn at random and never handed out twice while in flight, so an id alone tells which
 * query an answer on this socket belongs to (the source and question are checked besides).
 */
final class InFlightIds {

    /** Draws before giving up on a socket: only a socket nearly full of 65,536 queries needs more. */
    private static final int DRAWS = 32;

    private final ConcurrentHashMap<Integer, PendingQuery> byId = new ConcurrentHashMap<>();
    private final RandomGenerator random;

    InFlightIds(RandomGenerator random) {
        this.random = random;
    }

    InFlightIds() {
        this(new SecureRandom());
    }

    /** A fresh id now reserved for the query, or -1 when none free was found. */
    int reserve(PendingQuery query) {
        for (int draw = 0; draw < DRAWS; draw++) {
            int id = random.nextInt(0x10000);
            if (byId.putIfAbsent(id, query) == null) {
                return id;
            }
        }
        return -1;
    }

    PendingQuery get(int id) {
        return byId.get(id);
    }

    /** Frees the id if it still belongs to this query. */
    boolean release(int id, PendingQuery query) {
        return byId.remove(id, query);
    }

    int size() {
        return byId.size();
    }

    Iterable<PendingQuery> all() {
        return byId.values();
    }
}
