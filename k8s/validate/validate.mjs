#!/usr/bin/env node
// Schema check of rendered manifests, offline once `npm ci` has run.
//
//   kubectl kustomize k8s/overlays/eu-west-1 | node k8s/validate/validate.mjs
//   node k8s/validate/validate.mjs --dashboard deploy/grafana/dialgate-dashboard.json < /dev/null
//
// Reads a multi-document YAML stream on stdin (kustomize output), builds the kubernetes-models class of every
// object from its apiVersion and kind, and calls its validate() (JSON Schema of the Kubernetes OpenAPI spec, or of
// the prometheus-operator CRDs for ServiceMonitor and PrometheusRule). An object whose kind has no model here is an
// error, so a new kind cannot slip through unchecked: add its module to MODELS.
// The `expr` of every PrometheusRule rule is parsed with the Prometheus project's PromQL grammar
// (@prometheus-io/lezer-promql); with --dashboard FILE, so is every target of that Grafana dashboard (Grafana's
// $variables replaced by sample values first). The input on stdin may then be empty.
//
// Limits: the schemas check types, required fields, enums and formats; they do not reject unknown field names
// (a misspelt optional field passes). The PromQL check is syntax only. KubernetesManifestsTest asserts the fields
// that matter by value.
//
// Pinned to kubernetes-models 4.5.1 and @kubernetes-models/prometheus-operator 4.4.4: the 5.x/6.x lines require
// Node 22 and the build machines have Node 20.
//
// Exit status: 0 when everything checked is valid, 1 otherwise (or when nothing at all was checked).

import { readFileSync } from "node:fs";
import { parseAllDocuments } from "yaml";
import { parser as promql } from "@prometheus-io/lezer-promql";
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

/** Syntax errors of a PromQL expression, as "at column N: ..." strings; empty when it parses. */
export function promqlErrors(expr) {
  if (typeof expr !== "string" || expr.trim() === "") return ["empty expression"];
  const errors = [];
  promql.parse(expr).iterate({
    enter(node) {
      if (node.type.isError) {
        errors.push(`syntax error at column ${node.from + 1} near ${JSON.stringify(expr.slice(node.from, node.from + 20))}`);
      }
    },
  });
  return errors;
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
  const problems = [];
  try {
    new Model(obj).validate();
  } catch (e) {
    problems.push(String(e?.message ?? e));
  }
  if (obj.kind === "PrometheusRule") {
    for (const group of obj.spec?.groups ?? []) {
      for (const rule of group.rules ?? []) {
        const name = rule.alert ?? rule.record ?? "?";
        for (const error of promqlErrors(rule.expr)) problems.push(`rule ${name}: ${error}`);
      }
    }
  }
  return problems;
}

/** PromQL problems of a Grafana dashboard's targets, after replacing Grafana's template variables. */
function dashboardProblems(path) {
  const dashboard = JSON.parse(readFileSync(path, "utf8"));
  const problems = [];
  let checked = 0;
  const panels = (dashboard.panels ?? []).flatMap((p) => [p, ...(p.panels ?? [])]);
  for (const panel of panels) {
    for (const target of panel.targets ?? []) {
      checked++;
      const expr = String(target.expr ?? "")
        .replaceAll("$__rate_interval", "5m")
        .replaceAll("$__interval", "1m")
        .replaceAll(/\$\{?[A-Za-z_][A-Za-z0-9_]*\}?/g, ".*");
      for (const error of promqlErrors(expr)) problems.push(`panel "${panel.title}" ${target.refId}: ${error}`);
    }
  }
  return { checked, problems };
}

async function main() {
  const args = process.argv.slice(2);
  const dashboardAt = args.indexOf("--dashboard");
  let failed = false;
  let checkedSomething = false;

  if (dashboardAt >= 0) {
    const path = args[dashboardAt + 1];
    const { checked, problems } = dashboardProblems(path);
    for (const p of problems) console.log(`INVALID  ${path}: ${p}`);
    console.log(`dashboard check: ${checked} queries, ${problems.length} invalid`);
    checkedSomething ||= checked > 0;
    failed ||= checked === 0 || problems.length > 0;
  }

  let valid = 0;
  let invalid = 0;
  for (const doc of parseAllDocuments(await readStdin())) {
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
  if (valid + invalid > 0 || dashboardAt < 0) {
    console.log(`schema check: ${valid} objects valid, ${invalid} invalid`);
  }
  checkedSomething ||= valid + invalid > 0;
  failed ||= invalid > 0;

  if (!checkedSomething) {
    console.log("nothing to check in the input");
    process.exitCode = 1;
  } else if (failed) {
    process.exitCode = 1;
  }
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
