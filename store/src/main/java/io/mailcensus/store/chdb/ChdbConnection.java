package io.mailcensus.store.chdb;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;

import io.mailcensus.store.StoreException;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One chDB session over one data directory.
 *
 * <p><b>One per process.</b> The engine binds a single storage path per process: while a
 * connection is open, connecting to another path fails (chdb_connect returns NULL without a
 * reason). Several connections to the same path would work, but each is its own session with
 * its own current database and settings, which is an easy way to get confusing answers; so
 * this class allows exactly one open connection per process and says so clearly when asked for
 * a second. Share the store instance instead. After {@link #close()}, a new connection (to the
 * same or another directory) may be opened in the same process.
 *
 * <p><b>Serialized.</b> A chDB connection runs one statement at a time and its session state
 * ({@code USE}, {@code SET}) is shared by every caller, and a result must be read and freed
 * before the next statement; so every call holds one lock. The engine parallelises inside a
 * statement, so this costs little: large batched inserts are the fast path anyway.
 *
 * <p>Every result is freed in a {@code finally}, errors included, so long loops do not leak
 * native memory.
 */
public final class ChdbConnection implements AutoCloseable {

    private static final Object REGISTRY = new Object();
    private static Path openPath;

    private final ChdbLibrary library;
    private final Path dataDir;
    private final ReentrantLock lock = new ReentrantLock();
    /** Whether this connection holds the process's data directory (a session opened beside it does not). */
    private final boolean primary;
    /** chdb_connection* as returned by chdb_connect; null once closed. Guarded by the lock. */
    private MemorySegment handle;

    private ChdbConnection(ChdbLibrary library, Path dataDir, MemorySegment handle, boolean primary) {
        this.library = library;
        this.dataDir = dataDir;
        this.handle = handle;
        this.primary = primary;
    }

    /** Opens a session on {@code dataDir}, creating the directory if needed. */
    public static ChdbConnection open(ChdbLibrary library, Path dataDir) {
        Path dir = dataDir.toAbsolutePath().normalize();
        synchronized (REGISTRY) {
            if (openPath != null) {
                throw new StoreException(openPath.equals(dir)
                        ? "The store at " + dir + " is already open in this process; share that instance"
                        : "The store at " + openPath + " is open in this process, and the embedded engine"
                                + " serves one data directory per process; close it before opening " + dir);
            }
            try {
                Files.createDirectories(dir);
            } catch (IOException e) {
                throw new StoreException("Cannot create the data directory " + dir + ": " + e.getMessage(), e);
            }
            MemorySegment handle = connect(library, dir);
            openPath = dir;
            return new ChdbConnection(library, dir, handle, true);
        }
    }

    /**
     * Another session on this connection's data directory: its own current database and
     * settings, and its own statement at a time, so statements on different sessions run in
     * parallel (the engine has no global query lock since chDB 4). Used where one caller must
     * not change another's settings, e.g. read-only sessions for {@code serve}. Close it before
     * this connection.
     */
    public ChdbConnection openSession() {
        synchronized (REGISTRY) {
            lock.lock();
            try {
                if (handle == null) {
                    throw new StoreException("The store at " + dataDir + " is closed");
                }
            } finally {
                lock.unlock();
            }
            return new ChdbConnection(library, dataDir, connect(library, dataDir), false);
        }
    }

    public Path dataDir() {
        return dataDir;
    }

    /** Runs a statement; the engine's output in {@code format} (e.g. JSONEachRow, CSV), as text. */
    public String query(String sql, String format) {
        return new String(queryBytes(sql, format), StandardCharsets.UTF_8);
    }

    /** Runs a statement whose output is not wanted (DDL, INSERT, SET, USE). */
    public void execute(String sql) {
        queryBytes(sql, "TabSeparated");
    }

