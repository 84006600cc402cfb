package io.mailcensus.core.name;

/** The outcome of normalising one input line: a name, or why it is not one. */
public sealed interface NameResult {

    record Accepted(DomainName name) implements NameResult {}

    record Rejected(String input, Rejection reason) implements NameResult {}
}
