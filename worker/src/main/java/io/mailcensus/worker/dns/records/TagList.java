package io.mailcensus.worker.dns.records;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A {@code tag=value; tag=value} list as DKIM defines it (RFC 6376 3.2) and DMARC, MTA-STS,
 * TLS-RPT and BIMI reuse: WSP around names, '=' and ';' is allowed, one trailing ';' is allowed,
 * an empty tag-spec (";;") is not. Names are compared case-insensitively here; each record type
 * checks its own name and value syntax and whether duplicates are allowed.
 */
public final class TagList {

    public record Tag(String name, String value) {}

    /** RFC 6376 tag-name: ALPHA *(ALPHA / DIGIT / "_"). */
    static final Pattern DKIM_TAG_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");

    /** RFC 8461 / RFC 8460 extension name: (ALPHA / DIGIT) *31(ALPHA / DIGIT / "_" / "-" / "."). */
    static final Pattern EXTENSION_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,31}");

    /** RFC 8461 / RFC 8460 extension value: 1*(%x21-3A / %x3C / %x3E-7E). */
    static final Pattern EXTENSION_VALUE = Pattern.compile("[\\x21-\\x3A\\x3C\\x3E-\\x7E]+");

    private final List<Tag> tags;

    private TagList(List<Tag> tags) {
        this.tags = List.copyOf(tags);
    }

    static TagList parse(String text) throws SyntaxError {
        List<Tag> tags = new ArrayList<>();
        String[] specs = text.split(";", -1);
        for (int i = 0; i < specs.length; i++) {
            String spec = Wsp.trim(specs[i]);
            if (spec.isEmpty()) {
                if (i == specs.length - 1 && i > 0) {
                    break; // one trailing ';' (with optional WSP) ends the list
                }
                throw new SyntaxError(specs.length == 1 ? "empty record" : "empty tag (';;' or a leading ';')");
            }
            int eq = spec.indexOf('=');
            if (eq < 0) {
                throw new SyntaxError("'" + spec + "' is not tag=value");
            }
            String name = Wsp.trim(spec.substring(0, eq));
            if (name.isEmpty()) {
                throw new SyntaxError("'" + spec + "' has no tag name");
            }
            tags.add(new Tag(name, Wsp.trim(spec.substring(eq + 1))));
        }
        return new TagList(tags);
    }

    public List<Tag> tags() {
        return tags;
    }

    public Optional<String> first(String name) {
        return tags.stream().filter(t -> t.name().equalsIgnoreCase(name)).map(Tag::value).findFirst();
    }

    public List<String> all(String name) {
        return tags.stream().filter(t -> t.name().equalsIgnoreCase(name)).map(Tag::value).toList();
    }

    /** Requires the first tag to be {@code v=<version>}; the version compares case-sensitively. */
    void requireVersionFirst(String version, boolean nameCaseSensitive) throws SyntaxError {
        requireVersionFirst(version, nameCaseSensitive, true);
    }

    /** @param valueCaseSensitive false where the grammar writes the version as a plain ABNF string ("BIMI1") */
    void requireVersionFirst(String version, boolean nameCaseSensitive, boolean valueCaseSensitive) throws SyntaxError {
        if (tags.isEmpty()) {
            throw new SyntaxError("empty record");
        }
        Tag first = tags.getFirst();
        boolean nameOk = nameCaseSensitive ? first.name().equals("v") : first.name().equalsIgnoreCase("v");
        if (!nameOk) {
            throw new SyntaxError("the first tag must be v=" + version);
        }
        if (valueCaseSensitive ? !first.value().equals(version) : !first.value().equalsIgnoreCase(version)) {
            throw new SyntaxError("version '" + first.value() + "' is not " + version
                    + (first.value().equalsIgnoreCase(version) ? " (case-sensitive)" : ""));
        }
    }

    void requireNoDuplicates() throws SyntaxError {
        List<String> seen = new ArrayList<>();
        for (Tag tag : tags) {
            String key = tag.name().toLowerCase(Locale.ROOT);
            if (seen.contains(key)) {
                throw new SyntaxError("duplicate tag " + key);
            }
            seen.add(key);
        }
    }

    void requireNames(Pattern syntax) throws SyntaxError {
        for (Tag tag : tags) {
            if (!syntax.matcher(tag.name()).matches()) {
                throw new SyntaxError("invalid tag name '" + tag.name() + "'");
            }
        }
    }
}
