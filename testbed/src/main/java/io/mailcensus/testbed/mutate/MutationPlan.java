package io.mailcensus.testbed.mutate;

import io.mailcensus.testbed.mutate.Mutation.Kind;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Which domains {@code mutate} changes: {@code fraction} of the testbed's domains (at least one
 * per kind that has candidates), shared evenly between the kinds in their order, each kind's
 * candidates shuffled by the seed, no domain twice. The same candidates, seed and fraction
 * always give the same choice.
 */
final class MutationPlan {

    private MutationPlan() {}

    static List<Mutation> choose(Map<Kind, List<Mutation>> candidates, long seed, double fraction, int domains) {
        if (!(fraction > 0 && fraction <= 1)) {
            throw new IllegalArgumentException("--fraction must be in (0, 1], not " + fraction);
        }
        List<Kind> kinds = candidates.entrySet().stream().filter(e -> !e.getValue().isEmpty()).map(Map.Entry::getKey)
                .sorted().toList();
        if (kinds.isEmpty()) {
            return List.of();
        }
        int wanted = Math.max(kinds.size(), (int) Math.round(fraction * domains));
        List<List<Mutation>> shuffled = new ArrayList<>();
        for (Kind k : kinds) {
            List<Mutation> list = new ArrayList<>(candidates.get(k));
            Collections.shuffle(list, new Random(seed * 31 + k.ordinal()));
            shuffled.add(list);
        }
        int[] next = new int[kinds.size()];
        Set<String> taken = new HashSet<>();
        List<Mutation> chosen = new ArrayList<>();
        boolean progress = true;
        while (chosen.size() < wanted && progress) {
            progress = false;
            for (int k = 0; k < kinds.size() && chosen.size() < wanted; k++) {
                List<Mutation> list = shuffled.get(k);
                while (next[k] < list.size() && !taken.add(list.get(next[k]).domain())) {
                    next[k]++;
                }
                if (next[k] < list.size()) {
                    chosen.add(list.get(next[k]++));
                    progress = true;
                }
            }
        }
        return chosen;
    }
}
