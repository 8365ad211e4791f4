package dev.omni.sync.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.omni.core.OmniException;
import dev.omni.core.util.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/**
 * Tokens in {@code <config>/credentials.json}, created with mode 0600 (only the user can read it),
 * written to a temp file (also 0600) and renamed.
 */
public final class FileTokenStore implements TokenStore {
    private final Path file;

    public FileTokenStore(Path configDir) {
        this.file = configDir.resolve("credentials.json");
    }

    @Override
    public synchronized void save(String server, String token) {
        ObjectNode all = read();
        all.put(server, token);
        write(all);
    }

    @Override
    public synchronized Optional<String> load(String server) {
        JsonNode t = read().get(server);
        return t == null || !t.isTextual() ? Optional.empty() : Optional.of(t.asText());
    }

    @Override
    public synchronized void delete(String server) {
        ObjectNode all = read();
        if (all.remove(server) != null) {
            write(all);
        }
    }

    @Override
    public String where() {
        return file.toString();
    }

    @Override
    public String kind() {
        return "file";
    }

    public Path file() {
        return file;
    }

    private ObjectNode read() {
        if (!Files.exists(file)) {
            return Json.mapper().createObjectNode();
        }
        try {
            JsonNode n = Json.mapper().readTree(Files.readAllBytes(file));
            return n instanceof ObjectNode o ? o : Json.mapper().createObjectNode();
        } catch (IOException e) {
            throw new OmniException(OmniException.Kind.IO, "cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private void write(ObjectNode all) {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.deleteIfExists(tmp);
            try {
                Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException e) {
                Files.createFile(tmp);
            }
            Files.writeString(tmp, Json.write(all), StandardCharsets.UTF_8);
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new OmniException(OmniException.Kind.IO, "cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
