package io.mailcensus.coordinator.input;

import io.mailcensus.core.name.DomainName;
import io.mailcensus.core.name.DomainNames;
import io.mailcensus.core.name.NameResult;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Normalises raw input names, drops duplicates and names already done, and keeps the
 * {@link InputSummary}. Not thread-safe: one reader feeds it.
 */
public final class NameFilter {

    private final SeenNames seen = new SeenNames();
    private final InputSummary summary = new InputSummary();
    private final Predicate<String> alreadyDone;

    public NameFilter(Predicate<String> alreadyDone) {
        this.alreadyDone = alreadyDone;
    }

    /** The name to scan, or empty when the input was rejected, a duplicate or done before. */
    public Optional<DomainName> accept(String raw) {
        summary.countRead();
        switch (DomainNames.normalize(raw)) {
            case NameResult.Rejected r -> {
                summary.countRejected(r.input(), r.reason());
                return Optional.empty();
            }
            case NameResult.Accepted a -> {
                if (!seen.add(a.name().ascii())) {
                    summary.countDuplicate();
                    return Optional.empty();
                }
                if (alreadyDone.test(a.name().ascii())) {
                    summary.countSkipped();
                    return Optional.empty();
                }
                summary.countAccepted();
                return Optional.of(a.name());
            }
        }
    }

    /** A line the source could not read: counted as read and rejected, with its line number. */
    public void reject(NameSource.Unreadable line) {
        summary.countRead();
        summary.countRejected("line " + line.line() + ": " + line.excerpt(), line.reason());
    }

    public InputSummary summary() {
        return summary;
    }
}
