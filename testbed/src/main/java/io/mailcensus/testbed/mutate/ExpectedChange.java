package io.mailcensus.testbed.mutate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One change a scanner must see after {@code mutate}, in the change feed's terms
 * ({@code report/.../sql/domain_changes.sql}): the domain, the fact ({@code what}) and its values
 * before and after. Written one a line to {@code expected-changes.tsv} beside {@code truth.json}.
 */
public record ExpectedChange(String domain, String what, String before, String after) {

    public static final String HEADER = "domain\twhat\tbefore\tafter";
    public static final String FILE = "expected-changes.tsv";

    public static final Comparator<ExpectedChange> ORDER = Comparator.comparing(ExpectedChange::domain)
            .thenComparing(ExpectedChange::what);

    public String toTsv() {
        return String.join("\t", domain, what, before, after);
    }

    public static void write(Path file, List<ExpectedChange> changes) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add(HEADER);
        changes.stream().sorted(ORDER).map(ExpectedChange::toTsv).forEach(lines::add);
        Files.write(file, lines, StandardCharsets.UTF_8);
    }

    public static List<ExpectedChange> read(Path file) throws IOException {
        return Files.readAllLines(file, StandardCharsets.UTF_8).stream().skip(1).filter(l -> !l.isBlank()).map(l -> {
            String[] f = l.split("\t", -1);
            if (f.length != 4) {
                throw new IllegalArgumentException("expected change needs 4 columns: " + l);
            }
            return new ExpectedChange(f[0], f[1], f[2], f[3]);
        }).toList();
    }
}
