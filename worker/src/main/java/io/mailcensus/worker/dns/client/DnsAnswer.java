package io.mailcensus.worker.dns.client;

import io.mailcensus.schemas.CheckStatus;
import io.mailcensus.schemas.ErrorKind;
import io.mailcensus.schemas.QueryError;
import java.util.List;
import java.util.Objects;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;

/**
 * What one query told us, already classified. Unknown is not absent: a query that failed is an
 * {@link Outcome#ERROR} carrying a {@link QueryError}, never an empty answer.
 *
 * @param records the records of the asked type at the end of the CNAME chain (empty unless ANSWER)
 * @param aliases the CNAME chain followed from the asked name, in order (its targets)
 * @param error set exactly when the outcome is ERROR
 */
public record DnsAnswer(Query query, Outcome outcome, List<Record> records, List<Name> aliases,
        QueryError error) {

    public enum Outcome {
        /** NOERROR with records of the asked type. */
        ANSWER,
        /** NOERROR without them: the name exists (RFC 8020), the type does not. */
        NODATA,
        NXDOMAIN,
        /** Timeout, SERVFAIL, REFUSED, FORMERR, NOTIMP, a network or protocol failure. */
        ERROR
    }

    public DnsAnswer {
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(outcome, "outcome");
        records = List.copyOf(records);
        aliases = List.copyOf(aliases);
        if ((outcome == Outcome.ERROR) != (error != null)) {
            throw new IllegalArgumentException("an error goes with outcome ERROR, and only there");
        }
        if (outcome != Outcome.ANSWER && !records.isEmpty()) {
            throw new IllegalArgumentException("records go with outcome ANSWER only");
        }
    }

    public static DnsAnswer failed(Query query, ErrorKind kind, String detail) {
        QueryError error = QueryError.newBuilder()
                .setQname(query.qname())
                .setQtype(query.qtype())
                .setKind(kind)
                .setDetail(detail)
                .build();
        return new DnsAnswer(query, Outcome.ERROR, List.of(), List.of(), error);
    }

    public boolean isError() {
        return outcome == Outcome.ERROR;
    }

    public boolean isTimeout() {
        return isError() && error.getKind() == ErrorKind.timeout;
    }

    /**
     * Worth asking again: a timeout, or a stray answer. dnsjava fails a query when a datagram
     * with another message id reaches its port (a late answer to an earlier query that used the
     * same port, e.g. after a resolver slowly gave up on a dead server); our own answer is lost
     * with it, just as in a timeout.
     */
    public boolean isRetryable() {
        return isTimeout() || (isError() && error.getKind() == ErrorKind.other && error.getDetail() != null
                && error.getDetail().contains("invalid message id"));
    }

    /** True when the asked name itself does not exist: NXDOMAIN and no alias on the way. */
    public boolean nameDoesNotExist() {
        return outcome == Outcome.NXDOMAIN && aliases.isEmpty();
    }

    /** present / absent / error as the record set's own status. */
    public CheckStatus presence() {
        return switch (outcome) {
            case ANSWER -> CheckStatus.present;
            case NODATA, NXDOMAIN -> CheckStatus.absent;
            case ERROR -> CheckStatus.error;
        };
    }

    public <T extends Record> List<T> records(Class<T> type) {
        return records.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
