package dev.omni.cli;

import dev.omni.core.search.SearchMode;
import dev.omni.core.search.SearchResult;
import picocli.CommandLine.Option;

/**
 * The {@code --mode} option of the searches, and the note they print when the semantic index does
 * not cover what was searched.
 */
public final class ModeOption {
    @Option(names = "--mode", paramLabel = "MODE", description = "text (words, BM25), semantic (meaning, the local embedding model)"
            + " or hybrid (both, fused); default: hybrid where the semantic index covers what is searched, else text.")
    public String mode;

    public SearchMode mode() {
        return SearchMode.parse(mode);
    }

    /** One line on standard error when part of the scope is not indexed (and what a search fell back to). */
    public static void note(Context ctx, SearchResult<?> r) {
        if (ctx.quiet() || r.notIndexed() == 0) {
            return;
        }
        String what = r.notIndexed() + (r.notIndexed() == 1 ? " memory item or message" : " memory items and messages");
        String fix = "run 'omni index' (or let the daemon do it)";
        if (r.staleModel()) {
            ctx.err().println("note: the semantic index was made with another embedding model and must be made again (" + what
                    + " to embed); " + (r.chosen() ? "searched by text only; " : "") + fix);
        } else if (r.chosen()) {
            ctx.err().println("note: " + what + " here are not in the semantic index yet, so this searched by text only; " + fix);
        } else {
            ctx.err().println("note: " + what + " here are not in the semantic index yet; only " + (r.mode() == SearchMode.HYBRID
                    ? "full-text search finds them" : "text mode finds them") + "; " + fix);
        }
        ctx.err().flush();
    }
}
