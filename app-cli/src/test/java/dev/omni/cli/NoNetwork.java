package dev.omni.cli;

import dev.omni.core.Env;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ProtocolFamily;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.DatagramChannel;
import java.nio.channels.Pipe;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.channels.spi.AbstractSelector;
import java.nio.channels.spi.SelectorProvider;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A JVM in which every way Java has to open a network connection fails and is written to a log
 * file: classic sockets, server sockets and datagram sockets (their factories), and NIO channels,
 * which {@code java.net.http} uses too (this class is the JVM's {@link SelectorProvider}, set with
 * {@code -Djava.nio.channels.spi.SelectorProvider}). {@code main} runs omni commands in it, one
 * after another (separated by {@code ::}); {@code --probe} tries each kind of connection instead, to
 * show that the guard catches them.
 */
public final class NoNetwork extends SelectorProvider {
    private static final SelectorProvider REAL = real();

    private static SelectorProvider real() {
        try {
            return (SelectorProvider) Class.forName("sun.nio.ch.DefaultSelectorProvider").getMethod("get").invoke(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("needs --add-exports java.base/sun.nio.ch=ALL-UNNAMED", e);
        }
    }

    static void record(String what) {
        try {
            Files.writeString(Path.of(System.getProperty("omni.test.netlog")), what + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        new Throwable("network use: " + what).printStackTrace();
    }

    private static IOException refuse(String what) {
        record(what);
        return new IOException("network use refused by the test: " + what);
    }

    @Override
    public DatagramChannel openDatagramChannel() throws IOException {
        throw refuse("DatagramChannel");
    }

    @Override
    public DatagramChannel openDatagramChannel(ProtocolFamily family) throws IOException {
        throw refuse("DatagramChannel");
    }

    @Override
    public SocketChannel openSocketChannel() throws IOException {
        throw refuse("SocketChannel");
    }

    @Override
    public SocketChannel openSocketChannel(ProtocolFamily family) throws IOException {
        throw refuse("SocketChannel");
    }

    @Override
    public ServerSocketChannel openServerSocketChannel() throws IOException {
        throw refuse("ServerSocketChannel");
    }

    @Override
    public ServerSocketChannel openServerSocketChannel(ProtocolFamily family) throws IOException {
        throw refuse("ServerSocketChannel");
    }

    @Override
    public Pipe openPipe() throws IOException {
        return REAL.openPipe();
    }

    @Override
    public AbstractSelector openSelector() throws IOException {
        return REAL.openSelector();
    }

    @SuppressWarnings("deprecation")
    static void install() throws IOException {
        Socket.setSocketImplFactory(() -> {
            record("Socket");
            throw new IllegalStateException("network use refused by the test: Socket");
        });
        ServerSocket.setSocketFactory(() -> {
            record("ServerSocket");
            throw new IllegalStateException("network use refused by the test: ServerSocket");
        });
        DatagramSocket.setDatagramSocketImplFactory(() -> {
            record("DatagramSocket");
            throw new IllegalStateException("network use refused by the test: DatagramSocket");
        });
        if (!(SelectorProvider.provider() instanceof NoNetwork)) {
            throw new IllegalStateException("start the JVM with -Djava.nio.channels.spi.SelectorProvider=" + NoNetwork.class.getName());
        }
    }

    public static void main(String[] args) throws Exception {
        install();
        if (args.length > 0 && args[0].equals("--probe")) {
            probe();
            System.exit(0);
        }
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        List<String> cmd = new ArrayList<>();
        List<String> all = new ArrayList<>(Arrays.asList(args));
        all.add("::");
        for (String a : all) {
            if (!a.equals("::")) {
                cmd.add(a);
                continue;
            }
            out.println("$ omni " + String.join(" ", cmd));
            int code = Main.run(Env.system(), out, err, new ByteArrayInputStream(new byte[0]), false, cmd.toArray(String[]::new));
            if (code != 0) {
                System.exit(code);
            }
            cmd.clear();
        }
        System.exit(0);
    }

    /** Tries every kind of connection; each must be refused and logged. */
    static void probe() {
        attempt(() -> {
            new Socket().connect(new InetSocketAddress("127.0.0.1", 9));
            return null;
        });
        attempt(() -> SocketChannel.open(new InetSocketAddress("127.0.0.1", 9)));
        attempt(DatagramSocket::new);
        attempt(() -> HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:9/"))
                .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding()));
        attempt(() -> {
            new URI("http://127.0.0.1:9/").toURL().openConnection().connect();
            return null;
        });
    }

    @FunctionalInterface
    interface Attempt {
        Object run() throws Exception;
    }

    static void attempt(Attempt a) {
        try {
            a.run();
        } catch (Exception | Error e) {
            // refused, as it should be: the log says what was tried
        }
    }
}
