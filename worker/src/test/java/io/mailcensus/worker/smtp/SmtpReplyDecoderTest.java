package io.mailcensus.worker.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SmtpReplyDecoderTest {

    private static final SmtpLimits SMALL = new SmtpLimits(64, 5, 1024);

    private static EmbeddedChannel channel(SmtpLimits limits) {
        return new EmbeddedChannel(new SmtpReplyDecoder(limits));
    }

    private static void feed(EmbeddedChannel channel, String text) {
        channel.writeInbound(Unpooled.copiedBuffer(text, StandardCharsets.ISO_8859_1));
    }

    private static List<SmtpReply> drain(EmbeddedChannel channel) {
        List<SmtpReply> replies = new ArrayList<>();
        for (Object o; (o = channel.readInbound()) != null; ) {
            replies.add((SmtpReply) o);
        }
        return replies;
    }

    @Test
    void decodesASingleLineReply() {
        EmbeddedChannel channel = channel(SMALL);
        feed(channel, "220 mx.example.ch ESMTP Postfix\r\n");
        assertThat(drain(channel)).containsExactly(new SmtpReply(220, List.of("220 mx.example.ch ESMTP Postfix")));
    }

    @Test
    void joinsAMultiLineReplyIntoOne() {
        EmbeddedChannel channel = channel(SMALL);
        feed(channel, "250-mx.example.ch\r\n250-SIZE 1000\r\n250-STARTTLS\r\n250 8BITMIME\r\n");
        List<SmtpReply> replies = drain(channel);
        assertThat(replies).hasSize(1);
        assertThat(replies.getFirst().code()).isEqualTo(250);
        assertThat(replies.getFirst().texts()).containsExactly("mx.example.ch", "SIZE 1000", "STARTTLS", "8BITMIME");
    }

    @Test
    void givesTheSameRepliesWhateverWayTheBytesAreSplit() {
        String wire = "220-first\r\n220 second\r\n250-a\n250 b\r\n421 bye\r\n";
        List<SmtpReply> whole = decodeInPieces(wire, wire.length());
        assertThat(whole).hasSize(3);
        for (int split = 1; split < wire.length(); split++) {
            EmbeddedChannel channel = channel(SMALL);
            feed(channel, wire.substring(0, split));
            feed(channel, wire.substring(split));
            assertThat(drain(channel)).as("split at %d", split).isEqualTo(whole);
        }
        assertThat(decodeInPieces(wire, 1)).isEqualTo(whole);
        assertThat(decodeInPieces(wire, 3)).isEqualTo(whole);
    }

    private static List<SmtpReply> decodeInPieces(String wire, int size) {
        EmbeddedChannel channel = channel(SMALL);
        for (int i = 0; i < wire.length(); i += size) {
            feed(channel, wire.substring(i, Math.min(wire.length(), i + size)));
        }
        return drain(channel);
    }

    @Test
    void acceptsABareCodeWithoutText() {
        EmbeddedChannel channel = channel(SMALL);
        feed(channel, "250\r\n");
        assertThat(drain(channel)).containsExactly(new SmtpReply(250, List.of("250")));
    }

    @Test
    void refusesALineLongerThanTheCapEvenWhenItNeverEnds() {
        EmbeddedChannel channel = channel(SMALL);
        feed(channel, "220 " + "x".repeat(40));
        assertThatThrownBy(() -> feed(channel, "y".repeat(40)))
                .isInstanceOfSatisfying(SmtpReplyException.class,
                        e -> assertThat(e.kind()).isEqualTo(SmtpFailure.Kind.LINE_TOO_LONG));
    }

    @Test
    void takesALineOfExactlyTheCap() {
        EmbeddedChannel channel = channel(SMALL);
        String line = "250 " + "x".repeat(64 - 6) + "\r\n";
        feed(channel, line);
        assertThat(drain(channel)).hasSize(1);
    }

    @Test
    void refusesMoreLinesThanTheCapInOneReply() {
        EmbeddedChannel channel = channel(SMALL);
        assertThatThrownBy(() -> feed(channel, "250-x\r\n".repeat(6) + "250 end\r\n"))
                .isInstanceOfSatisfying(SmtpReplyException.class,
                        e -> assertThat(e.kind()).isEqualTo(SmtpFailure.Kind.TOO_MANY_LINES));
    }

    @Test
    void refusesMoreBytesThanTheConnectionCap() {
        EmbeddedChannel channel = channel(new SmtpLimits(64, 100, 100));
        assertThatThrownBy(() -> {
            for (int i = 0; i < 20; i++) {
                feed(channel, "250 fine\r\n");
            }
        }).isInstanceOfSatisfying(SmtpReplyException.class,
                e -> assertThat(e.kind()).isEqualTo(SmtpFailure.Kind.TOO_MANY_BYTES));
    }

    @Test
    void refusesGarbage() {
        EmbeddedChannel channel = channel(SMALL);
        assertThatThrownBy(() -> feed(channel, "\u0016\u0003\u0001 hello\r\n"))
                .isInstanceOfSatisfying(SmtpReplyException.class,
                        e -> assertThat(e.kind()).isEqualTo(SmtpFailure.Kind.MALFORMED_REPLY));
    }

    @Test
    void refusesACodeThatChangesInsideAReply() {
        EmbeddedChannel channel = channel(SMALL);
        assertThatThrownBy(() -> feed(channel, "250-a\r\n220 b\r\n"))
                .isInstanceOfSatisfying(SmtpReplyException.class,
                        e -> assertThat(e.kind()).isEqualTo(SmtpFailure.Kind.MALFORMED_REPLY));
    }

    @Test
    void discardsEverythingAfterTheFirstViolation() {
        EmbeddedChannel channel = channel(SMALL);
        assertThatThrownBy(() -> feed(channel, "hello\r\n")).isInstanceOf(SmtpReplyException.class);
        feed(channel, "220 fine now\r\n");
        assertThat(drain(channel)).isEmpty();
    }

    @Test
    void keepsBytesBehindAReplyBufferedForTheHandlerToSee() {
        SmtpReplyDecoder decoder = new SmtpReplyDecoder(SMALL);
        List<Integer> bufferedWhenSeen = new ArrayList<>();
        EmbeddedChannel channel = new EmbeddedChannel(decoder, new io.netty.channel.ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(io.netty.channel.ChannelHandlerContext ctx, Object msg) {
                bufferedWhenSeen.add(decoder.bufferedBytes());
                decoder.discardRest();
            }
        });
        feed(channel, "220 go\r\nEHLO injected\r\n");
        assertThat(bufferedWhenSeen).containsExactly("EHLO injected\r\n".length());
        feed(channel, "250 later\r\n");
        assertThat(bufferedWhenSeen).hasSize(1);
    }
}
