package dev.omni.wire;

import java.util.List;

/** {@code GET /v1/projects}: the user's projects. */
public record ProjectList(List<ProjectView> projects) {
}
