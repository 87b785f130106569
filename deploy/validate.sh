#!/usr/bin/env bash
# Validates every manifest in deploy/kubernetes against the Kubernetes API schemas (v1.34 API, from the
# kubernetes-models package of the npm registry): field types, enums, required fields, and (through the TypeScript
# compiler and the package's type definitions) unknown or misspelt field names, which the JSON schemas alone allow.
# Needs Node.js and npm (the packages declare Node 22+; checked working on 20); installs pinned packages into target/manifest-validator (git-ignored).
# The build's own check (KubernetesManifestsTests) covers the app-specific rules; this one covers the API shape.
set -euo pipefail
cd "$(dirname "$0")/.."

tool_dir=target/manifest-validator
mkdir -p "$tool_dir"
if [ ! -f "$tool_dir/node_modules/kubernetes-models/package.json" ] || [ ! -f "$tool_dir/node_modules/typescript/package.json" ]; then
	(cd "$tool_dir" && printf '{"private":true,"type":"module"}\n' > package.json \
		&& npm install --silent --no-audit --no-fund --no-save --engine-strict=false \
			kubernetes-models@5.1.0 yaml@2.9.1 typescript@5.9.3 >/dev/null)
fi

cat > "$tool_dir/validate.mjs" <<'JS'
import { readFileSync, readdirSync, writeFileSync, existsSync } from "node:fs";
import { join, basename } from "node:path";
import { execFileSync } from "node:child_process";
import { parseAllDocuments } from "yaml";

const dir = process.argv[2];
const toolDir = process.argv[3];
let failures = 0;
const typed = [];

for (const file of readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort()) {
	const docs = parseAllDocuments(readFileSync(join(dir, file), "utf8"));
	for (const doc of docs) {
		if (doc.errors.length) {
			console.log(`FAIL ${file}: ${doc.errors.map((e) => e.message).join("; ")}`);
			failures++;
			continue;
		}
		const object = doc.toJS();
		if (object == null) continue;
		const { apiVersion, kind } = object;
		if (kind === "Kustomization") {
			for (const resource of object.resources ?? []) {
				if (!existsSync(join(dir, resource))) {
					console.log(`FAIL ${file}: resource ${resource} does not exist`);
					failures++;
				}
			}
			console.log(`ok   ${file}: ${kind} (resources exist)`);
			continue;
		}
		const group = apiVersion.includes("/") ? apiVersion : `v1`;
		const module = `kubernetes-models/${group}/${kind}`;
		let Model;
		try {
			Model = (await import(module))[kind];
		}
		catch (e) {
			console.log(`FAIL ${file}: no schema for ${apiVersion} ${kind}`);
			failures++;
			continue;
		}
		try {
			new Model(object).validate();
			console.log(`ok   ${file}: ${apiVersion} ${kind} ${object.metadata?.name} (schema)`);
		}
		catch (e) {
			console.log(`FAIL ${file}: ${apiVersion} ${kind}: ${e.message}`);
			failures++;
		}
		typed.push({ file, module, kind, object });
	}
}

// Unknown fields: the API schemas allow extra properties, the type definitions do not (excess property check).
const source = typed.map((t, i) => `import type { I${t.kind} as T${i} } from "${t.module}";\n`
	+ `// ${t.file}\nexport const o${i}: T${i} = ${JSON.stringify(t.object, null, 1)};\n`).join("\n");
writeFileSync(join(toolDir, "manifests.ts"), source);
try {
	execFileSync(process.execPath, [join(toolDir, "node_modules/typescript/bin/tsc"), "--noEmit", "--strict",
		"--module", "nodenext", "--moduleResolution", "nodenext", "--target", "es2022", "--skipLibCheck",
		join(toolDir, "manifests.ts")], { stdio: "pipe" });
	console.log(`ok   ${typed.length} objects: no unknown fields (types)`);
}
catch (e) {
	console.log(`FAIL unknown or mistyped fields:\n${e.stdout}`);
	failures++;
}
if (failures) {
	console.log(`${failures} manifest problem(s)`);
	process.exit(1);
}
JS

node "$tool_dir/validate.mjs" deploy/kubernetes "$tool_dir"
