package io.mailcensus.coordinator.input;

import io.mailcensus.core.name.Rejection;
import java.io.IOException;
import java.util.function.Consumer;

/**
 * A stream of candidate domain names, read lazily so a 2.5-million-line list or a whole TLD
 * zone never has to fit in memory.
 */
public interface NameSource {

    /** Calls {@code sink} for every candidate name, in input order. */
    void forEach(Consumer<String> sink) throws IOException;

    /**
     * Calls {@code sink} for every candidate name and {@code unreadable} for every line or record
     * that could not be read at all (not UTF-8, too long, a zone record that does not parse), in
     * input order. One bad line never ends the input.
     */
    default void forEach(Consumer<String> sink, Consumer<Unreadable> unreadable) throws IOException {
        forEach(sink);
    }

    /** A line or record that is not even a candidate name: counted as rejected, with where it was. */
    record Unreadable(long line, Rejection reason, String excerpt) {}

    /** Says what is being read, for the scans table and progress lines. */
    String describe();
}
