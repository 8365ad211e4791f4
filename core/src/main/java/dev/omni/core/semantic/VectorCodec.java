package dev.omni.core.semantic;

/**
 * Vectors as stored: one signed byte per dimension, the float vector scaled so that its largest
 * component is ±127. Cosine similarity does not depend on the scale, so none is kept: a 384-dim
 * vector takes 384 bytes (a quarter of floats), and the benchmark in {@code bench/semantic} shows
 * the ranking it gives against full floats.
 */
public final class VectorCodec {
    private VectorCodec() {
    }

    public static byte[] encode(float[] v) {
        float max = 0;
        for (float x : v) {
            max = Math.max(max, Math.abs(x));
        }
        byte[] out = new byte[v.length];
        if (max == 0) {
            return out;
        }
        float k = 127f / max;
        for (int i = 0; i < v.length; i++) {
            out[i] = (byte) Math.round(v[i] * k);
        }
        return out;
    }

    /** Cosine similarity of a unit-length query and a stored vector. */
    public static float cosine(float[] unitQuery, byte[] v) {
        float dot = 0;
        int norm = 0;
        for (int i = 0; i < v.length; i++) {
            dot += unitQuery[i] * v[i];
            norm += v[i] * v[i];
        }
        return norm == 0 ? 0 : (float) (dot / Math.sqrt(norm));
    }

    /** The stored vector back as a unit-length float vector. */
    public static float[] decode(byte[] v) {
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i];
        }
        return normalize(out);
    }

    /** {@code v} scaled to unit length, in place. */
    public static float[] normalize(float[] v) {
        double s = 0;
        for (float x : v) {
            s += x * x;
        }
        float inv = s == 0 ? 0 : (float) (1 / Math.sqrt(s));
        for (int i = 0; i < v.length; i++) {
            v[i] *= inv;
        }
        return v;
    }
}