    /**
     * Starts an INSERT whose rows follow in chunks ({@code sql} without FORMAT or data, e.g.
     * {@code INSERT INTO t}). The connection is held until the returned insert is closed.
     */
    public ChdbInsert beginInsert(String sql, String format) {
        lock.lock();
        try {
            return new ChdbInsert(this, library, session(), sql, format);
        } catch (RuntimeException | Error e) {
            lock.unlock();
            throw e;
        }
    }

    void endInsert() {
        lock.unlock();
    }

    /** The chdb_connection the C calls take; the caller holds the lock. */
    private MemorySegment session() {
        if (handle == null) {
            throw new StoreException("The store at " + dataDir + " is closed");
        }
        return handle.reinterpret(ADDRESS.byteSize()).get(ADDRESS, 0);
    }

    /** Runs a statement; the engine's output as bytes (binary formats such as RowBinary). */
    public byte[] queryBytes(String sql, String format) {
        byte[] utf8 = sql.getBytes(StandardCharsets.UTF_8);
        lock.lock();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment connection = session();
            MemorySegment query = arena.allocate(utf8.length + 1L);
            MemorySegment.copy(utf8, 0, query, JAVA_BYTE, 0, utf8.length);
            MemorySegment formatText = arena.allocateFrom(format);
            MemorySegment result = (MemorySegment) library.queryN.invokeExact(
                    connection, query, (long) utf8.length, formatText, formatText.byteSize() - 1);
            if (result.equals(MemorySegment.NULL)) {
                throw StoreException.fromEngine("chDB returned no result (out of memory?)", sql);
            }
            try {
                return read(result, sql);
            } finally {
                library.destroyQueryResult.invokeExact(result);
            }
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new StoreException("chDB call failed: " + t, t);
        } finally {
            lock.unlock();
        }
    }

    private byte[] read(MemorySegment result, String sql) throws Throwable {
        MemorySegment error = (MemorySegment) library.resultError.invokeExact(result);
        if (!error.equals(MemorySegment.NULL)) {
            throw StoreException.fromEngine(ChdbLibrary.cString(error), sql);
        }
        long length = (long) library.resultLength.invokeExact(result);
        if (length == 0) {
            return new byte[0];
        }
        if (length > Integer.MAX_VALUE - 16) {
            throw new StoreException("The result is " + length + " bytes, too large for one String;"
                    + " add a LIMIT or write it to a file with INTO OUTFILE");
        }
        MemorySegment buffer = (MemorySegment) library.resultBuffer.invokeExact(result);
        return buffer.reinterpret(length).toArray(JAVA_BYTE);
    }

    @Override
    public void close() {
        lock.lock();
        try {
            if (handle == null) {
                return;
            }
            MemorySegment closing = handle;
            handle = null;
            try {
                SignalGuard.around(() -> {
                    library.closeConn.invokeExact(closing);
                    return null;
                });
            } finally {
                if (primary) {
                    synchronized (REGISTRY) {
                        openPath = null;
                    }
                }
            }
        } finally {
            lock.unlock();
        }
    }

    private static MemorySegment connect(ChdbLibrary library, Path dir) {
        try (Arena arena = Arena.ofConfined()) {
            String[] args = {"mailcensus", "--path=" + dir};
            MemorySegment argv = arena.allocate(ADDRESS, args.length + 1L);
            for (int i = 0; i < args.length; i++) {
                argv.setAtIndex(ADDRESS, i, arena.allocateFrom(args[i]));
            }
            MemorySegment handle = SignalGuard.around(
                    () -> (MemorySegment) library.connect.invokeExact(args.length, argv));
            if (handle.equals(MemorySegment.NULL)
                    || handle.reinterpret(ADDRESS.byteSize()).get(ADDRESS, 0).equals(MemorySegment.NULL)) {
                throw new StoreException("chDB could not open " + dir + " (it gives no reason): check that it is"
                        + " a writable directory with free space, and that no other process has it open");
            }
            return handle;
        }
    }
}
