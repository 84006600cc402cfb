package io.mailcensus.worker.dns.udp;

import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;

/** One query on the wire: where it went, what it asked, and the future dnsjava waits on. */
final class PendingQuery {

    final InetSocketAddress server;
    /** The query as sent (with the id this pool chose); its question is compared with answers. */
    final byte[] wire;
    final int questionEnd;
    /** The id dnsjava gave the message, restored in the answer so dnsjava's own check passes. */
    final int originalId;
    final CompletableFuture<byte[]> answer = new CompletableFuture<>();
    volatile Future<?> timer;

    PendingQuery(InetSocketAddress server, byte[] wire, int questionEnd, int originalId) {
        this.server = server;
        this.wire = wire;
        this.questionEnd = questionEnd;
        this.originalId = originalId;
    }
}
