package dev.omni.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.omni.core.util.Json;
import java.io.PrintWriter;
import picocli.CommandLine.Option;

/** The {@code --json} option of commands that read, and how they print JSON. */
public final class JsonOption {
    @Option(names = "--json", description = "Print machine-readable JSON.")
    public boolean json;

    public static void print(PrintWriter out, Object value) {
        try {
            out.println(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot print JSON", e);
        }
    }
}
