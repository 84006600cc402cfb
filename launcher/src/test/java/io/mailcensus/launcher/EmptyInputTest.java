package io.mailcensus.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;

/** A list without a single domain is one line and exit 2, and records no scan. */
class EmptyInputTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    /** Answers the pre-flight query (NOERROR, no records): a fake for the logic under test only. */
    private DatagramSocket resolver;

    @BeforeEach
    void answerThePreflight() throws Exception {
        resolver = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(() -> {
            byte[] buffer = new byte[512];
            while (!resolver.isClosed()) {
                try {
                    DatagramPacket query = new DatagramPacket(buffer, buffer.length);
                    resolver.receive(query);
                    Message m = new Message(java.util.Arrays.copyOf(query.getData(), query.getLength()));
                    m.getHeader().setFlag(Flags.QR);
                    m.getHeader().setRcode(Rcode.NOERROR);
                    byte[] reply = m.toWire();
                    resolver.send(new DatagramPacket(reply, reply.length, query.getSocketAddress()));
                } catch (Exception closed) {
                    return;
                }
            }
        });
    }

    @AfterEach
    void stop() {
        resolver.close();
    }

    private int run(String... args) {
        return Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    private int scan(Path list) {
        return run("scan", list.toString(), "--data", dir.resolve("store").toString(), "--resolver",
                "127.0.0.1:" + resolver.getLocalPort(), "--timeout", "2s", "--no-smtp", "--no-http", "--progress", "off");
    }

    @Test
    void anEmptyListIsOneLineAndExit2WithoutAScanRow() throws Exception {
        Path list = Files.writeString(dir.resolve("empty.txt"), "");
        assertThat(scan(list)).isEqualTo(2);
        assertThat(err.toString().strip()).isEqualTo("mailcensus scan: no domain to scan in " + list
                + " (0 lines read, 0 rejected); no scan recorded");
        assertThat(scans()).isZero();
    }

    @Test
    void aListOfCommentsAndBadNamesSaysWhyNothingWasScanned() throws Exception {
        Path list = Files.writeString(dir.resolve("bad.txt"), "# only a comment\nnot a domain!\n");
        assertThat(scan(list)).isEqualTo(2);
        assertThat(err.toString().strip()).startsWith("mailcensus scan: no domain to scan in " + list)
                .contains("1 rejected: ").endsWith("; no scan recorded").doesNotContain("\n");
        assertThat(scans()).isZero();
    }

    private long scans() {
        try (var store = io.mailcensus.store.ChdbStore.open(dir.resolve("store"))) {
            return Long.parseLong(store.query("SELECT count() FROM scans", "TabSeparated").strip());
        }
    }
}
