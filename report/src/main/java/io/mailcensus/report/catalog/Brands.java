package io.mailcensus.report.catalog;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The brand mapping of the {@code *.brand} breakdowns: a data file (brands/brands.tsv, one
 * {@code KIND<TAB>PATTERN<TAB>BRAND} a line) that a user can read and extend with their own file.
 * The SQL gets each kind's patterns and brands as two arrays; the first match wins.
 */
public final class Brands {

    public static final String RESOURCE = "/io/mailcensus/report/brands/brands.tsv";

    /** A line of the file. */
    public record Mapping(String kind, String pattern, String brand) {}

    private final List<Mapping> mappings;

    private Brands(List<Mapping> mappings) {
        this.mappings = List.copyOf(mappings);
    }

    /** The project's own file. */
    public static Brands builtIn() {
        try (InputStream in = Brands.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the report module");
            }
            return new Brands(parse(new InputStreamReader(in, StandardCharsets.UTF_8), RESOURCE));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A user's file first, then the built-in mapping. @throws IllegalArgumentException on a bad line */
    public Brands withFile(Path file) throws IOException {
        var all = new ArrayList<>(parse(Files.newBufferedReader(file, StandardCharsets.UTF_8), file.toString()));
        all.addAll(mappings);
        return new Brands(all);
    }

    public List<Mapping> mappings() {
        return mappings;
    }

    /** SQL parameters {@code <kind>_patterns} and {@code <kind>_brands} for ns, mx and issuer. */
    public Map<String, Object> parameters() {
        var out = new java.util.HashMap<String, Object>();
        for (String kind : List.of("ns", "mx", "issuer")) {
            out.put(kind + "_patterns", mappings.stream().filter(m -> m.kind().equals(kind)).map(Mapping::pattern).toList());
            out.put(kind + "_brands", mappings.stream().filter(m -> m.kind().equals(kind)).map(Mapping::brand).toList());
        }
        return out;
    }

    static List<Mapping> parse(Reader source, String name) throws IOException {
        var out = new ArrayList<Mapping>();
        try (BufferedReader reader = new BufferedReader(source)) {
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                String text = line.strip();
                if (text.isEmpty() || text.startsWith("#")) {
                    continue;
                }
                String[] fields = line.split("\t");
                if (fields.length != 3 || fields[1].isBlank() || fields[2].isBlank()) {
                    throw new IllegalArgumentException(name + " line " + number
                            + ": expected KIND<TAB>PATTERN<TAB>BRAND, got '" + text + "'");
                }
                String kind = fields[0].strip().toLowerCase(Locale.ROOT);
                if (!List.of("ns", "mx", "issuer").contains(kind)) {
                    throw new IllegalArgumentException(name + " line " + number + ": kind must be ns, mx or issuer, not '"
                            + fields[0].strip() + "'");
                }
                String pattern = fields[1].strip();
                out.add(new Mapping(kind, kind.equals("issuer") ? pattern : pattern.toLowerCase(Locale.ROOT),
                        fields[2].strip()));
            }
        }
        return out;
    }
}
