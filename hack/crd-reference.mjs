// Writes docs/reference.md, the field reference of Event and JobRun, from the committed CRDs
// (whose descriptions come from the Java model), so that it never drifts from them.
//   node hack/crd-reference.mjs > docs/reference.md      (make reference)
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const require = createRequire(path.join(root, ".build/node-tools/"));
const { parse } = require("yaml");

const lines = [
  "# Event and JobRun reference",
  "",
  "Generated from `crds/` by `make reference` (hack/crd-reference.mjs); `make chart-check` fails",
  "when it is out of date. Group `cronium.io`, version `v1alpha1`, both namespaced. `kubectl explain`",
  "shows the same text on a cluster.",
];
for (const file of ["events.cronium.io-v1.yml", "jobruns.cronium.io-v1.yml"]) {
  const crd = parse(readFileSync(path.join(root, "crds", file), "utf8"));
  const names = crd.spec.names;
  const version = crd.spec.versions[0];
  lines.push("", `## ${names.kind}`, "",
    `\`kubectl get ${names.plural}.${crd.spec.group}\` — short names ${(names.shortNames ?? []).map((n) => "`" + n + "`").join(", ")}, ` +
    `category ${(names.categories ?? []).map((n) => "`" + n + "`").join(", ")}.`);
  const rules = [];
  const rows = [];
  const walk = (schema, prefix) => {
    for (const rule of schema["x-kubernetes-validations"] ?? []) rules.push(`\`${prefix || "."}\`: ${rule.message ?? rule.rule}`);
    for (const [name, child] of Object.entries(schema.properties ?? {})) {
      if (prefix === "" && ["apiVersion", "kind", "metadata"].includes(name)) continue;
      const field = prefix ? `${prefix}.${name}` : name;
      const type = child.type ?? (child["x-kubernetes-int-or-string"] ? "int or string" : "any JSON");
      const limits = [
        child.enum ? `one of ${child.enum.map((v) => "`" + v + "`").join(", ")}` : "",
        child.minimum !== undefined ? `min ${child.minimum}` : "",
        child.maximum !== undefined ? `max ${child.maximum}` : "",
        child.pattern ? `pattern \`${child.pattern}\`` : "",
        (schema.required ?? []).includes(name) ? "required" : "",
      ].filter(Boolean).join("; ");
      // This page lives in docs/: a description's "docs/x.md" becomes a link to its neighbour.
      const description = (child.description ?? "").replace(/\s+/g, " ").replace(/\|/g, "\\|")
        .replace(/docs\/([a-z-]+\.md)/g, "[$1]($1)");
      rows.push(`| \`${field}\` | ${type}${child.type === "array" && child.items?.type ? " of " + child.items.type : ""} | ${[description, limits].filter(Boolean).join(" ")} |`);
      walk(child, field);
      if (child.type === "array" && child.items) walk(child.items, `${field}[]`);
    }
  };
  walk(version.schema.openAPIV3Schema, "");
  lines.push("", "| field | type | meaning |", "|---|---|---|", ...rows);
  if (rules.length) lines.push("", "Validation rules (checked by the API server):", "", ...rules.map((r) => `- ${r}`));
}
console.log(lines.join("\n"));
