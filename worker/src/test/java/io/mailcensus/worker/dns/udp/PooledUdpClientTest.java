package io.mailcensus.worker.dns.udp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
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

@Timeout(60)
class PooledUdpClientTest {

    private static final Duration LONG = Duration.ofSeconds(20);
    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : open.reversed()) {
            c.close();
        }
    }

    private <T extends AutoCloseable> T opened(T closeable) {
        open.add(closeable);
        return closeable;
    }

    private static Message query(String name, int type) {
        return Message.newQuery(Record.newRecord(Name.fromConstantString(name), type, DClass.IN));
    }

    /** An answer to the query as received (its id, its question), with one A record. */
    private static byte[] answer(UdpResponder.Received received, String address) throws IOException {
        Message q = new Message(received.wire());
        Message a = new Message(q.getHeader().getID());
        a.getHeader().setFlag(Flags.QR);
        a.addRecord(q.getQuestion(), Section.QUESTION);
        a.addRecord(new ARecord(q.getQuestion().getName(), DClass.IN, 60, InetAddress.getByName(address)),
                Section.ANSWER);
        return a.toWire();
    }

    private static CompletableFuture<byte[]> send(PooledUdpClient client, InetSocketAddress server, Message query,
            Duration timeout) {
        return client.sendAndReceiveUdp(null, server, query, query.toWire(), 512, timeout);
    }

    @Test
    void each_answer_reaches_its_own_query_with_dnsjavas_id_restored() throws Exception {
        PooledUdpClient client = opened(new PooledUdpClient(4));
        UdpResponder server = opened(new UdpResponder("127.0.0.2"));
        List<Message> queries = new ArrayList<>();
        List<CompletableFuture<byte[]>> answers = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            Message q = query("host" + i + ".example.", Type.A);
            queries.add(q);
            answers.add(send(client, server.address(), q, LONG));
        }
        List<UdpResponder.Received> received = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            received.add(server.next());
        }
        for (UdpResponder.Received r : received.reversed()) { // answered in the opposite order
            Message q = new Message(r.wire());
            String n = q.getQuestion().getName().getLabelString(0).substring(4);
            server.send(answer(r, "192.0.2." + n), r.from());
        }
        for (int i = 0; i < 50; i++) {
            Message a = new Message(answers.get(i).get(10, TimeUnit.SECONDS));
            assertThat(a.getHeader().getID()).isEqualTo(queries.get(i).getHeader().getID());
            assertThat(a.getQuestion()).isEqualTo(queries.get(i).getQuestion());
            assertThat(((ARecord) a.getSection(Section.ANSWER).getFirst()).getAddress().getHostAddress())
                    .isEqualTo("192.0.2." + i);
        }
        assertThat(client.inFlight()).isZero();
    }

    @Test
    void ids_in_flight_on_one_socket_are_distinct_even_when_dnsjavas_ids_collide() throws Exception {
        PooledUdpClient client = opened(new PooledUdpClient(1));
        UdpResponder server = opened(new UdpResponder("127.0.0.2"));
        Set<Integer> ids = new HashSet<>();
        Set<Integer> ports = new HashSet<>();
        for (int i = 0; i < 300; i++) {
            Message q = query("same-id" + i + ".example.", Type.A);
            q.getHeader().setID(4242);
            send(client, server.address(), q, LONG);
        }
        for (int i = 0; i < 300; i++) {
            UdpResponder.Received r = server.next();
            ids.add(r.id());
            ports.add(r.from().getPort());
        }
        assertThat(ids).hasSize(300);
        assertThat(ports).hasSize(1);
        assertThat(client.inFlight()).isEqualTo(300);
    }

    @Test
    void queries_are_spread_over_the_sockets() throws Exception {
        PooledUdpClient client = opened(new PooledUdpClient(8));
        UdpResponder server = opened(new UdpResponder("127.0.0.2"));
        Set<Integer> ports = new HashSet<>();
        for (int i = 0; i < 16; i++) {
            send(client, server.address(), query("spread" + i + ".example.", Type.A), LONG);
            ports.add(server.next().from().getPort());
        }
        assertThat(ports).containsExactlyInAnyOrderElementsOf(new HashSet<>(client.localPorts()));
        assertThat(ports).hasSize(8);
    }

    @Test
    void an_answer_from_another_address_or_port_is_ignored() throws Exception {
        PooledUdpClient client = opened(new PooledUdpClient(2));
        UdpResponder server = opened(new UdpResponder("127.0.0.2"));
        UdpResponder otherAddress = opened(new UdpResponder("127.0.0.3"));
        UdpResponder otherPort = opened(new UdpResponder("127.0.0.2"));
        CompletableFuture<byte[]> answer = send(client, server.address(), query("victim.example.", Type.A), LONG);
        UdpResponder.Received r = server.next();

        otherAddress.send(answer(r, "203.0.113.66"), r.from());
        otherPort.send(answer(r, "203.0.113.67"), r.from());
        // The genuine answer is sent last: had a spoofed one been taken, the address would differ.
        server.send(answer(r, "192.0.2.1"), r.from());

        Message a = new Message(answer.get(10, TimeUnit.SECONDS));
        assertThat(((ARecord) a.getSection(Section.ANSWER).getFirst()).getAddress().getHostAddress())
                .isEqualTo("192.0.2.1");
    }

    @Test
    void an_answer_with_another_id_or_question_is_ignored() throws Exception {
        PooledUdpClient client = opened(new PooledUdpClient(2));
        UdpResponder server = opened(new UdpResponder("127.0.0.2"));
        CompletableFuture<byte[]> answer = send(client, server.address(), query("asked.example.", Type.MX), LONG);
        UdpResponder.Received r = server.next();

        byte[] wrongId = answer(r, "203.0.113.1");
        QueryWire.setId(wrongId, (r.id() + 1) & 0xFFFF);
        server.send(wrongId, r.from());
        Message other = new Message(r.id());
        other.getHeader().setFlag(Flags.QR);
        other.addRecord(Record.newRecord(Name.fromConstantString("other.example."), Type.MX, DClass.IN),
                Section.QUESTION);
        server.send(other.toWire(), r.from());
        Message otherType = new Message(r.id());
        otherType.getHeader().setFlag(Flags.QR);
        otherType.addRecord(Record.newRecord(Name.fromConstantString("asked.example."), Type.TXT, DClass.IN),
                Section.QUESTION);
        server.send(otherType.toWire(), r.from());
        byte[] notAnAnswer = r.wire().clone(); // the query echoed back: QR clear
        server.send(notAnAnswer, r.from());
        server.send(new byte[] {1, 2, 3}, r.from());

        Message mixedCase = new Message(r.id());
        mixedCase.getHeader().setFlag(Flags.QR);
        mixedCase.addRecord(Record.newRecord(Name.fromConstantString("AsKeD.example."), Type.MX, DClass.IN),
                Section.QUESTION);
        server.send(mixedCase.toWire(), r.from());

        Message a = new Message(answer.get(10, TimeUnit.SECONDS));
        assertThat(a.getQuestion().getName()).isEqualTo(Name.fromConstantString("asked.example."));
        assertThat(a.getQuestion().getType()).isEqualTo(Type.MX);
        assertThat(a.getSection(Section.ANSWER)).isEmpty();
    }

    @Test
    void a_timed_out_query_fails_like_dnsjavas_and_frees_its_id() throws Exception {
        PooledUdpClient client = opened(new PooledUdpClient(1));
        UdpResponder server = opened(new UdpResponder("127.0.0.2"));
        CompletableFuture<byte[]> answer = send(client, server.address(), query("silent.example.", Type.A),
                Duration.ofMillis(200));
        UdpResponder.Received r = server.next();

        assertThatThrownBy(() -> answer.get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(SocketTimeoutException.class);
        assertThat(client.inFlight()).isZero();
        server.send(answer(r, "192.0.2.1"), r.from()); // a late answer finds nobody and harms nothing

        CompletableFuture<byte[]> next = send(client, server.address(), query("next.example.", Type.A), LONG);
        UdpResponder.Received r2 = server.next();
        server.send(answer(r2, "192.0.2.2"), r2.from());
        assertThat(new Message(next.get(10, TimeUnit.SECONDS)).getQuestion().getName())
                .isEqualTo(Name.fromConstantString("next.example."));
    }

    @Test
    void closing_fails_the_waiting_queries_and_refuses_new_ones() throws Exception {
        PooledUdpClient client = new PooledUdpClient(2);
        UdpResponder server = opened(new UdpResponder("127.0.0.2"));
        CompletableFuture<byte[]> answer = send(client, server.address(), query("pending.example.", Type.A), LONG);
        server.next();
        client.close();
        assertThatThrownBy(() -> answer.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(ClosedChannelException.class);
        assertThat(send(client, server.address(), query("late.example.", Type.A), LONG))
                .failsWithin(Duration.ofSeconds(1));
    }

    @Test
    void simple_resolver_through_the_pool_gets_answers_and_falls_back_to_tcp_on_truncation() throws Exception {
        PooledUdpClient client = opened(new PooledUdpClient(4));
        UdpResponder server = opened(new UdpResponder("127.0.0.2"));
        ServerSocket tcp = opened(new ServerSocket(server.address().getPort(), 10, server.address().getAddress()));
        SimpleResolver resolver = new SimpleResolver(server.address());
        resolver.setIoClientFactory(new PooledIoClientFactory(client));
        resolver.setTimeout(LONG);

        CompletableFuture<Message> plain = resolver.sendAsync(query("plain.example.", Type.A)).toCompletableFuture();
        UdpResponder.Received r = server.next();
        server.send(answer(r, "192.0.2.10"), r.from());
        assertThat(plain.get(10, TimeUnit.SECONDS).getSection(Section.ANSWER)).hasSize(1);

        CompletableFuture<Message> big = resolver.sendAsync(query("big.example.", Type.A)).toCompletableFuture();
        UdpResponder.Received t = server.next();
        Message truncated = new Message(new Message(t.wire()).getHeader().getID());
        truncated.getHeader().setFlag(Flags.QR);
        truncated.getHeader().setFlag(Flags.TC);
        truncated.addRecord(new Message(t.wire()).getQuestion(), Section.QUESTION);
        server.send(truncated.toWire(), t.from());

        try (Socket connection = tcp.accept()) {
            DataInputStream in = new DataInputStream(connection.getInputStream());
            byte[] q = new byte[in.readUnsignedShort()];
            in.readFully(q);
            byte[] a = answer(new UdpResponder.Received(q, null), "192.0.2.11");
            DataOutputStream out = new DataOutputStream(connection.getOutputStream());
            out.writeShort(a.length);
            out.write(a);
            out.flush();
            Message viaTcp = big.get(10, TimeUnit.SECONDS);
            assertThat(viaTcp.getHeader().getFlag(Flags.TC)).isFalse();
            assertThat(((ARecord) viaTcp.getSection(Section.ANSWER).getFirst()).getAddress().getHostAddress())
                    .isEqualTo("192.0.2.11");
        }
    }
}
