package io.mailcensus.launcher.local;

import io.mailcensus.launcher.ProgressMode;
import io.mailcensus.worker.loop.ScanCounters;
import java.io.PrintStream;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Live progress: on a terminal one line redrawn every second (done / total, rate, ETA,
 * errors); elsewhere (CI logs, nohup) a plain line every five seconds.
 */
final class ProgressPrinter {

    private final PrintStream err;
    private final ScanCounters counters;
    private final LongSupplier total;
    private final Supplier<String> more;
    private final boolean live;
    private final boolean enabled;
    private final long startNanos = System.nanoTime();
    private Thread thread;

    /**
     * @param total the number of domains, or -1 while the input is still being read
     * @param more what else to show at the end of the line (mail servers), or ""
     */
    ProgressPrinter(ProgressMode mode, PrintStream err, ScanCounters counters, LongSupplier total,
            Supplier<String> more) {
        this.err = err;
        this.more = more;
        this.counters = counters;
        this.total = total;
        this.enabled = mode != ProgressMode.OFF;
        this.live = mode == ProgressMode.AUTO && System.console() != null && System.console().isTerminal();
    }

    void start() {
        if (!enabled) {
            return;
        }
        thread = Thread.ofPlatform().name("progress").daemon(true).start(() -> {
            long period = live ? 1000 : 5000;
            try {
                while (true) {
                    Thread.sleep(period);
                    print(false);
                }
            } catch (InterruptedException e) {
                // stopped
            }
        });
    }

    void stop() {
        if (thread != null) {
            thread.interrupt();
            print(true);
        }
    }

    private void print(boolean last) {
        long done = counters.done();
        long all = total.getAsLong();
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        double rate = seconds > 0 ? done / seconds : 0;
        String of = all >= 0 ? String.format("%,d / %,d", done, all) : String.format("%,d / reading input", done);
        String eta = all >= 0 && rate > 0 ? ", ETA " + Durations.human((long) ((all - done) / rate)) : "";
        String line = String.format("%s domains, %.1f/s%s, %,d errors, %,d nxdomain%s, %s",
                of, rate, eta, counters.errors(), counters.nxdomain(), more.get(), Durations.human((long) seconds));
        if (live) {
            err.print("\r\033[K" + line + (last ? "\n" : ""));
        } else {
            err.println("progress: " + line);
        }
        err.flush();
    }
}
