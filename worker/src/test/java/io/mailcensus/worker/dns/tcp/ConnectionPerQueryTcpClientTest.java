package io.mailcensus.worker.dns.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;
import org.xbill.DNS.io.DefaultIoClientFactory;
import org.xbill.DNS.io.IoClientFactory;
import org.xbill.DNS.io.TcpIoClient;
import org.xbill.DNS.io.UdpIoClient;

/**
 * Against a TCP DNS server on loopback that answers each connection's queries in order and takes
 * 5 s for one name: the other queries are answered, not stuck behind the slow one.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ConnectionPerQueryTcpClientTest {

    private final ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    private final Thread acceptor = Thread.ofVirtual().start(this::serve);
    private volatile int connections;

    ConnectionPerQueryTcpClientTest() throws IOException {
    }

    @AfterEach
    void stop() throws IOException {
        server.close();
    }

    private void serve() {
        try {
            while (true) {
                Socket s = server.accept();
                connections++;
                Thread.ofVirtual().start(() -> answerInOrder(s));
            }
        } catch (IOException closed) {
            // test over
        }
    }

    private static void answerInOrder(Socket s) {
        try (s) {
            DataInputStream in = new DataInputStream(s.getInputStream());
            DataOutputStream out = new DataOutputStream(s.getOutputStream());
            while (true) {
                byte[] wire = new byte[in.readUnsignedShort()];
                in.readFully(wire);
                Message query = new Message(wire);
                if (query.getQuestion().getName().toString().startsWith("slow")) {
                    Thread.sleep(5000);
                }
                Message response = new Message(query.getHeader().getID());
                response.getHeader().setFlag(Flags.QR);
                response.addRecord(query.getQuestion(), Section.QUESTION);
                response.addRecord(new ARecord(query.getQuestion().getName(), DClass.IN, 60,
                        InetAddress.getByName("192.0.2.1")), Section.ANSWER);
                byte[] bytes = response.toWire();
                out.writeShort(bytes.length);
                out.write(bytes);
                out.flush();
            }
        } catch (EOFException | InterruptedException done) {
            // client closed, or test over
        } catch (IOException e) {
            // client went away
        }
    }

    @Test
    void aSlowAnswerDoesNotHoldUpTheOthers() throws Exception {
        SimpleResolver resolver = new SimpleResolver(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()));
        resolver.setTCP(true);
        resolver.setTimeout(Duration.ofSeconds(2));
        resolver.setIoClientFactory(new IoClientFactory() {
            private final TcpIoClient tcp = new ConnectionPerQueryTcpClient();
            private final UdpIoClient udp = new DefaultIoClientFactory().createOrGetUdpClient();

            @Override
            public TcpIoClient createOrGetTcpClient() {
                return tcp;
            }

            @Override
            public UdpIoClient createOrGetUdpClient() {
                return udp;
            }
        });
        CompletableFuture<Message> slow = send(resolver, "slow.example.");
        Thread.sleep(100); // the slow query is on the wire first
        List<CompletableFuture<Message>> fast = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            fast.add(send(resolver, "fast" + i + ".example."));
        }
        for (CompletableFuture<Message> f : fast) {
            assertThat(f.get(10, TimeUnit.SECONDS).getSection(Section.ANSWER)).hasSize(1);
        }
        assertThat(slow).failsWithin(Duration.ofSeconds(10));
        assertThat(connections).isEqualTo(5);
    }

    private static CompletableFuture<Message> send(SimpleResolver resolver, String name) throws IOException {
        Message query = Message.newQuery(Record.newRecord(Name.fromString(name), Type.A, DClass.IN));
        return resolver.sendAsync(query).toCompletableFuture();
    }
}
