package io.mailcensus.store.chdb;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import io.mailcensus.store.StoreException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;

/**
 * chDB's C API (chdb.h, engine 26.x), bound through the Foreign Function &amp; Memory API. Only
 * the handful of calls the store needs. Loaded once per process: the engine is process-wide
 * state (one storage path, one set of background threads), so a second copy would be wrong,
 * not just wasteful.
 *
 * <p>Handles are plain {@link MemorySegment} addresses; {@link ChdbConnection} owns them.
 * The only JVM flag this needs is {@code --enable-native-access=ALL-UNNAMED} (without it Java
 * 25 prints a warning and still works).
 */
public final class ChdbLibrary {

    private static ChdbLibrary loaded;

    private final Path path;
    /** chdb_connection *chdb_connect(int argc, char **argv): a pointer to the handle, or NULL. */
    final MethodHandle connect;
    /** void chdb_close_conn(chdb_connection *conn). */
    final MethodHandle closeConn;
    /** chdb_result *chdb_query_n(chdb_connection, const char *q, size_t, const char *fmt, size_t). */
    final MethodHandle queryN;
    final MethodHandle resultBuffer;
    final MethodHandle resultLength;
    final MethodHandle resultError;
    final MethodHandle destroyQueryResult;
    private final MethodHandle version;
    /** The streaming INSERT family (chdb_stream_insert_n ...); null in engines that lack it. */
    final MethodHandle streamInsertN;
    final MethodHandle streamAppend;
    final MethodHandle streamDone;
    final MethodHandle streamInsertError;
    final MethodHandle destroyInsertStream;

    private ChdbLibrary(Path path) {
        this.path = path;
        SymbolLookup symbols = SymbolLookup.libraryLookup(path, Arena.global());
        Linker linker = Linker.nativeLinker();
        // Getters and free are short and never call back into Java: critical calls skip the
        // thread-state transition. The query and connect calls run for as long as the engine
        // needs and must not block GC, so they stay ordinary downcalls.
        Linker.Option quick = Linker.Option.critical(false);
        connect = bind(linker, symbols, "chdb_connect", FunctionDescriptor.of(ADDRESS, JAVA_INT, ADDRESS));
        closeConn = bind(linker, symbols, "chdb_close_conn", FunctionDescriptor.ofVoid(ADDRESS));
        queryN = bind(linker, symbols, "chdb_query_n",
                FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS, JAVA_LONG, ADDRESS, JAVA_LONG));
        resultBuffer = bind(linker, symbols, "chdb_result_buffer", FunctionDescriptor.of(ADDRESS, ADDRESS), quick);
        resultLength = bind(linker, symbols, "chdb_result_length", FunctionDescriptor.of(JAVA_LONG, ADDRESS), quick);
        resultError = bind(linker, symbols, "chdb_result_error", FunctionDescriptor.of(ADDRESS, ADDRESS), quick);
        destroyQueryResult = bind(linker, symbols, "chdb_destroy_query_result", FunctionDescriptor.ofVoid(ADDRESS));
        version = bind(linker, symbols, "chdb_version", FunctionDescriptor.of(ADDRESS), quick);
        boolean streaming = symbols.find("chdb_stream_insert_n").isPresent()
                && symbols.find("chdb_destroy_insert_stream").isPresent();
        // chdb_insert_stream chdb_stream_insert_n(conn, const char *q, size_t, const char *fmt, size_t)
        streamInsertN = streaming ? bind(linker, symbols, "chdb_stream_insert_n",
                FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS, JAVA_LONG, ADDRESS, JAVA_LONG)) : null;
        // chdb_state chdb_stream_append(chdb_insert_stream, const void *data, size_t len)
        streamAppend = streaming ? bind(linker, symbols, "chdb_stream_append",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_LONG)) : null;
        streamDone = streaming ? bind(linker, symbols, "chdb_stream_done", FunctionDescriptor.of(ADDRESS, ADDRESS)) : null;
        streamInsertError = streaming ? bind(linker, symbols, "chdb_stream_insert_error",
                FunctionDescriptor.of(ADDRESS, ADDRESS), quick) : null;
        destroyInsertStream = streaming ? bind(linker, symbols, "chdb_destroy_insert_stream",
                FunctionDescriptor.ofVoid(ADDRESS)) : null;
        MethodHandle signalHandlers = bind(linker, symbols, "chdb_set_signal_handlers_enabled",
                FunctionDescriptor.ofVoid(JAVA_INT));
        // Before any connect: the engine's crash handlers would otherwise replace the JVM's.
        SignalGuard.around(() -> {
            signalHandlers.invokeExact(0);
            return null;
        });
    }

    /** The library at the located path (see {@link ChdbLibraryLocator}), loaded once. */
    public static ChdbLibrary load() {
        return load(new ChdbLibraryLocator().locate());
    }

    /** Loads the library at {@code path}; later calls return the same one. */
    public static synchronized ChdbLibrary load(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        if (loaded == null) {
            try {
                loaded = new ChdbLibrary(absolute);
            } catch (IllegalArgumentException e) {
                throw new StoreException("Cannot load " + absolute + ": " + e.getMessage(), e);
            }
        } else if (!loaded.path.equals(absolute)) {
            throw new StoreException("chDB is already loaded from " + loaded.path
                    + " in this process; cannot also load " + absolute);
        }
        return loaded;
    }

    /** Whether this engine has the streaming INSERT API (chDB 26.7+); else inserts go inline. */
    public boolean hasStreamingInsert() {
        return streamInsertN != null;
    }

    public Path path() {
        return path;
    }

    /** The engine's version, e.g. {@code 26.7.3}. */
    public String version() {
        try {
            MemorySegment text = (MemorySegment) version.invokeExact();
            return cString(text);
        } catch (Throwable t) {
            throw new StoreException("chdb_version failed", t);
        }
    }

    static String cString(MemorySegment address) {
        return address.reinterpret(Integer.MAX_VALUE).getString(0);
    }

    private static MethodHandle bind(
            Linker linker, SymbolLookup symbols, String name, FunctionDescriptor descriptor,
            Linker.Option... options) {
        MemorySegment address = symbols.find(name).orElseThrow(() -> new StoreException(
                "libchdb has no symbol " + name + "; mailcensus needs chDB 26.x"));
        return linker.downcallHandle(address, descriptor, options);
    }
}
