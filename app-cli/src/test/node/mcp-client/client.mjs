// Drives omni's MCP server with the official TypeScript SDK client, for McpTypeScriptClientTest.
// Usage: node client.mjs PLAN.json  (PLAN: {command, args, cwd, env, calls: [{name, arguments}]})
// Prints one JSON report on standard output: the server's info, its tools with their input schemas,
// each call's result, the resources, and the context resource's text.
import { readFileSync } from "node:fs";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";

const plan = JSON.parse(readFileSync(process.argv[2], "utf8"));
const transport = new StdioClientTransport({
  command: plan.command,
  args: plan.args,
  cwd: plan.cwd,
  env: plan.env,
  stderr: "pipe",
});
let stderr = "";
transport.stderr?.on("data", (d) => { stderr += d; });
const client = new Client({ name: "omni-ts-test", version: "1.0.0" });
await client.connect(transport);

const report = { server: client.getServerVersion(), tools: [], results: [], resources: [], templates: [] };
const listed = await client.listTools();
for (const t of listed.tools) {
  report.tools.push({ name: t.name, inputSchema: t.inputSchema, annotations: t.annotations ?? null });
}
for (const call of plan.calls) {
  try {
    const r = await client.callTool({ name: call.name, arguments: call.arguments });
    report.results.push({ name: call.name, isError: r.isError ?? false, text: r.content?.map((c) => c.text).join("\n"),
      structuredContent: r.structuredContent ?? null });
  } catch (e) {
    report.results.push({ name: call.name, protocolError: String(e.message ?? e) });
  }
}
report.resources = (await client.listResources()).resources.map((r) => r.uri);
report.templates = (await client.listResourceTemplates()).resourceTemplates.map((t) => t.uriTemplate);
const ctx = await client.readResource({ uri: "omni://context" });
report.context = ctx.contents[0].text;
if (plan.memoryId) {
  const item = await client.readResource({ uri: "omni://memory/" + plan.memoryId });
  report.memoryItem = JSON.parse(item.contents[0].text);
}
await client.close();
report.stderr = stderr;
process.stdout.write(JSON.stringify(report));
