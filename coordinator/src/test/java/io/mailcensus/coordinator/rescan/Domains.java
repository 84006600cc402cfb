package io.mailcensus.coordinator.rescan;

import io.mailcensus.coordinator.input.NameSource;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Generated domain lists: sequential names, the hardest case for spreading by hash. */
final class Domains {

    private Domains() {}

    static List<String> numbered(int n) {
        List<String> names = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            names.add((i % 3 == 0 ? "shop-" : i % 3 == 1 ? "praxis" : "verein-") + i + ".ch");
        }
        return names;
    }

    static NameSource source(List<String> names) {
        return new NameSource() {
            @Override
            public void forEach(Consumer<String> sink) {
                names.forEach(sink);
            }

            @Override
            public String describe() {
                return names.size() + " names";
            }
        };
    }
}
