package io.mailcensus.store.chdb;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * Keeps the JVM's signal handlers in place across chDB calls that touch them.
 *
 * <p>HotSpot takes SIGSEGV, SIGBUS, SIGILL and SIGFPE for its own work (implicit null checks,
 * stack banging, safepoint polls). ClickHouse installs process-wide handlers for the same
 * signals, and {@code chdb_set_signal_handlers_enabled(0)} (the opt-out) resets them to
 * {@code SIG_DFL} in some engine versions; either way the JVM would die on its next ordinary
 * NullPointerException, with no chDB frame in the crash report. So every call that may install
 * or reset handlers (the opt-out, connect, close) runs inside {@link #around}: the dispositions
 * are read with libc {@code sigaction} before, and written back after.
 *
 * <p>Linux only (the signal numbers below are Linux's, and chDB ships for Linux here); elsewhere
 * it is a plain call. One lock for the whole process, since dispositions are process-wide.
 */
final class SignalGuard {

    /** chDB's deadly signals, plus those the JVM uses for shutdown and thread control. */
    private static final int[] SIGNALS = {
        6 /* ABRT */, 11 /* SEGV */, 4 /* ILL */, 7 /* BUS */, 31 /* SYS */, 8 /* FPE */,
        20 /* TSTP */, 5 /* TRAP */, 2 /* INT */, 15 /* TERM */, 3 /* QUIT */, 1 /* HUP */,
        13 /* PIPE */, 10 /* USR1 */, 12 /* USR2 */, 25 /* XFSZ */
    };
    /** glibc's struct sigaction is 152 bytes on x86-64 and aarch64; leave room. */
    private static final long SIGACTION_BYTES = 256;

    private static final boolean LINUX = System.getProperty("os.name", "").startsWith("Linux");
    private static final MethodHandle SIGACTION = LINUX ? sigaction() : null;
    private static final Object LOCK = new Object();

    private SignalGuard() {}

    /** A downcall: method handles declare Throwable. */
    @FunctionalInterface
    interface NativeCall<T> {
        T call() throws Throwable;
    }

    /** Runs {@code call}, then puts back every guarded disposition as it was before. */
    static <T> T around(NativeCall<T> call) {
        synchronized (LOCK) {
            if (SIGACTION == null) {
                return callUnchecked(call);
            }
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment saved = arena.allocate(SIGACTION_BYTES * SIGNALS.length);
                for (int i = 0; i < SIGNALS.length; i++) {
                    sigaction(SIGNALS[i], MemorySegment.NULL, slot(saved, i));
                }
                try {
                    return callUnchecked(call);
                } finally {
                    for (int i = 0; i < SIGNALS.length; i++) {
                        sigaction(SIGNALS[i], slot(saved, i), MemorySegment.NULL);
                    }
                }
            }
        }
    }

    /**
     * One line per guarded signal: its number and handler address. Flags are left out on
     * purpose (glibc adds SA_RESTORER on every write); the handler is what decides who runs.
     */
    static String describe() {
        if (SIGACTION == null) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment one = arena.allocate(SIGACTION_BYTES);
            for (int signal : SIGNALS) {
                sigaction(signal, MemorySegment.NULL, one);
                out.append(signal).append('=').append(Long.toHexString(one.get(JAVA_LONG, 0))).append('\n');
            }
        }
        return out.toString();
    }

    private static MemorySegment slot(MemorySegment all, int index) {
        return all.asSlice(index * SIGACTION_BYTES, SIGACTION_BYTES);
    }

    private static void sigaction(int signal, MemorySegment act, MemorySegment old) {
        try {
            int rc = (int) SIGACTION.invokeExact(signal, act, old);
            if (rc != 0) {
                throw new IllegalStateException("sigaction(" + signal + ") failed");
            }
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    private static MethodHandle sigaction() {
        Linker linker = Linker.nativeLinker();
        return linker.defaultLookup()
                .find("sigaction")
                .map(address -> linker.downcallHandle(
                        address, FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS)))
                .orElse(null);
    }

    private static <T> T callUnchecked(NativeCall<T> call) {
        try {
            return call.call();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }
}
