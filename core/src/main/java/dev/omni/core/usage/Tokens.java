package dev.omni.core.usage;

/**
 * Tokens of one or more API responses: input not read from the cache, output, input read from the
 * cache, and input written to it (Claude Code's cache creation). Codex counts cached input inside
 * its input; here it is moved to {@code cacheRead}, so that the four never overlap.
 */
public record Tokens(long input, long output, long cacheRead, long cacheWrite) {
    public static final Tokens ZERO = new Tokens(0, 0, 0, 0);

    public Tokens plus(Tokens o) {
        return new Tokens(input + o.input, output + o.output, cacheRead + o.cacheRead, cacheWrite + o.cacheWrite);
    }

    public long total() {
        return input + output + cacheRead + cacheWrite;
    }
}
