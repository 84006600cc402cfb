package io.mailcensus.worker.dns.client;

import java.util.Locale;
import java.util.Objects;
import org.xbill.DNS.Name;
import org.xbill.DNS.Type;

/** One question: an absolute name and a record type. */
public record Query(Name name, int type) {

    public Query {
        Objects.requireNonNull(name, "name");
        if (!name.isAbsolute()) {
            throw new IllegalArgumentException("name must be absolute: " + name);
        }
        Type.check(type);
    }

    /** The name as stored in results: lower case, no trailing dot. */
    public String qname() {
        return Names.text(name);
    }

    public String qtype() {
        return Type.string(type).toUpperCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return qtype() + " " + qname();
    }
}
