package dev.omni.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class BatchFormatTest {
    private static final HexFormat HEX = HexFormat.of();

    private static byte[] sha256(byte[] data) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(data);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aBatchOfHelloIsTheExampleOfTheSpecificationByteForByte() throws Exception {
        byte[] body = BatchFormat.encode(List.of(sha256(bytes("hello"))), List.of(bytes("hello")));
        assertThat(HEX.formatHex(body)).isEqualTo("4f4d4e4942415431" + "00000001"
                + "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824" + "00000005" + "68656c6c6f");
        assertThat(body).hasSize(53);
    }

    @Test
    void whatTheClientEncodesTheServerDecodesFrameByFrame() throws Exception {
        List<byte[]> data = List.of(bytes("hello"), new byte[0], new byte[] {0, (byte) 0xff, 10}, bytes("hello"), new byte[70_000]);
        List<byte[]> ids = data.stream().map(d -> {
            try {
                return sha256(d);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toList();
        byte[] body = BatchFormat.encode(ids, data);

        // The server's way: the header, then each frame's header and its bytes from the stream.
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(body));
        long count = BatchFormat.readHeader(in);
        assertThat(count).isEqualTo(data.size());
        for (int i = 0; i < count; i++) {
            BatchFormat.Frame f = BatchFormat.readFrame(in, i, count);
            assertThat(f.id()).isEqualTo(ids.get(i));
            assertThat(f.length()).isEqualTo(data.get(i).length);
            byte[] read = new byte[(int) f.length()];
            in.readFully(read);
            assertThat(read).isEqualTo(data.get(i));
        }
        BatchFormat.requireEnd(in);

        List<BatchFormat.Entry> decoded = BatchFormat.decode(body);
        assertThat(decoded).hasSize(data.size());
        for (int i = 0; i < data.size(); i++) {
            assertThat(decoded.get(i).id()).isEqualTo(ids.get(i));
            assertThat(decoded.get(i).data()).isEqualTo(data.get(i));
        }
    }

    @Test
    void streamingAndInMemoryEncodingWriteTheSameBytes() throws Exception {
        List<byte[]> data = List.of(bytes("a"), bytes("bb"), bytes("ccc"));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        BatchFormat.writeHeader(out, data.size());
        for (byte[] d : data) {
            BatchFormat.writeFrame(out, sha256(d), d);
        }
        out.flush();
        assertThat(bytes.toByteArray()).isEqualTo(BatchFormat.encode(List.of(sha256(data.get(0)), sha256(data.get(1)),
                sha256(data.get(2))), data));
        assertThat(BatchFormat.decode(BatchFormat.encode(List.of(), List.of()))).isEmpty();
    }

    static Stream<Arguments> malformed() throws Exception {
        byte[] a = bytes("first");
        byte[] b = bytes("second");
        byte[] whole = BatchFormat.encode(List.of(sha256(a), sha256(b)), List.of(a, b));
        byte[] wrongMagic = whole.clone();
        wrongMagic[7] = '2';
        byte[] countTooHigh = whole.clone();
        countTooHigh[11] = 3;
        return Stream.of(
                Arguments.of("empty", new byte[0], "the batch is shorter than its header"),
                Arguments.of("half a magic", Arrays.copyOf(whole, 4), "the batch is shorter than its header"),
                Arguments.of("another magic", wrongMagic, "not an omni batch: it must start with OMNIBAT1"),
                Arguments.of("no count", Arrays.copyOf(whole, 10), "the batch ended inside the object count"),
                Arguments.of("cut inside a frame header", Arrays.copyOf(whole, whole.length - b.length - 10),
                        "the batch ended inside object 2 of 2"),
                Arguments.of("cut inside the data", Arrays.copyOf(whole, whole.length - 1), "the batch ended inside object 2 of 2"),
                Arguments.of("fewer frames than counted", countTooHigh, "the batch ended inside object 3 of 3"),
                Arguments.of("bytes after the last frame", Arrays.copyOf(whole, whole.length + 1),
                        "the batch has bytes after its last object"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void malformedBatchesAreRefusedWithAMessageThatSaysWhy(String what, byte[] body, String message) {
        assertThatThrownBy(() -> BatchFormat.decode(body)).isInstanceOf(MalformedBatchException.class)
                .hasMessageStartingWith(message);
    }

    @Test
    void anIdThatIsNotThirtyTwoBytesOrAMissingObjectIsRefusedWhenEncoding() {
        assertThatThrownBy(() -> BatchFormat.encode(List.of(new byte[31]), List.of(new byte[0])))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("32 bytes, not 31");
        assertThatThrownBy(() -> BatchFormat.encode(List.of(new byte[32], new byte[32]), List.of(new byte[0])))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 ids for 1 objects");
    }

    @Test
    void theMagicCannotBeChangedFromOutside() {
        byte[] m = BatchFormat.magic();
        m[0] = 'X';
        assertThat(new String(BatchFormat.magic(), StandardCharsets.US_ASCII)).isEqualTo("OMNIBAT1");
    }
}
