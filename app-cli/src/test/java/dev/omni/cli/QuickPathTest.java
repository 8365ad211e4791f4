package dev.omni.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.omni.core.Env;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Field;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/** status and snapshot bypass picocli; where they do, they must end up exactly as picocli would set them. */
class QuickPathTest {
    @ParameterizedTest
    @ValueSource(strings = {
        "status", "status -q", "-q status", "status --json", "status --exit-code --json -v", "--home /tmp/h status",
        "status --home=/tmp/h", "snapshot", "snapshot -m hello", "snapshot --message hello --allow-empty",
        "snapshot --message=a=b --json", "-q snapshot -m x --home h", "snapshot -m \"\"", "--quiet --verbose snapshot"})
    void plainFormsParseAsPicocliParsesThem(String line) throws Exception {
        String[] args = split(line);
        QuickPath.Parsed quick = QuickPath.parse(args);
        assertThat(quick).as(line).isNotNull();
        Context ctx = context();
        CommandLine cl = Main.commandLine(ctx, null);
        CommandLine.ParseResult pr = cl.parseArgs(args);
        Object picocli = pr.subcommand().commandSpec().userObject();
        assertThat(picocli.getClass()).isEqualTo(quick.command().getClass());
        assertThat(fields(quick.command())).as(line).isEqualTo(fields(picocli));
        assertThat(quick.home()).isEqualTo(ctx.home());
        assertThat(quick.quiet()).isEqualTo(ctx.quiet());
        assertThat(quick.verbose()).isEqualTo(ctx.verbose());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "status --help", "status -h", "snapshot -m", "snapshot -m -q", "status -m x", "status --allow-empty",
        "snapshot --exit-code", "status -q -q", "status --json=true", "status extra", "status -qv", "log",
        "status --unknown", "snapshot -mx", "--version", "", "help status", "status status"})
    void everythingElseGoesToPicocli(String line) {
        assertThat(QuickPath.parse(split(line))).as(line).isNull();
    }

    private static String[] split(String line) {
        if (line.isEmpty()) {
            return new String[0];
        }
        String[] a = line.split(" ");
        for (int i = 0; i < a.length; i++) {
            a[i] = a[i].equals("\"\"") ? "" : a[i];
        }
        return a;
    }

    private static Context context() {
        PrintWriter w = new PrintWriter(new StringWriter());
        return new Context(Env.system(), w, w, InputStream.nullInputStream(), false);
    }

    /** The command's own option fields (and its --json mixin's), by name. */
    private static Map<String, Object> fields(Object cmd) throws IllegalAccessException {
        Map<String, Object> m = new LinkedHashMap<>();
        for (Field f : cmd.getClass().getDeclaredFields()) {
            if (java.lang.reflect.Modifier.isStatic(f.getModifiers())) {
                continue;
            }
            f.setAccessible(true);
            Object v = f.get(cmd);
            m.put(f.getName(), v instanceof JsonOption j ? "json=" + j.json : v);
        }
        return m;
    }
}
