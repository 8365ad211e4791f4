package dev.omni.cli;

import dev.omni.core.Env;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;

/** One run of the real {@code omni} command line, in-process: its exit code and what it printed. */
record CliRun(int code, String out, String err) {
    static CliRun run(Env env, String... args) {
        return run(env, InputStream.nullInputStream(), args);
    }

    static CliRun withInput(Env env, String input, String... args) {
        return run(env, new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), args);
    }

    private static CliRun run(Env env, InputStream in, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(env, new PrintWriter(out), new PrintWriter(err), in, false, args);
        return new CliRun(code, out.toString(), err.toString());
    }

    /** Fails with what was printed when the exit code is not {@code expected}. */
    CliRun expect(int expected) {
        if (code != expected) {
            throw new AssertionError("exit " + code + ", expected " + expected + "\n--- out:\n" + out + "\n--- err:\n" + err);
        }
        return this;
    }

    CliRun ok() {
        return expect(ExitCodes.OK);
    }
}
