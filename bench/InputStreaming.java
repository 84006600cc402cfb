import io.mailcensus.coordinator.input.InputSummary;
import io.mailcensus.coordinator.input.ListFileSource;
import io.mailcensus.coordinator.input.NameFilter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The coordinator's input path in bounded memory: streams a list file through ListFileSource and
 * NameFilter (normalising, de-duplicating by fingerprint) exactly as a scan does, without
 * scanning, and prints what the heap holds. Run by bench/full-scan in source-launch mode:
 * {@code java -Xmx256m -cp CLASSPATH bench/InputStreaming.java FILE}.
 *
 * <p>"Live heap" is the heap used right after a full GC, measured every {@code STEP} names and at
 * the end: what the input path really keeps. "Peak used" is the JVM's own high-water mark of
 * every heap pool (garbage included, so it depends on -Xmx). RSS is the process's, from /proc.
 */
public class InputStreaming {

    static final int STEP = 250_000;

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long[] maxLive = {live(memory)};
        long baseline = maxLive[0];
        long started = System.nanoTime();
        NameFilter filter = new NameFilter(name -> false);
        long[] accepted = {0};
        ListFileSource.of(file).forEach(raw -> {
            if (filter.accept(raw).isPresent()) {
                accepted[0]++;
            }
            if (filter.summary().read() % STEP == 0) {
                maxLive[0] = Math.max(maxLive[0], live(memory));
            }
        });
        double seconds = (System.nanoTime() - started) / 1e9;
        maxLive[0] = Math.max(maxLive[0], live(memory));
        InputSummary s = filter.summary();
        long peakUsed = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        System.out.printf("input_bytes %d%n", Files.size(file));
        System.out.printf("names_read %d%n", s.read());
        System.out.printf("accepted %d%n", accepted[0]);
        System.out.printf("duplicates %d%n", s.duplicates());
        System.out.printf("rejected %d%n", s.rejectedTotal());
        System.out.printf("seconds %.1f%n", seconds);
        System.out.printf("names_per_second %.0f%n", s.read() / seconds);
        System.out.printf("max_heap_bytes %d%n", memory.getHeapMemoryUsage().getMax());
        System.out.printf("baseline_live_heap_bytes %d%n", baseline);
        System.out.printf("max_live_heap_bytes %d%n", maxLive[0]);
        System.out.printf("peak_used_heap_bytes %d%n", peakUsed);
        System.out.printf("peak_rss_bytes %d%n", statusKb("VmHWM") * 1024);
    }

    private static long live(MemoryMXBean memory) {
        System.gc();
        return memory.getHeapMemoryUsage().getUsed();
    }

    private static long statusKb(String field) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith(field + ":")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }
}
