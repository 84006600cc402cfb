package io.mailcensus.kafka.broker;

import io.mailcensus.kafka.client.TopicCreator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka (KRaft, broker and controller in one) in this JVM, from the Maven
 * artifacts: for the integration tests and {@code mailcensus local-cluster}. It listens on
 * 127.0.0.1 only, on free ports, keeps its logs in a new temporary directory (formatted first,
 * as {@code kafka-storage format} does) and {@link #close()} stops it and deletes that directory.
 * Internal topics are sized for one node (replication 1, few offsets partitions), so the first
 * consumer group is ready in a moment.
 */
public final class EmbeddedKafka implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedKafka.class);

    private final Path dir;
    private final int brokerPort;
    private final KafkaRaftServer server;
    private Duration startup = Duration.ZERO;
    private boolean closed;

    private EmbeddedKafka(Path dir, int brokerPort, KafkaRaftServer server) {
        this.dir = dir;
        this.brokerPort = brokerPort;
        this.server = server;
    }

    /**
     * Formats a new log directory and starts the broker; returns when it accepts clients. The
     * free ports are picked before the broker binds them, so another process can take one in
     * between: then it tries again with new ports, three times in all.
     */
    public static EmbeddedKafka start() throws IOException {
        RuntimeException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                return startOnce();
            } catch (RuntimeException e) {
                last = e;
                log.warn("embedded Kafka did not start ({}), trying other ports", e.toString());
            }
        }
        throw last;
    }

    private static EmbeddedKafka startOnce() throws IOException {
        long t0 = System.nanoTime();
        Path dir = Files.createTempDirectory("mailcensus-kafka-");
        KafkaRaftServer server = null;
        try {
            int brokerPort = freePort();
            int controllerPort = freePort();
            Properties props = config(dir, brokerPort, controllerPort);
            Path file = dir.resolve("server.properties");
            try (Writer w = Files.newBufferedWriter(file)) {
                props.store(w, "mailcensus embedded Kafka");
            }
            format(file);
            server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
            server.startup();
            EmbeddedKafka kafka = new EmbeddedKafka(dir, brokerPort, server);
            kafka.awaitReady();
            kafka.startup = Duration.ofNanos(System.nanoTime() - t0);
            log.info("embedded Kafka on {} started in {} ms", kafka.bootstrapServers(), kafka.startup().toMillis());
            return kafka;
        } catch (IOException | RuntimeException e) {
            if (server != null) {
                try {
                    server.shutdown();
                    server.awaitShutdown();
                } catch (RuntimeException ignored) {
                    // it did not start: there is little to stop
                }
            }
            deleteTree(dir);
            throw e;
        }
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + brokerPort;
    }

    /** From the call to {@link #start()} until the broker answered an admin request. */
    public Duration startup() {
        return startup;
    }

    public Path directory() {
        return dir;
    }

    /** Creates the topics that do not exist yet, with these partition counts (replication 1). */
    public void createTopics(Map<String, Integer> partitions) {
        try (Admin admin = admin()) {
            TopicCreator.ensure(admin, partitions, (short) 1);
        }
    }

    /** Creates each topic with the same number of partitions. */
    public void createTopics(List<String> names, int partitions) {
        Map<String, Integer> m = new LinkedHashMap<>();
        names.forEach(n -> m.put(n, partitions));
        createTopics(m);
    }

    public Admin admin() {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        return Admin.create(p);
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            server.shutdown();
            server.awaitShutdown();
        } finally {
            deleteTree(dir);
        }
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        RuntimeException last = null;
        while (System.nanoTime() < deadline) {
            try (Admin admin = admin()) {
                if (!admin.describeCluster().nodes().get().isEmpty()) {
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while Kafka started", e);
            } catch (ExecutionException | RuntimeException e) {
                last = new IllegalStateException(e.getMessage(), e);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while Kafka started", e);
            }
        }
        throw new IllegalStateException("embedded Kafka did not become ready within 60 s", last);
    }

    private static Properties config(Path dir, int brokerPort, int controllerPort) {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("log.dirs", dir.resolve("logs").toString());
        p.put("auto.create.topics.enable", "false");
        p.put("num.partitions", "1");
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "4");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "4");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        // small segments: a local cluster's topics are deleted with the directory anyway
        p.put("log.segment.bytes", String.valueOf(64 * 1024 * 1024));
        return p;
    }

    /** {@code kafka-storage format -t CLUSTER_ID -c FILE}: writes meta.properties and the bootstrap checkpoint. */
    private static void format(Path config) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String[] args = {"format", "-t", Uuid.randomUuid().toString(), "-c", config.toString()};
        int rc;
        try (PrintStream ps = new PrintStream(out, true, StandardCharsets.UTF_8)) {
            rc = StorageTool.execute(args, ps);
        } catch (Exception e) {
            throw new IllegalStateException("formatting the Kafka log directory failed: " + e.getMessage(), e);
        }
        if (rc != 0) {
            throw new IllegalStateException("formatting the Kafka log directory failed (" + rc + "): " + out);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        }
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    log.warn("cannot delete {}: {}", p, e.toString());
                }
            });
        } catch (IOException e) {
            log.warn("cannot delete {}: {}", dir, e.toString());
        }
    }
}
