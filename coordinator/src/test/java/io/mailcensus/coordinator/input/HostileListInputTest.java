package io.mailcensus.coordinator.input;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailcensus.core.name.Rejection;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A list file cannot end a scan: bad bytes and endless lines cost their own line, in bounded memory. */
class HostileListInputTest {

    private static final long HUGE = 200L * 1024 * 1024;

    @TempDir
    Path dir;

    @Test
    void aLatin1ByteAndA200MbLineAreRejectedWithTheirLineNumbersAndEveryValidNameIsRead() throws Exception {
        byte[] head = "example.ch\ncaf\u00e9.ch\n".getBytes(StandardCharsets.ISO_8859_1);
        InputStream in = new SequenceInputStream(Collections.enumeration(List.of(new ByteArrayInputStream(head),
                new Repeated((byte) 'a', HUGE),
                new ByteArrayInputStream("\nlast.ch # the end\n\u00fcber.ch\n".getBytes(StandardCharsets.UTF_8)))));
        NameFilter filter = new NameFilter(name -> false);
        List<String> names = new ArrayList<>();
        long heapBefore = resetHeapPeaks();

        ListFileSource.stdin(in).forEach(raw -> filter.accept(raw).ifPresent(n -> names.add(n.ascii())),
                filter::reject);

        long heapGrowth = heapPeak() - heapBefore;
        assertThat(names).containsExactly("example.ch", "last.ch", "xn--ber-goa.ch");
        InputSummary summary = filter.summary();
        assertThat(summary.rejectedByReason()).isEqualTo(Map.of(Rejection.NOT_UTF8, 1L, Rejection.LINE_TOO_LONG, 1L));
        assertThat(summary.examples(Rejection.NOT_UTF8)).containsExactly("line 2: caf\uFFFD.ch");
        assertThat(summary.examples(Rejection.LINE_TOO_LONG)).singleElement().asString().startsWith("line 3: aaaa");
        // A 200 MB line held as a String would take 200-400 MB of heap; streamed, it takes a 64 KiB buffer.
        assertThat(heapGrowth).as("peak heap growth while reading a 200 MB line").isLessThan(64L * 1024 * 1024);
    }

    @Test
    void aFileIsReadTheSameWayAsStdin() throws Exception {
        Path list = dir.resolve("list.txt");
        byte[] bom = {(byte) 0xef, (byte) 0xbb, (byte) 0xbf};
        Files.write(list, bom);
        Files.write(list, ("one.ch\r\n" + "x".repeat(BoundedLines.MAX_LINE_BYTES + 1) + "\r\n").getBytes(StandardCharsets.UTF_8),
                java.nio.file.StandardOpenOption.APPEND);
        Files.write(list, new byte[] {'b', (byte) 0xff, '.', 'c', 'h', '\n', 't', 'w', 'o', '.', 'c', 'h'},
                java.nio.file.StandardOpenOption.APPEND);
        List<String> names = new ArrayList<>();
        List<NameSource.Unreadable> bad = new ArrayList<>();
        ListFileSource.of(list).forEach(names::add, bad::add);
        assertThat(names).containsExactly("one.ch", "two.ch");
        assertThat(bad).extracting(NameSource.Unreadable::line, NameSource.Unreadable::reason)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(2L, Rejection.LINE_TOO_LONG),
                        org.assertj.core.groups.Tuple.tuple(3L, Rejection.NOT_UTF8));
    }

    /** {@code count} copies of one byte, without allocating them. */
    private static final class Repeated extends InputStream {
        private final byte value;
        private long left;

        Repeated(byte value, long count) {
            this.value = value;
            this.left = count;
        }

        @Override
        public int read() {
            if (left == 0) {
                return -1;
            }
            left--;
            return value;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (left == 0) {
                return -1;
            }
            int n = (int) Math.min(len, left);
            java.util.Arrays.fill(b, off, off + n, value);
            left -= n;
            return n;
        }
    }

    private static long resetHeapPeaks() {
        System.gc();
        long used = 0;
        for (MemoryPoolMXBean pool : heapPools()) {
            pool.resetPeakUsage();
            used += pool.getUsage().getUsed();
        }
        return used;
    }

    private static long heapPeak() {
        return heapPools().stream().mapToLong(p -> Optional.ofNullable(p.getPeakUsage()).map(u -> u.getUsed()).orElse(0L))
                .sum();
    }

    private static List<MemoryPoolMXBean> heapPools() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP).toList();
    }
}
