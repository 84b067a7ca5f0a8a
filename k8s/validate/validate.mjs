#!/usr/bin/env node
// Schema check of rendered manifests, offline once `npm ci` has run.
//
//   kubectl kustomize k8s/overlays/eu-west-1 | node k8s/validate/validate.mjs
//
// Reads a multi-document YAML stream on stdin (kustomize output), builds the kubernetes-models class of every
// object from its apiVersion and kind, and calls its validate() (JSON Schema of the Kubernetes OpenAPI spec, or of
// the prometheus-operator CRDs for ServiceMonitor and PrometheusRule). An object whose kind has no model here is an
// error, so a new kind cannot slip through unchecked: add its module to MODELS.
//
// Limits: the schemas check types, required fields, enums and formats; they do not reject unknown field names
// (a misspelt optional field passes). KubernetesManifestsTest asserts the fields that matter by value.
//
// Pinned to kubernetes-models 4.5.1 and @kubernetes-models/prometheus-operator 4.4.4: the 5.x/6.x lines require
// Node 22 and the build machines have Node 20.
//
// Exit status: 0 when every object is valid, 1 otherwise (or when the input holds no object).

import { parseAllDocuments } from "yaml";
import * as coreV1 from "kubernetes-models/v1";
import * as appsV1 from "kubernetes-models/apps/v1";
import * as autoscalingV2 from "kubernetes-models/autoscaling/v2";
import * as policyV1 from "kubernetes-models/policy/v1";
import * as networkingV1 from "kubernetes-models/networking.k8s.io/v1";
import * as rbacV1 from "kubernetes-models/rbac.authorization.k8s.io/v1";
import * as monitoringV1 from "@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1";

const MODELS = new Map([
  ["v1", coreV1],
  ["apps/v1", appsV1],
  ["autoscaling/v2", autoscalingV2],
  ["policy/v1", policyV1],
  ["networking.k8s.io/v1", networkingV1],
  ["rbac.authorization.k8s.io/v1", rbacV1],
  ["monitoring.coreos.com/v1", monitoringV1],
]);

async function readStdin() {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  return Buffer.concat(chunks).toString("utf8");
}

function describe(obj) {
  const ns = obj?.metadata?.namespace ? `${obj.metadata.namespace}/` : "";
  return `${obj?.apiVersion ?? "?"} ${obj?.kind ?? "?"} ${ns}${obj?.metadata?.name ?? "?"}`;
}

/** Returns the problems of one object: an empty list when it is valid. */
export function problemsOf(obj) {
  if (obj === null || typeof obj !== "object" || Array.isArray(obj)) return ["not a mapping"];
  const missing = ["apiVersion", "kind"].filter((k) => typeof obj[k] !== "string" || obj[k] === "");
  if (typeof obj.metadata?.name !== "string" || obj.metadata.name === "") missing.push("metadata.name");
  if (missing.length > 0) return missing.map((k) => `missing ${k}`);
  const group = MODELS.get(obj.apiVersion);
  const Model = group?.[obj.kind];
  if (typeof Model !== "function") return [`no schema for ${obj.apiVersion} ${obj.kind} (add it to MODELS)`];
  try {
    new Model(obj).validate();
    return [];
  } catch (e) {
    return [String(e?.message ?? e)];
  }
}

async function main() {
  const text = await readStdin();
  const docs = parseAllDocuments(text);
  let valid = 0;
  let invalid = 0;
  for (const doc of docs) {
    if (doc.errors.length > 0) {
      invalid++;
      console.log(`INVALID YAML: ${doc.errors.map((e) => e.message).join("; ")}`);
      continue;
    }
    const obj = doc.toJS();
    if (obj === null || obj === undefined) continue; // empty document (e.g. a trailing ---)
    const problems = problemsOf(obj);
    if (problems.length === 0) {
      valid++;
      console.log(`valid    ${describe(obj)}`);
    } else {
      invalid++;
      console.log(`INVALID  ${describe(obj)}: ${problems.join("; ")}`);
    }
  }
  console.log(`schema check: ${valid} objects valid, ${invalid} invalid`);
  if (valid + invalid === 0) {
    console.log("schema check: no object in the input");
    process.exitCode = 1;
  } else if (invalid > 0) {
    process.exitCode = 1;
  }
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
