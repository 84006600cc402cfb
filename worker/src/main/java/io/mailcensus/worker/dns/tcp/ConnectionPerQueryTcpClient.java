package io.mailcensus.worker.dns.tcp;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.xbill.DNS.Message;
import org.xbill.DNS.io.TcpIoClient;

/**
 * DNS over TCP with one connection per query (RFC 7766 allows either). dnsjava's own client
 * pipelines every TCP query to a resolver on one connection, so a server that answers in order
 * lets one slow answer time out the unrelated queries queued behind it; here each query has its
 * own socket, its own deadline, and nothing waits for anything else. TCP is the fallback for
 * truncated UDP answers (rare with EDNS(0) at 1,232 bytes), so a connect per query is cheap.
 *
 * <p>Each exchange runs on a virtual thread with blocking socket I/O; the whole exchange (connect,
 * write, read) has the query's timeout, after which the socket is closed and the future fails
 * with a {@link SocketTimeoutException} ("Query timed out", as dnsjava's clients say). An answer
 * is at most 65,535 bytes (its two-byte length prefix).
 */
public final class ConnectionPerQueryTcpClient implements TcpIoClient {

    private static final ScheduledExecutorService TIMERS = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "dns-tcp-timeouts");
        t.setDaemon(true);
        return t;
    });

    @Override
    public CompletableFuture<byte[]> sendAndReceiveTcp(InetSocketAddress local, InetSocketAddress remote, Message query,
            byte[] data, Duration timeout) {
        CompletableFuture<byte[]> answer = new CompletableFuture<>();
        Socket socket = new Socket();
        long millis = Math.max(1, timeout.toMillis());
        var timer = TIMERS.schedule(() -> {
            answer.completeExceptionally(new SocketTimeoutException("Query timed out"));
            closeQuietly(socket);
        }, millis, TimeUnit.MILLISECONDS);
        answer.whenComplete((bytes, failure) -> timer.cancel(false));
        Thread.ofVirtual().name("dns-tcp").start(() -> {
            try (socket) {
                if (local != null) {
                    socket.bind(local);
                }
                socket.setTcpNoDelay(true);
                socket.connect(remote, (int) Math.min(Integer.MAX_VALUE, millis));
                socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, millis));
                OutputStream out = socket.getOutputStream();
                byte[] framed = new byte[data.length + 2];
                framed[0] = (byte) (data.length >>> 8);
                framed[1] = (byte) data.length;
                System.arraycopy(data, 0, framed, 2, data.length);
                out.write(framed);
                out.flush();
                DataInputStream in = new DataInputStream(socket.getInputStream());
                byte[] response = new byte[in.readUnsignedShort()];
                in.readFully(response);
                answer.complete(response);
            } catch (SocketTimeoutException e) {
                answer.completeExceptionally(new SocketTimeoutException("Query timed out"));
            } catch (IOException | RuntimeException e) {
                answer.completeExceptionally(e);
            }
        });
        return answer;
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // closing to end a timed-out exchange: nothing more to do
        }
    }
}
