package dev.omni.wire;

/** {@code PUT /v1/projects/{id}}: create or update a project. */
public record ProjectRequest(String name, String mainWorkspaceId) {
}
