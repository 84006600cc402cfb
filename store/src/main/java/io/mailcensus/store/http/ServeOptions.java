package io.mailcensus.store.http;

import io.mailcensus.store.http.ClickHouseHttpServer.Credentials;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Set;

/**
 * How {@code serve} serves: where, for whom, and within which bounds.
 *
 * @param allowWrites run writing statements too (the stand-in for a ClickHouse server that the
 *        aggregator's JDBC path is tested against); otherwise only reading ones
 * @param allowedHosts host names besides the listen address (and {@code localhost}) that a
 *        request's {@code Host} may name; anything else is refused (DNS rebinding)
 * @param maxBodyBytes the most of a request body read into memory (a streamed INSERT's data is
 *        not held, so it is not counted)
 * @param maxExecutionTime each query's time limit (the engine's {@code max_execution_time})
 * @param maxMemoryBytes each query's memory limit (the engine's {@code max_memory_usage})
 * @param readSessions engine sessions for reading: that many queries run at once
 * @param sessionWait how long a query waits for a free session before a 503
 */
public record ServeOptions(InetSocketAddress address, Credentials credentials, boolean allowWrites,
        Set<String> allowedHosts, long maxBodyBytes, Duration maxExecutionTime, long maxMemoryBytes,
        int readSessions, Duration sessionWait) {

    public static final long DEFAULT_MAX_BODY_BYTES = 16L << 20;
    public static final Duration DEFAULT_MAX_EXECUTION_TIME = Duration.ofSeconds(60);
    public static final long DEFAULT_MAX_MEMORY_BYTES = 4L << 30;
    public static final int DEFAULT_READ_SESSIONS = 4;
    public static final Duration DEFAULT_SESSION_WAIT = Duration.ofSeconds(10);

    public ServeOptions {
        allowedHosts = Set.copyOf(allowedHosts);
        if (maxBodyBytes <= 0 || readSessions <= 0 || maxMemoryBytes <= 0
                || maxExecutionTime.isNegative() || maxExecutionTime.isZero() || sessionWait.isNegative()) {
            throw new IllegalArgumentException("serve's limits must be positive");
        }
    }

    /** Read-only, no login, the default bounds, on {@code address}. */
    public static ServeOptions readOnly(InetSocketAddress address) {
        return new ServeOptions(address, Credentials.NONE, false, Set.of(), DEFAULT_MAX_BODY_BYTES,
                DEFAULT_MAX_EXECUTION_TIME, DEFAULT_MAX_MEMORY_BYTES, DEFAULT_READ_SESSIONS, DEFAULT_SESSION_WAIT);
    }

    public ServeOptions withWrites(boolean allow) {
        return new ServeOptions(address, credentials, allow, allowedHosts, maxBodyBytes, maxExecutionTime,
                maxMemoryBytes, readSessions, sessionWait);
    }

    public ServeOptions withCredentials(Credentials login) {
        return new ServeOptions(address, login, allowWrites, allowedHosts, maxBodyBytes, maxExecutionTime,
                maxMemoryBytes, readSessions, sessionWait);
    }

    public ServeOptions withAllowedHosts(Set<String> hosts) {
        return new ServeOptions(address, credentials, allowWrites, hosts, maxBodyBytes, maxExecutionTime,
                maxMemoryBytes, readSessions, sessionWait);
    }

    public ServeOptions withLimits(long bodyBytes, Duration executionTime, long memoryBytes) {
        return new ServeOptions(address, credentials, allowWrites, allowedHosts, bodyBytes, executionTime,
                memoryBytes, readSessions, sessionWait);
    }

    public ServeOptions withSessions(int sessions, Duration wait) {
        return new ServeOptions(address, credentials, allowWrites, allowedHosts, maxBodyBytes, maxExecutionTime,
                maxMemoryBytes, sessions, wait);
    }
}
