// Validates every object in the given multi-document YAML files against the Kubernetes API
// schema of its kind: the validators kubernetes-models generates from the Kubernetes OpenAPI
// document (types, required fields, enums, formats). Unknown fields are left to the fabric8
// strict check (RenderedManifestsTest), as these schemas allow additional properties.
//   node hack/validate-k8s-schema.mjs FILE...
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import path from "node:path";

const tools = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../.build/node-tools/");
const require = createRequire(tools + "/");
const { parseAllDocuments } = await import(pathToFileURL(require.resolve("yaml")).href);

async function modelFor(apiVersion, kind) {
  const [group, version] = apiVersion.includes("/") ? apiVersion.split("/") : ["", apiVersion];
  const dir = group === "monitoring.coreos.com"
    ? `@kubernetes-models/prometheus-operator/${group}/${version}`
    : `kubernetes-models/${group === "" ? "" : group + "/"}${version}`;
  // The packages export ES modules only; import the model's file directly.
  const file = path.join(tools, "node_modules", dir, `${kind}.js`);
  return existsSync(file) ? (await import(pathToFileURL(file).href))[kind] : undefined;
}

let objects = 0;
const problems = [];
for (const file of process.argv.slice(2)) {
  for (const document of parseAllDocuments(readFileSync(file, "utf8"))) {
    if (document.errors.length) {
      problems.push(`${file}: YAML: ${document.errors.map((e) => e.message).join("; ")}`);
      continue;
    }
    const object = document.toJS();
    if (object === null || object === undefined) continue;
    const where = `${file}: ${object.kind} ${object.metadata?.namespace ?? ""}/${object.metadata?.name}`;
    const Model = object.apiVersion && object.kind ? await modelFor(object.apiVersion, object.kind) : undefined;
    if (!Model) {
      problems.push(`${where}: no schema for ${object.apiVersion} ${object.kind}`);
      continue;
    }
    try {
      new Model(object).validate();
      objects++;
    } catch (e) {
      problems.push(`${where}: ${e.message}`);
    }
  }
}
for (const problem of problems) console.error(problem);
console.log(`${objects} objects valid against the Kubernetes API schemas, ${problems.length} problems`);
process.exit(problems.length ? 1 : 0);
