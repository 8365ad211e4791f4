package dev.omni.wire;

import java.util.List;

/** Which of the asked ids the user does not have. */
public record MissingResponse(List<String> missing) {
}
