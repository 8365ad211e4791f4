package dev.omni.server.http;

import com.github.luben.zstd.ZstdIOException;
import com.github.luben.zstd.ZstdInputStreamNoFinalizer;
import dev.omni.server.ServerException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** A request body sent with {@code Content-Encoding: zstd}: decoded as it is read; corrupt input is a 400. */
final class ZstdBody extends FilterInputStream {
    private ZstdBody(InputStream in) {
        super(in);
    }

    static InputStream open(InputStream raw) {
        try {
            return new ZstdBody(new ZstdInputStreamNoFinalizer(raw));
        } catch (IOException e) {
            throw corrupt(e);
        }
    }

    @Override
    public int read() throws IOException {
        try {
            return super.read();
        } catch (ZstdIOException e) {
            throw corrupt(e);
        }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        try {
            return super.read(b, off, len);
        } catch (ZstdIOException e) {
            throw corrupt(e);
        }
    }

    private static ServerException corrupt(IOException e) {
        return ServerException.badRequest("the zstd-encoded request body could not be decoded: " + e.getMessage());
    }
}
