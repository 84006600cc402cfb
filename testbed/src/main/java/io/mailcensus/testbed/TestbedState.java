package io.mailcensus.testbed;

import io.mailcensus.testbed.server.LinkDelay;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;

/**
 * What a running testbed was started with, kept in {@code testbed.properties} so that the CLI's
 * {@code status} and {@code down} (another JVM) know the addresses and the inputs.
 */
public record TestbedState(int domains, long seed, String tld, int block, boolean servers, LinkDelay link) {

    static Path file(Path workDir) {
        return workDir.resolve("testbed.properties");
    }

    public static Optional<TestbedState> read(Path workDir) throws IOException {
        Path f = file(workDir);
        if (!Files.isRegularFile(f)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(f)) {
            p.load(r);
        }
        // a testbed started before latency existed has no link properties: loopback speed
        LinkDelay link = new LinkDelay(Duration.ofNanos(Long.parseLong(p.getProperty("latency-ns", "0"))),
                Double.parseDouble(p.getProperty("loss", "0")));
        return Optional.of(new TestbedState(Integer.parseInt(p.getProperty("domains")),
                Long.parseLong(p.getProperty("seed")), p.getProperty("tld"), Integer.parseInt(p.getProperty("block")),
                Boolean.parseBoolean(p.getProperty("servers", "false")), link));
    }

    void write(Path workDir) throws IOException {
        Properties p = new Properties();
        p.setProperty("domains", Integer.toString(domains));
        p.setProperty("seed", Long.toString(seed));
        p.setProperty("tld", tld);
        p.setProperty("block", Integer.toString(block));
        p.setProperty("servers", Boolean.toString(servers));
        p.setProperty("latency-ns", Long.toString(link.latency().toNanos()));
        p.setProperty("loss", Double.toString(link.loss()));
        try (Writer w = Files.newBufferedWriter(file(workDir))) {
            p.store(w, "mailcensus testbed: resolver 127.53." + block + ".2:53");
        }
    }

    boolean sameInputs(TestbedOptions o) {
        return domains == o.domains() && seed == o.seed() && tld.equals(o.tld()) && servers == o.servers()
                && link.equals(o.link());
    }
}
