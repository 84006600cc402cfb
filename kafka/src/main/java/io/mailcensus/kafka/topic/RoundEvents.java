package io.mailcensus.kafka.topic;

import io.mailcensus.core.port.RoundEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeader;

/**
 * A {@link RoundEvent} as a record of the domain-results topic: no key, an empty value and these
 * headers. It travels with the results so that the aggregator, which owns the store, writes the
 * round's {@code scans} row; the coordinator needs no store. Written into partition 0 only: one
 * copy is enough, and the aggregator's row merges repeated events.
 */
public final class RoundEvents {

    public static final String KIND = "mailcensus-round-event";
    private static final String ID = "mailcensus-round-id";
    private static final String ROUND_STARTED = "mailcensus-round-started";
    private static final String AT = "mailcensus-round-at";
    private static final String SOURCE = "mailcensus-round-source";
    private static final String ENQUEUED = "mailcensus-round-enqueued";
    private static final String REJECTED = "mailcensus-round-rejected";

    private RoundEvents() {}

    public static List<Header> headers(RoundEvent e) {
        List<Header> h = new ArrayList<>();
        h.add(header(KIND, e.kind().name()));
        h.add(header(ID, e.scanId()));
        h.add(header(ROUND_STARTED, Long.toString(e.roundStarted().toEpochMilli())));
        h.add(header(AT, Long.toString(e.at().toEpochMilli())));
        h.add(header(SOURCE, e.source() == null ? "" : e.source()));
        h.add(header(ENQUEUED, Long.toString(e.enqueued())));
        h.add(header(REJECTED, Long.toString(e.rejected())));
        return h;
    }

    /**
     * The event these headers carry; empty for an ordinary result.
     *
     * @throws IllegalArgumentException a round event with a missing or malformed header
     */
    public static Optional<RoundEvent> read(Headers headers) {
        if (headers.lastHeader(KIND) == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new RoundEvent(RoundEvent.Kind.valueOf(text(headers, KIND)), text(headers, ID),
                    Instant.ofEpochMilli(Long.parseLong(text(headers, ROUND_STARTED))),
                    Instant.ofEpochMilli(Long.parseLong(text(headers, AT))), text(headers, SOURCE),
                    Long.parseLong(text(headers, ENQUEUED)), Long.parseLong(text(headers, REJECTED))));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("malformed round event: " + e.getMessage(), e);
        }
    }

    private static Header header(String name, String value) {
        return new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private static String text(Headers headers, String name) {
        Header h = headers.lastHeader(name);
        if (h == null) {
            throw new IllegalArgumentException("no header " + name);
        }
        return new String(h.value(), StandardCharsets.UTF_8);
    }
}
