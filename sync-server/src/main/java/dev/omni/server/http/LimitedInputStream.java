package dev.omni.server.http;

import dev.omni.server.ErrorCode;
import dev.omni.server.ServerException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Fails with 413 as soon as more than {@code limit} bytes were read: bodies are never trusted to be short. */
final class LimitedInputStream extends FilterInputStream {
    private final long limit;
    private long count;

    LimitedInputStream(InputStream in, long limit) {
        super(in);
        this.limit = limit;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            add(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
        int n = super.read(buf, off, len);
        if (n > 0) {
            add(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long s = super.skip(n);
        if (s > 0) {
            add(s);
        }
        return s;
    }

    private void add(long n) {
        count += n;
        if (count > limit) {
            throw new ServerException(ErrorCode.TOO_LARGE, "the request body is larger than the limit of " + limit + " bytes");
        }
    }

    long count() {
        return count;
    }
}
