package io.mailcensus.worker.spf;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * An {@link SpfDns} answering from an OpenSPF suite {@code zonedata} block, with the suite's
 * driver rules (those of pyspf's test.py):
 * <ul>
 *   <li>SPF (type 99) records count as TXT where the name has no TXT entry at all;
 *       {@code TXT: NONE} is such an entry with no record.</li>
 *   <li>{@code TIMEOUT} times out a query unless a record of the asked type came before it.</li>
 *   <li>an unknown name starting {@code error.} times out; other unknown names are NXDOMAIN.</li>
 *   <li>a record given as a list of strings is one TXT record of several strings.</li>
 * </ul>
 */
final class YamlZone implements SpfDns {

    private record Entry(String type, String value) {}

    private static final Entry TIMEOUT = new Entry("TIMEOUT", null);

    private final Map<String, List<Entry>> names = new LinkedHashMap<>();

    YamlZone(Map<String, Object> zonedata) {
        if (zonedata == null) {
            return;
        }
        for (Map.Entry<String, Object> e : zonedata.entrySet()) {
            List<Entry> entries = new ArrayList<>();
            List<Entry> generatedTxt = new ArrayList<>();
            boolean hasTxt = false;
            for (Object item : (List<?>) e.getValue()) {
                if ("TIMEOUT".equals(item)) {
                    entries.add(TIMEOUT);
                    continue;
                }
                Map.Entry<?, ?> rr = ((Map<?, ?>) item).entrySet().iterator().next();
                String type = rr.getKey().toString();
                // MX is [preference, exchange]; TXT/SPF given as a list is one record of several strings.
                String value = type.equals("MX") && rr.getValue() instanceof List<?> mx
                        ? String.valueOf(mx.get(1)) : text(rr.getValue());
                hasTxt |= type.equals("TXT");
                if (type.equals("SPF")) {
                    generatedTxt.add(new Entry("TXT", value));
                }
                if (!"NONE".equals(value)) {
                    entries.add(new Entry(type, value));
                }
            }
            if (!hasTxt) {
                entries.addAll(generatedTxt);
            }
            names.put(normal(e.getKey()), entries);
        }
    }

    private static String text(Object value) {
        if (value instanceof List<?> strings) {
            StringBuilder glued = new StringBuilder();
            strings.forEach(glued::append);
            return glued.toString();
        }
        return String.valueOf(value);
    }

    private static String normal(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
    }

    @Override
    public CompletionStage<Lookup> lookup(String name, Type type) {
        return CompletableFuture.completedFuture(answer(normal(name), type, 0));
    }

    private Lookup answer(String name, Type type, int hops) {
        List<Entry> entries = names.get(name);
        if (entries == null) {
            return name.startsWith("error.") ? Lookup.ERROR : Lookup.NXDOMAIN;
        }
        List<String> values = new ArrayList<>();
        for (Entry entry : entries) {
            if (entry == TIMEOUT) {
                if (values.isEmpty()) {
                    return Lookup.ERROR;
                }
                continue;
            }
            if (entry.type().equals(type.name())) {
                values.add(type == Type.TXT ? entry.value() : normal(entry.value()));
            } else if (entry.type().equals("CNAME") && hops < 8) {
                return answer(normal(entry.value()), type, hops + 1);
            }
        }
        return Lookup.found(values);
    }
}
