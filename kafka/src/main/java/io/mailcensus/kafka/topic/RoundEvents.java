package io.mailcensus.kafka.topic;

import io.mailcensus.core.port.RoundEvent;
import io.mailcensus.core.port.ScanOptions;
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
    /** Options of the round (ScanOptions), one header per known field; absent fields are unknown. */
    private static final String OPTION = "mailcensus-round-option-";

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
        ScanOptions o = e.options();
        option(h, "resolver", o.resolver());
        option(h, "dnssec", o.dnssec());
        option(h, "smtp", o.smtp());
        option(h, "http", o.http());
        option(h, "opt-out-entries", o.optOutEntries());
        option(h, "smtp-politeness", o.smtpPoliteness());
        option(h, "https-politeness", o.httpsPoliteness());
        option(h, "version", o.version());
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
                    Long.parseLong(text(headers, ENQUEUED)), Long.parseLong(text(headers, REJECTED)),
                    options(headers)));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("malformed round event: " + e.getMessage(), e);
        }
    }

    private static void option(List<Header> h, String name, Object value) {
        if (value != null) {
            h.add(header(OPTION + name, value.toString()));
        }
    }

    /** The options an event carries; an event of an older coordinator carries none (unknown). */
    private static ScanOptions options(Headers headers) {
        String smtp = optional(headers, "smtp");
        String http = optional(headers, "http");
        String optOut = optional(headers, "opt-out-entries");
        return new ScanOptions(optional(headers, "resolver"), optional(headers, "dnssec"),
                smtp == null ? null : Boolean.valueOf(smtp), http == null ? null : Boolean.valueOf(http),
                optOut == null ? null : Long.valueOf(optOut), optional(headers, "smtp-politeness"),
                optional(headers, "https-politeness"), optional(headers, "version"));
    }

    private static String optional(Headers headers, String option) {
        Header h = headers.lastHeader(OPTION + option);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
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
