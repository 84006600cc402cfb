package io.mailcensus.worker.spf;

import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * The DNS that SPF evaluation needs, kept this small so check_host() can run on the worker's
 * asynchronous client or on an in-memory zone alike. Names are given without the trailing dot.
 */
public interface SpfDns {

    enum Type { TXT, A, AAAA, MX, PTR }

    /** Never completes exceptionally for DNS trouble: that is a {@link Lookup} with outcome ERROR. */
    CompletionStage<Lookup> lookup(String name, Type type);

    /**
     * One answer. Values: TXT = each record's strings glued together; A/AAAA = address literals;
     * MX = exchange names; PTR = target names (names lower case, no trailing dot).
     */
    record Lookup(Outcome outcome, List<String> values) {

        public enum Outcome { FOUND, NODATA, NXDOMAIN, ERROR }

        public Lookup {
            values = List.copyOf(values);
        }

        public static Lookup found(List<String> values) {
            return new Lookup(values.isEmpty() ? Outcome.NODATA : Outcome.FOUND, values);
        }

        public static final Lookup NXDOMAIN = new Lookup(Outcome.NXDOMAIN, List.of());
        public static final Lookup NODATA = new Lookup(Outcome.NODATA, List.of());
        public static final Lookup ERROR = new Lookup(Outcome.ERROR, List.of());

        public boolean isError() {
            return outcome == Outcome.ERROR;
        }

        /** RFC 7208 4.6.4: an empty answer or a name error. */
        public boolean isVoid() {
            return outcome == Outcome.NODATA || outcome == Outcome.NXDOMAIN;
        }
    }
}
