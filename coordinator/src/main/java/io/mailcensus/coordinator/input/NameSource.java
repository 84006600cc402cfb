package io.mailcensus.coordinator.input;

import java.io.IOException;
import java.util.function.Consumer;

/**
 * A stream of candidate domain names, read lazily so a 2.5-million-line list or a whole TLD
 * zone never has to fit in memory.
 */
public interface NameSource {

    /** Calls {@code sink} for every candidate name, in input order. */
    void forEach(Consumer<String> sink) throws IOException;

    /** Says what is being read, for the scans table and progress lines. */
    String describe();
}
