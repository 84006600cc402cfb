package io.mailcensus.kafka.topic;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * The end of a finite round on a task topic. When the coordinator has submitted every task of a
 * round it writes one marker record into <em>every</em> partition: no key, an empty value and
 * this header, whose value is the scan id. Per partition, records are ordered, so a consumer
 * that reaches the marker has seen every task of the round in that partition. Consumers commit
 * the offset past a marker with {@link #commitMetadata} so that any member of the group can see,
 * in the group's committed offsets, which partitions are finished (see KafkaTaskSource).
 */
public final class RoundMarker {

    public static final String HEADER = "mailcensus-end-of-round";
    private static final String METADATA_PREFIX = "end-of-round ";

    private RoundMarker() {}

    public static byte[] headerValue(String scanId) {
        return scanId.getBytes(StandardCharsets.UTF_8);
    }

    /** The scan id when these headers mark the end of a round. */
    public static Optional<String> scanId(Headers headers) {
        Header h = headers.lastHeader(HEADER);
        return h == null ? Optional.empty() : Optional.of(new String(h.value(), StandardCharsets.UTF_8));
    }

    public static String commitMetadata(String scanId) {
        return METADATA_PREFIX + scanId;
    }

    public static boolean isEndOf(String commitMetadata, String scanId) {
        return commitMetadata(scanId).equals(commitMetadata);
    }
}
