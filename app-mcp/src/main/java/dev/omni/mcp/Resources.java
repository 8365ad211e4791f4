package dev.omni.mcp;

import dev.omni.core.Omni;
import dev.omni.core.OmniException;
import dev.omni.core.memory.ContextDigest;
import dev.omni.core.memory.MemoryCodec;
import dev.omni.core.memory.MemoryItem;
import dev.omni.core.memory.MemoryService;
import dev.omni.core.util.Json;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;

/** The MCP resources: the context digest ({@code omni://context}) and each memory item ({@code omni://memory/{id}}). */
final class Resources {
    static final String CONTEXT = "omni://context";
    static final String MEMORY = "omni://memory/";

    private final Omni omni;
    private final Scope scope;

    Resources(Omni omni, Scope scope) {
        this.omni = omni;
        this.scope = scope;
    }

    McpServerFeatures.SyncResourceSpecification context() {
        McpSchema.Resource r = McpSchema.Resource.builder().uri(CONTEXT).name("context").title("Project context digest")
                .description("The project's memory as Markdown: decisions with rationale, preferences, facts, open next steps.")
                .mimeType("text/markdown").build();
        return new McpServerFeatures.SyncResourceSpecification(r, (exchange, req) -> {
            String digest = new ContextDigest(omni).build(scope.projectId(), scope.project() == null ? "omni" : scope.project().name(), 8000);
            return new McpSchema.ReadResourceResult(List.of(new McpSchema.TextResourceContents(CONTEXT, "text/markdown", digest)));
        });
    }

    McpServerFeatures.SyncResourceTemplateSpecification memoryItem() {
        McpSchema.ResourceTemplate t = McpSchema.ResourceTemplate.builder(MEMORY + "{id}", "memory-item").title("A memory item")
                .description("One memory item by id (as memory_search returns them), as JSON.").mimeType("application/json").build();
        return new McpServerFeatures.SyncResourceTemplateSpecification(t, (exchange, req) -> {
            String id = req.uri().substring(MEMORY.length());
            try {
                MemoryItem m = new MemoryService(omni).read(id);
                return new McpSchema.ReadResourceResult(List.of(new McpSchema.TextResourceContents(req.uri(), "application/json",
                        Json.write(MemoryCodec.toMap(m, false)))));
            } catch (OmniException e) {
                throw McpError.builder(McpSchema.ErrorCodes.RESOURCE_NOT_FOUND).message(e.getMessage()).build();
            }
        });
    }
}
