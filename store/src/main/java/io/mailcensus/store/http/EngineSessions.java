package io.mailcensus.store.http;

import io.mailcensus.store.ChdbStore;
import io.mailcensus.store.chdb.ChdbConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A fixed set of engine sessions, each with the same settings, handed out one query at a time.
 * Queries on different sessions run in parallel, so one slow query holds one session, not the
 * store; a query that finds none free within the wait is refused with a 503
 * ({@code TOO_MANY_SIMULTANEOUS_QUERIES}) rather than queued forever.
 *
 * <p>A session whose statement failed is replaced, not reused: after a query cut by
 * {@code max_execution_time}, chDB answered the session's next statement with the cut query's
 * leftover output ({@code ServeIsSafeByDefaultIT} caught it).
 */
final class EngineSessions implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EngineSessions.class);

    private final ChdbStore store;
    private final List<String> setup;
    private final List<ChdbConnection> all = new ArrayList<>();
    private final BlockingQueue<ChdbConnection> free;
    private final Duration wait;

    EngineSessions(ChdbStore store, int count, List<String> setup, Duration wait) {
        this.store = store;
        this.setup = List.copyOf(setup);
        this.free = new ArrayBlockingQueue<>(count);
        this.wait = wait;
        try {
            for (int i = 0; i < count; i++) {
                ChdbConnection session = store.openSession(setup);
                all.add(session);
                free.add(session);
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** A free session, waited for at most the configured time. Give it back with {@link #release}. */
    ChdbConnection acquire() {
        try {
            ChdbConnection session = free.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
            if (session == null) {
                throw Refusal.of(503, Refusal.TOO_MANY_SIMULTANEOUS_QUERIES, "TOO_MANY_SIMULTANEOUS_QUERIES",
                        "Too many simultaneous queries: all " + all.size() + " engine sessions stayed busy for "
                                + wait.toMillis() + " ms; try again");
            }
            return session;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw Refusal.of(503, Refusal.TOO_MANY_SIMULTANEOUS_QUERIES, "TOO_MANY_SIMULTANEOUS_QUERIES",
                    "The server is stopping");
        }
    }

    /** Gives back a session whose statements all succeeded. */
    void release(ChdbConnection session) {
        free.add(session);
    }

    /** Gives back a session whose statement failed: it is closed and a fresh one takes its place. */
    void replace(ChdbConnection failed) {
        synchronized (all) {
            all.remove(failed);
        }
        failed.close();
        try {
            ChdbConnection fresh = store.openSession(setup);
            synchronized (all) {
                all.add(fresh);
            }
            free.add(fresh);
        } catch (RuntimeException e) {
            log.error("could not open an engine session to replace a failed one; {} left", all.size(), e);
        }
    }

    @Override
    public void close() {
        synchronized (all) {
            all.forEach(ChdbConnection::close);
            all.clear();
        }
    }
}
