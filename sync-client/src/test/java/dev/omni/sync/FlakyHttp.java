package dev.omni.sync;

import java.io.IOException;
import java.net.Authenticator;
import java.net.ConnectException;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.function.Predicate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * A real HTTP client with a network that fails on request: requests that {@link #refuse} names are
 * refused before they leave (as a server that is down), and requests that {@link #loseAnswer}
 * names reach the server and are done there, but their answer is lost on the way back. Every
 * request that reached the server is recorded, so a test knows what arrived.
 */
final class FlakyHttp extends HttpClient {
    private final HttpClient real = HttpClient.newBuilder().version(Version.HTTP_1_1).build();
    private volatile Predicate<HttpRequest> refuse = r -> false;
    private volatile Predicate<HttpRequest> loseAnswer = r -> false;
    private final List<String> delivered = new CopyOnWriteArrayList<>();

    /** Refuses the requests {@code which} matches from now on. */
    FlakyHttp refuse(Predicate<HttpRequest> which) {
        this.refuse = which;
        return this;
    }

    /** Loses the answers of the requests {@code which} matches from now on (the server did the work). */
    FlakyHttp loseAnswer(Predicate<HttpRequest> which) {
        this.loseAnswer = which;
        return this;
    }

    /**
     * Lets the first request {@code which} matches through and refuses the later ones, each only once
     * the first has been answered: of requests sent in parallel, exactly one arrives.
     */
    FlakyHttp refuseAllButFirst(Predicate<HttpRequest> which) {
        java.util.concurrent.atomic.AtomicBoolean first = new java.util.concurrent.atomic.AtomicBoolean(true);
        java.util.concurrent.CountDownLatch firstDone = new java.util.concurrent.CountDownLatch(1);
        this.gate = r -> {
            if (!which.test(r)) {
                return Gate.PASS;
            }
            return first.compareAndSet(true, false) ? Gate.PASS_THEN_RELEASE : Gate.WAIT_THEN_REFUSE;
        };
        this.firstDone = firstDone;
        return this;
    }

    private enum Gate { PASS, PASS_THEN_RELEASE, WAIT_THEN_REFUSE }

    private volatile java.util.function.Function<HttpRequest, Gate> gate = r -> Gate.PASS;
    private volatile java.util.concurrent.CountDownLatch firstDone = new java.util.concurrent.CountDownLatch(0);

    /** The network works again. */
    FlakyHttp heal() {
        refuse = r -> false;
        loseAnswer = r -> false;
        gate = r -> Gate.PASS;
        return this;
    }

    /** "METHOD /path" of every request the server received, in order. */
    List<String> delivered() {
        return List.copyOf(delivered);
    }

    static Predicate<HttpRequest> is(String method, String pathPart) {
        return r -> r.method().equals(method) && r.uri().getPath().contains(pathPart);
    }

    @Override
    public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) throws IOException, InterruptedException {
        if (refuse.test(request)) {
            throw new ConnectException("connection refused (test network)");
        }
        Gate g = gate.apply(request);
        if (g == Gate.WAIT_THEN_REFUSE) {
            firstDone.await();
            throw new ConnectException("connection refused (test network)");
        }
        HttpResponse<T> r;
        try {
            r = real.send(request, handler);
            delivered.add(request.method() + " " + request.uri().getPath());
        } finally {
            if (g == Gate.PASS_THEN_RELEASE) {
                firstDone.countDown();
            }
        }
        if (loseAnswer.test(request)) {
            throw new IOException("connection reset before the answer arrived (test network)");
        }
        return r;
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        throw new UnsupportedOperationException("the client sends synchronously");
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler,
                                                            HttpResponse.PushPromiseHandler<T> push) {
        throw new UnsupportedOperationException("the client sends synchronously");
    }

    @Override
    public Optional<CookieHandler> cookieHandler() {
        return real.cookieHandler();
    }

    @Override
    public Optional<Duration> connectTimeout() {
        return real.connectTimeout();
    }

    @Override
    public Redirect followRedirects() {
        return real.followRedirects();
    }

    @Override
    public Optional<ProxySelector> proxy() {
        return real.proxy();
    }

    @Override
    public SSLContext sslContext() {
        return real.sslContext();
    }

    @Override
    public SSLParameters sslParameters() {
        return real.sslParameters();
    }

    @Override
    public Optional<Authenticator> authenticator() {
        return real.authenticator();
    }

    @Override
    public Version version() {
        return real.version();
    }

    @Override
    public Optional<Executor> executor() {
        return real.executor();
    }
}
