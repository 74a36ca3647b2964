// Offline validation of the NA64.Reco Kubernetes manifests (k8s/).
//
// 1. Composes k8s/base and each overlay the way kustomize does, for the features the manifests use
//    (resources, patches as strategic merge, configMapGenerator/secretGenerator, images, labels, namespace).
//    Any other kustomization field is reported as unsupported rather than silently ignored.
// 2. Validates every composed object against the Kubernetes OpenAPI schemas of `kubernetes-models`,
//    and also reports fields the schema does not know (what `kubectl --validate=strict` would reject).
// 3. Checks the cross-references and the cluster contract (docs/operations.md, "The contract in brief"):
//    selectors (Services, StatefulSets, PDBs, NetworkPolicies, HPA and ScaledObject targets), ConfigMap/Secret/PVC names and
//    keys, volume mounts, the image against the Dockerfile's labels, container ports, probes, environment
//    (CLUSTER_SEEDS against the seed StatefulSet, $(VAR) order), commands, that the NetworkPolicies still let
//    the project's pods reach each other (4053, 9110, 5432) and nobody else, the submit Job's campaign spec,
//    the conditions copy, and YAML scalars that YAML 1.1 (Kubernetes) and 1.2 (js-yaml) read differently.
// 4. When `kubectl` (with its built-in kustomize) is on PATH, compares the composition with `kubectl kustomize`.
//
// Usage: cd tests/k8s && npm ci && node validate.mjs [--no-kubectl]
// Exit code 0 when every check passes; 1 with one line per problem otherwise.

import { readFileSync, existsSync, statSync, readdirSync } from "node:fs";
import { join, dirname, resolve, relative, basename } from "node:path";
import { fileURLToPath } from "node:url";
import { spawnSync } from "node:child_process";
import * as yaml from "js-yaml";
import { ConfigMap, Secret, Service, PersistentVolumeClaim } from "kubernetes-models/v1";
import { StatefulSet, Deployment } from "kubernetes-models/apps/v1";
import { Job } from "kubernetes-models/batch/v1";
import { HorizontalPodAutoscaler } from "kubernetes-models/autoscaling/v2";
import { PodDisruptionBudget } from "kubernetes-models/policy/v1";
import { NetworkPolicy } from "kubernetes-models/networking.k8s.io/v1";
import { ScaledObject } from "@kubernetes-models/keda/keda.sh/v1alpha1";

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, "..", "..");
const k8sDir = join(repoRoot, "k8s");
// The base and every overlay: a new overlay is validated without being listed here.
const compositions = ["base", ...readdirSync(join(k8sDir, "overlays"), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => `overlays/${d.name}`).sort()];

// ---- the cluster contract ------------------------------------------------------------------------
const contract = {
  image: null, // read from the Dockerfile below
  ports: { akka: 4053, cmd: 9110, health: 8558 },
  seedsService: "na64-seed",
  seedsStatefulSet: "na64-seed",
  // The headless Services whose pods a starting member asks before joining (CLUSTER_CONTACTS): the members that
  // are not seeds, so that seeds restarted while both were down join them instead of forming a second cluster.
  contactServices: { coordinator: "na64-coordinator", worker: "na64-worker" },
  actorSystem: "na64",
  cmdService: "na64-cmd",
  tokenFile: "/var/run/secrets/na64/cmd-token",
  // The cluster certificate (remoting over mutual TLS) and its password, from Secret na64-cluster-tls.
  tlsCertificate: "/var/run/secrets/na64-tls/cluster.pfx",
  tlsPasswordFile: "/var/run/secrets/na64-tls/password",
  conditionsFile: "/etc/na64/conditions.json",
  conditionsSource: "Physics/NA64.Reco.Physics/Detector/conditions-default.json",
  campaignFile: "/etc/na64/campaign/campaign.json",
  nodeEntry: "/app/node/na64.dll",
  seedCommand: ["dotnet", "/app/seed/na64-seed.dll"],
  minGraceSeconds: 75,
  uid: 10001,
  partOf: "na64-reco",
  thirdPartyImages: new Set(["postgres:15"]),
};

const models = {
  "v1/ConfigMap": ConfigMap,
  "v1/Secret": Secret,
  "v1/Service": Service,
  "v1/PersistentVolumeClaim": PersistentVolumeClaim,
  "apps/v1/StatefulSet": StatefulSet,
  "apps/v1/Deployment": Deployment,
  "batch/v1/Job": Job,
  "autoscaling/v2/HorizontalPodAutoscaler": HorizontalPodAutoscaler,
  "policy/v1/PodDisruptionBudget": PodDisruptionBudget,
  "networking.k8s.io/v1/NetworkPolicy": NetworkPolicy,
  // KEDA's CRD schema (npm @kubernetes-models/keda).
  "keda.sh/v1alpha1/ScaledObject": ScaledObject,
};
const workloadKinds = new Set(["StatefulSet", "Deployment", "Job"]);
const clusterScopedKinds = new Set(["Namespace", "PersistentVolume", "ClusterRole", "ClusterRoleBinding"]);

const problems = [];
let context = "";
function problem(message) {
  problems.push(`${context}: ${message}`);
}

// ---- kustomize-style composition -------------------------------------------------------------------
const supportedKustomizationKeys = new Set([
  "apiVersion", "kind", "resources", "patches", "labels", "images", "namespace",
  "generatorOptions", "configMapGenerator", "secretGenerator",
]);

// Scalars that YAML 1.1 (the Kubernetes parser) and YAML 1.2 (js-yaml) read differently: 0440 is octal 288
// for one and decimal 440 for the other; yes/no/on/off are booleans for one and strings for the other.
function checkAmbiguousScalars(file, text) {
  text.split(/\r?\n/).forEach((line, i) => {
    const m = line.match(/^[^#]*?(?::|-)\s+(0[0-9]+|[Yy]es|YES|[Nn]o|NO|[Oo]n|ON|[Oo]ff|OFF|[yYnN])\s*(#.*)?$/);
    if (m) problem(`${relative(repoRoot, file)}:${i + 1}: '${m[1]}' reads differently in YAML 1.1 and 1.2: quote it, or write the number in decimal`);
  });
}

function readYamlDocuments(file) {
  checkAmbiguousScalars(file, readFileSync(file, "utf8"));
  return yaml.loadAll(readFileSync(file, "utf8")).filter((d) => d !== null && d !== undefined);
}

function compose(dir) {
  const kfile = join(dir, "kustomization.yaml");
  if (!existsSync(kfile)) throw new Error(`${relative(repoRoot, dir)}: no kustomization.yaml`);
  const k = yaml.load(readFileSync(kfile, "utf8"));
  for (const key of Object.keys(k)) {
    if (!supportedKustomizationKeys.has(key)) {
      problem(`${relative(repoRoot, kfile)}: field '${key}' is not supported by validate.mjs (extend it before using it)`);
    }
  }
  let objects = [];
  for (const r of k.resources ?? []) {
    const p = resolve(dir, r);
    if (!existsSync(p)) {
      problem(`${relative(repoRoot, kfile)}: resource '${r}' does not exist`);
      continue;
    }
    if (statSync(p).isDirectory()) objects.push(...compose(p));
    else objects.push(...readYamlDocuments(p));
  }
  objects.push(...generate(dir, k));
  for (const p of k.patches ?? []) applyPatch(dir, objects, p);
  if (k.namespace) {
    for (const o of objects) if (!clusterScopedKinds.has(o.kind)) o.metadata.namespace = k.namespace;
  }
  for (const l of k.labels ?? []) applyLabels(l, objects);
  for (const img of k.images ?? []) applyImage(img, objects);
  return objects;
}

function generate(dir, k) {
  const options = k.generatorOptions ?? {};
  const generated = [];
  const gens = [
    ...(k.configMapGenerator ?? []).map((g) => ["ConfigMap", g]),
    ...(k.secretGenerator ?? []).map((g) => ["Secret", g]),
  ];
  if (gens.length > 0 && options.disableNameSuffixHash !== true) {
    // Kustomize would append a content hash to the names and rewrite every reference: not reproduced here.
    problem(`${relative(repoRoot, dir)}: generators need generatorOptions.disableNameSuffixHash: true (hash suffixes are not implemented)`);
  }
  for (const [kind, g] of gens) {
    for (const key of Object.keys(g)) {
      if (!["name", "files", "envs", "literals", "type"].includes(key)) problem(`${relative(repoRoot, dir)}: ${kind} generator '${g.name}': field '${key}' not supported`);
    }
    const data = {};
    const add = (key, value) => {
      if (key in data) problem(`${relative(repoRoot, dir)}: ${kind} generator '${g.name}': key '${key}' given twice`);
      data[key] = value;
    };
    for (const f of g.files ?? []) {
      const [key, path] = f.includes("=") ? f.split("=", 2) : [basename(f), f];
      const full = resolve(dir, path);
      if (!existsSync(full)) {
        problem(`${relative(repoRoot, dir)}: ${kind} generator '${g.name}': file '${path}' does not exist`);
        continue;
      }
      // A Secret's file is bytes (a PKCS#12 certificate is not text); a ConfigMap's is text.
      add(key, kind === "Secret" ? readFileSync(full) : readFileSync(full, "utf8"));
    }
    for (const e of g.envs ?? []) {
      const full = resolve(dir, e);
      if (!existsSync(full)) {
        problem(`${relative(repoRoot, dir)}: ${kind} generator '${g.name}': env file '${e}' does not exist`);
        continue;
      }
      for (const line of readFileSync(full, "utf8").split(/\r?\n/)) {
        const t = line.trim();
        if (t === "" || t.startsWith("#")) continue;
        const i = t.indexOf("=");
        if (i <= 0) {
          problem(`${relative(repoRoot, full)}: line '${t}' is not KEY=VALUE`);
          continue;
        }
        add(t.slice(0, i), t.slice(i + 1));
      }
    }
    for (const l of g.literals ?? []) {
      const i = l.indexOf("=");
      add(l.slice(0, i), l.slice(i + 1));
    }
    const obj = { apiVersion: "v1", kind, metadata: { name: g.name } };
    if (kind === "Secret") {
      obj.type = g.type ?? "Opaque";
      obj.data = Object.fromEntries(Object.entries(data).map(([key, v]) => [key, (Buffer.isBuffer(v) ? v : Buffer.from(v, "utf8")).toString("base64")]));
    } else {
      obj.data = data;
    }
    generated.push(obj);
  }
  return generated;
}

// Strategic merge: the list fields the manifests patch, with their merge keys (from the Kubernetes API types).
const mergeKeys = {
  containers: "name", initContainers: "name", volumes: "name", volumeMounts: "mountPath",
  env: "name", ports: "containerPort", volumeClaimTemplates: null,
};

function strategicMerge(target, patch, path) {
  for (const [key, value] of Object.entries(patch)) {
    if (key.startsWith("$")) {
      problem(`patch directive '${key}' at ${path} is not supported by validate.mjs`);
      continue;
    }
    if (value === null) {
      delete target[key];
    } else if (Array.isArray(value)) {
      const mergeKey = mergeKeys[key];
      if (!mergeKey || !Array.isArray(target[key])) {
        target[key] = structuredClone(value);
        continue;
      }
      const added = [];
      for (const item of value) {
        const existing = target[key].find((t) => t[mergeKey] === item[mergeKey]);
        if (existing) strategicMerge(existing, item, `${path}/${key}[${item[mergeKey]}]`);
        else added.push(structuredClone(item));
      }
      // Kustomize (kyaml) puts the patch's new list items before the existing ones.
      target[key] = [...added, ...target[key]];
    } else if (typeof value === "object") {
      if (typeof target[key] !== "object" || target[key] === null || Array.isArray(target[key])) target[key] = {};
      strategicMerge(target[key], value, `${path}/${key}`);
    } else {
      target[key] = value;
    }
  }
}

function applyPatch(dir, objects, p) {
  if (p.target || p.options) {
    problem(`${relative(repoRoot, dir)}: patches with 'target' or 'options' are not supported by validate.mjs`);
    return;
  }
  const docs = p.path ? readYamlDocuments(resolve(dir, p.path)) : yaml.loadAll(p.patch);
  for (const patch of docs) {
    if (Array.isArray(patch)) {
      problem(`${relative(repoRoot, dir)}: JSON6902 patches are not supported by validate.mjs (use a strategic merge patch)`);
      continue;
    }
    const target = objects.find((o) => o.kind === patch.kind && o.metadata.name === patch.metadata?.name && o.apiVersion === patch.apiVersion);
    if (!target) {
      problem(`${relative(repoRoot, dir)}: patch ${p.path ?? "(inline)"} targets ${patch.apiVersion} ${patch.kind}/${patch.metadata?.name}, which the resources do not declare`);
      continue;
    }
    const { apiVersion, kind, ...rest } = patch;
    strategicMerge(target, rest, `${kind}/${patch.metadata.name}`);
  }
}

function podTemplates(o) {
  if (o.kind === "CronJob") return [o.spec?.jobTemplate?.spec?.template].filter(Boolean);
  if (workloadKinds.has(o.kind)) return [o.spec?.template].filter(Boolean);
  return [];
}

function applyLabels(entry, objects) {
  for (const key of Object.keys(entry)) {
    if (!["pairs", "includeSelectors", "includeTemplates"].includes(key)) problem(`labels: field '${key}' not supported by validate.mjs`);
  }
  if (entry.includeSelectors) {
    problem("labels: includeSelectors: true is not supported by validate.mjs (and would change immutable selectors)");
  }
  for (const o of objects) {
    o.metadata.labels = { ...(o.metadata.labels ?? {}), ...entry.pairs };
    if (!entry.includeTemplates) continue;
    for (const t of podTemplates(o)) {
      t.metadata ??= {};
      t.metadata.labels = { ...(t.metadata.labels ?? {}), ...entry.pairs };
    }
    if (o.kind === "StatefulSet") {
      for (const v of o.spec?.volumeClaimTemplates ?? []) {
        v.metadata ??= {};
        v.metadata.labels = { ...(v.metadata.labels ?? {}), ...entry.pairs };
      }
    }
  }
}

function splitImage(image) {
  const at = image.indexOf("@");
  const digest = at >= 0 ? image.slice(at + 1) : undefined;
  const rest = at >= 0 ? image.slice(0, at) : image;
  const slash = rest.lastIndexOf("/");
  const colon = rest.lastIndexOf(":");
  if (colon > slash) return { name: rest.slice(0, colon), tag: rest.slice(colon + 1), digest };
  return { name: rest, tag: undefined, digest };
}

function applyImage(entry, objects) {
  for (const o of objects) {
    for (const t of podTemplates(o)) {
      for (const c of [...(t.spec?.containers ?? []), ...(t.spec?.initContainers ?? [])]) {
        const img = splitImage(c.image);
        if (img.name !== entry.name) continue;
        const name = entry.newName ?? img.name;
        if (entry.digest) c.image = `${name}@${entry.digest}`;
        else {
          const tag = entry.newTag ?? img.tag;
          c.image = tag ? `${name}:${tag}` : name;
        }
      }
    }
  }
}

// ---- schema validation -----------------------------------------------------------------------------
function schemaErrors(model) {
  try {
    model.validate();
    return [];
  } catch (e) {
    return e.errors ?? [{ instancePath: "", message: e.message }];
  }
}

// The schemas ignore fields they do not declare. Find those: put a value no schema type accepts (a
// Symbol) in each field in turn; a declared field then fails validation at its own path, an unknown one does not.
// Free-form string maps (labels, selectors, data) have no declared keys: their entries are not probed.
const freeFormMaps = /\/(labels|annotations|matchLabels|nodeSelector|data|stringData|binaryData)$/;
function unknownFields(model) {
  const unknown = [];
  const probe = Symbol("probe");
  const walk = (node, path) => {
    if (Array.isArray(node)) {
      node.forEach((item, i) => walk(item, `${path}/${i}`));
      return;
    }
    if (node === null || typeof node !== "object") return;
    for (const key of Object.keys(node)) {
      const saved = node[key];
      const fieldPath = `${path}/${key}`;
      node[key] = probe;
      const errors = schemaErrors(model);
      node[key] = saved;
      if (!errors.some((e) => e.instancePath === fieldPath)) {
        unknown.push(fieldPath);
        continue;
      }
      const isMap = freeFormMaps.test(fieldPath) || (model.kind === "Service" && fieldPath === "/spec/selector");
      if (!isMap) walk(saved, fieldPath);
    }
  };
  walk(model, "");
  return unknown;
}

function validateSchema(o) {
  const id = `${o.kind}/${o.metadata?.name}`;
  const Model = models[`${o.apiVersion}/${o.kind}`];
  if (!Model) {
    problem(`${id}: no schema known for apiVersion ${o.apiVersion} kind ${o.kind} (add it to validate.mjs)`);
    return;
  }
  const model = new Model(o);
  for (const e of schemaErrors(model)) problem(`${id}: schema: ${e.instancePath || "(root)"} ${e.message ?? e.keyword} ${e.params ? JSON.stringify(e.params) : ""}`);
  for (const f of unknownFields(model)) problem(`${id}: schema: unknown field ${f}`);
}

// ---- cross-references and the contract -------------------------------------------------------------
const get = (objects, kind, name) => objects.find((o) => o.kind === kind && o.metadata.name === name);
const matches = (selector, labels) => Object.entries(selector ?? {}).every(([k, v]) => labels?.[k] === v);
function matchesLabelSelector(sel, labels) {
  if (!matches(sel?.matchLabels, labels)) return false;
  for (const e of sel?.matchExpressions ?? []) {
    const has = labels && e.key in labels;
    if (e.operator === "In" && !(has && e.values.includes(labels[e.key]))) return false;
    if (e.operator === "NotIn" && has && e.values.includes(labels[e.key])) return false;
    if (e.operator === "Exists" && !has) return false;
    if (e.operator === "DoesNotExist" && has) return false;
  }
  return true;
}

function checkReferences(objects) {
  const seen = new Set();
  for (const o of objects) {
    const key = `${o.kind}/${o.metadata.name}`;
    if (seen.has(key)) problem(`${key}: declared twice`);
    seen.add(key);
  }
  const templates = objects.flatMap((o) => podTemplates(o).map((t) => ({ owner: o, t })));
  const portsOf = (t) => (t.spec.containers ?? []).flatMap((c) => c.ports ?? []);

  for (const { owner, t } of templates) {
    const id = `${owner.kind}/${owner.metadata.name}`;
    if (t.metadata?.labels?.["app.kubernetes.io/part-of"] !== contract.partOf) {
      problem(`${id}: pod template lacks label app.kubernetes.io/part-of: ${contract.partOf} (the NetworkPolicies admit only such pods)`);
    }
    if (owner.spec.selector && !matchesLabelSelector(owner.spec.selector, t.metadata?.labels)) {
      problem(`${id}: spec.selector does not match its own pod template labels`);
    }
    const volumes = new Map((t.spec.volumes ?? []).map((v) => [v.name, v]));
    const claimTemplates = new Set((owner.spec.volumeClaimTemplates ?? []).map((v) => v.metadata.name));
    for (const v of volumes.values()) {
      if (v.configMap) {
        const cm = get(objects, "ConfigMap", v.configMap.name);
        if (!cm) problem(`${id}: volume '${v.name}' refers to ConfigMap '${v.configMap.name}', which is neither generated nor declared`);
        for (const item of v.configMap.items ?? []) if (cm && !(item.key in (cm.data ?? {}))) problem(`${id}: volume '${v.name}': ConfigMap '${cm.metadata.name}' has no key '${item.key}'`);
      }
      if (v.secret) {
        const s = get(objects, "Secret", v.secret.secretName);
        if (!s) problem(`${id}: volume '${v.name}' refers to Secret '${v.secret.secretName}', which is neither generated nor declared`);
      }
      if (v.persistentVolumeClaim && !get(objects, "PersistentVolumeClaim", v.persistentVolumeClaim.claimName)) {
        problem(`${id}: volume '${v.name}' refers to PersistentVolumeClaim '${v.persistentVolumeClaim.claimName}', which is not declared`);
      }
    }
    for (const c of [...(t.spec.containers ?? []), ...(t.spec.initContainers ?? [])]) {
      const cid = `${id} container '${c.name}'`;
      for (const m of c.volumeMounts ?? []) {
        const v = volumes.get(m.name);
        if (!v && !claimTemplates.has(m.name)) {
          problem(`${cid}: volumeMount '${m.name}' names no volume or volumeClaimTemplate`);
          continue;
        }
        if (m.subPath && v?.configMap) {
          const cm = get(objects, "ConfigMap", v.configMap.name);
          if (cm && !(m.subPath in (cm.data ?? {}))) problem(`${cid}: subPath '${m.subPath}' is not a key of ConfigMap '${cm.metadata.name}'`);
        }
        if (m.subPath && v?.secret) {
          const s = get(objects, "Secret", v.secret.secretName);
          if (s && !(m.subPath in (s.data ?? {}))) problem(`${cid}: subPath '${m.subPath}' is not a key of Secret '${s.metadata.name}'`);
        }
        if (v?.persistentVolumeClaim?.readOnly && !m.readOnly) problem(`${cid}: read-only claim '${m.name}' mounted read-write`);
      }
      for (const e of c.envFrom ?? []) {
        if (e.configMapRef && !get(objects, "ConfigMap", e.configMapRef.name)) problem(`${cid}: envFrom ConfigMap '${e.configMapRef.name}' does not exist`);
        if (e.secretRef && !get(objects, "Secret", e.secretRef.name)) problem(`${cid}: envFrom Secret '${e.secretRef.name}' does not exist`);
      }
      for (const e of c.env ?? []) {
        const cmk = e.valueFrom?.configMapKeyRef;
        const sk = e.valueFrom?.secretKeyRef;
        if (cmk) {
          const cm = get(objects, "ConfigMap", cmk.name);
          if (!cm || !(cmk.key in (cm.data ?? {}))) problem(`${cid}: env ${e.name} refers to ConfigMap '${cmk.name}' key '${cmk.key}', which does not exist`);
        }
        if (sk) {
          const s = get(objects, "Secret", sk.name);
          if (!s || !(sk.key in (s.data ?? {}))) problem(`${cid}: env ${e.name} refers to Secret '${sk.name}' key '${sk.key}', which does not exist`);
        }
      }
      const declaredPorts = new Map((c.ports ?? []).map((p) => [p.name, p.containerPort]));
      const declaredNumbers = new Set((c.ports ?? []).map((p) => p.containerPort));
      for (const probeName of ["startupProbe", "readinessProbe", "livenessProbe"]) {
        const port = c[probeName]?.httpGet?.port ?? c[probeName]?.tcpSocket?.port;
        if (port === undefined) continue;
        const ok = typeof port === "number" ? declaredNumbers.has(port) : declaredPorts.has(port);
        if (!ok) problem(`${cid}: ${probeName} uses port '${port}', which the container does not declare`);
      }
      if (!c.resources?.limits?.cpu || !c.resources?.limits?.memory || !c.resources?.requests?.cpu || !c.resources?.requests?.memory) {
        problem(`${cid}: needs cpu and memory requests and limits`);
      }
    }
  }

  for (const s of objects.filter((o) => o.kind === "Service")) {
    const id = `Service/${s.metadata.name}`;
    const selected = templates.filter(({ t }) => matches(s.spec.selector, t.metadata?.labels));
    if (!s.spec.selector || selected.length === 0) {
      problem(`${id}: selector ${JSON.stringify(s.spec.selector)} matches no pod template`);
      continue;
    }
    for (const p of s.spec.ports ?? []) {
      const target = p.targetPort ?? p.port;
      for (const { owner, t } of selected) {
        const ok = portsOf(t).some((cp) => (typeof target === "number" ? cp.containerPort === target : cp.name === target));
        if (!ok) problem(`${id}: port ${p.port} targets '${target}', which ${owner.kind}/${owner.metadata.name} does not declare`);
      }
    }
  }
  for (const o of objects.filter((x) => x.kind === "StatefulSet")) {
    const svc = get(objects, "Service", o.spec.serviceName);
    if (!svc) problem(`StatefulSet/${o.metadata.name}: serviceName '${o.spec.serviceName}' is not a declared Service`);
  }
  for (const pdb of objects.filter((o) => o.kind === "PodDisruptionBudget")) {
    if (!templates.some(({ t }) => matchesLabelSelector(pdb.spec.selector, t.metadata?.labels))) problem(`PodDisruptionBudget/${pdb.metadata.name}: selector matches no pod template`);
  }
  for (const np of objects.filter((o) => o.kind === "NetworkPolicy")) {
    if (!templates.some(({ t }) => matchesLabelSelector(np.spec.podSelector, t.metadata?.labels))) problem(`NetworkPolicy/${np.metadata.name}: podSelector matches no pod template`);
    for (const rule of np.spec.ingress ?? []) {
      const ports = (rule.ports ?? []).map((p) => p.port);
      const restricted = rule.from?.length > 0 && rule.from.every((f) => f.podSelector?.matchLabels?.["app.kubernetes.io/part-of"] === contract.partOf && !f.namespaceSelector && !f.ipBlock);
      for (const sensitive of [contract.ports.akka, contract.ports.cmd, 5432]) {
        if ((ports.length === 0 || ports.includes(sensitive)) && !restricted) problem(`NetworkPolicy/${np.metadata.name}: an ingress rule opens port ${sensitive} to pods outside the project`);
      }
    }
  }
  // The policies must still let the project talk to itself: who must reach whom, on which port.
  const byComponent = (c) => templates.filter(({ t }) => t.metadata?.labels?.["app.kubernetes.io/component"] === c);
  const nodes = [...byComponent("seed"), ...byComponent("coordinator"), ...byComponent("worker")];
  const needed = [
    { targets: nodes, port: contract.ports.akka, sources: nodes },
    { targets: byComponent("coordinator"), port: contract.ports.cmd, sources: [...nodes, ...byComponent("submit")] },
    { targets: byComponent("database"), port: 5432, sources: [...byComponent("coordinator"), ...byComponent("worker")] },
  ];
  const admits = (rule, source) => !rule.from || rule.from.length === 0 || rule.from.some((f) => f.podSelector && !f.namespaceSelector && matchesLabelSelector(f.podSelector, source.t.metadata?.labels));
  for (const { targets, port, sources } of needed) {
    for (const target of targets) {
      const policies = objects.filter((o) => o.kind === "NetworkPolicy" && matchesLabelSelector(o.spec.podSelector, target.t.metadata?.labels));
      const id = `${target.owner.kind}/${target.owner.metadata.name}`;
      if (policies.length === 0) {
        problem(`${id}: no NetworkPolicy selects its pods`);
        continue;
      }
      for (const source of sources) {
        const ok = policies.some((np) => (np.spec.ingress ?? []).some((r) => (!r.ports || r.ports.some((p) => p.port === port)) && admits(r, source)));
        if (!ok) problem(`${id}: the NetworkPolicies block port ${port} from ${source.owner.kind}/${source.owner.metadata.name}`);
      }
    }
  }
  // Scaling to zero must never take the campaign manager or the command host with it: the pods a ScaledObject
  // scales run the worker role only, and nothing else scales them.
  const scaled = new Set();
  for (const so of objects.filter((o) => o.kind === "ScaledObject")) {
    const ref = so.spec.scaleTargetRef;
    const target = get(objects, ref.kind ?? "Deployment", ref.name);
    const id = `ScaledObject/${so.metadata.name}`;
    if (!target) {
      problem(`${id}: scaleTargetRef ${ref.kind}/${ref.name} does not exist`);
      continue;
    }
    scaled.add(`${target.kind}/${target.metadata.name}`);
    for (const c of target.spec.template.spec.containers ?? []) {
      if (c.args?.[0] === "node" && c.args?.[2] !== "worker") problem(`${id}: scales ${target.kind}/${target.metadata.name}, whose nodes run role '${c.args?.[2]}': only role worker may scale to zero`);
    }
    // kubectl apply would reset a replicas field of the target at every apply, undoing the autoscaler.
    if (target.spec.replicas !== undefined) problem(`${id}: ${target.kind}/${target.metadata.name} must not set spec.replicas (the autoscaler owns it)`);
    // Batch-shaped: no campaign, no worker (the seeds and the coordinator are not scaled).
    if (so.spec.minReplicaCount !== 0) problem(`${id}: minReplicaCount must be 0, so that no worker runs while no campaign does`);
    const triggers = so.spec.triggers ?? [];
    if (!triggers.some((t) => t.type === "prometheus" && /\bna64_reco_workers_wanted\b/.test(t.metadata?.query ?? "")))
      problem(`${id}: needs a prometheus trigger on na64_reco_workers_wanted (the campaign backlog)`);
    // KEDA's CRD leaves a trigger's metadata a free map: its keys are checked here (the prometheus scaler's).
    const prometheusKeys = new Set(["serverAddress", "query", "threshold", "activationThreshold", "ignoreNullValues", "queryParameters",
      "customHeaders", "unsafeSsl", "authModes", "namespace", "cortexOrgID", "timeout"]);
    for (const t of triggers.filter((t) => t.type === "prometheus")) {
      for (const k of Object.keys(t.metadata ?? {})) if (!prometheusKeys.has(k)) problem(`${id}: prometheus trigger: unknown metadata key '${k}'`);
      for (const k of ["serverAddress", "query", "threshold"]) if (!t.metadata?.[k]) problem(`${id}: prometheus trigger: metadata.${k} is required`);
    }
  }
  for (const hpa of objects.filter((o) => o.kind === "HorizontalPodAutoscaler")) {
    if (scaled.has(`${hpa.spec.scaleTargetRef.kind}/${hpa.spec.scaleTargetRef.name}`)) problem(`HorizontalPodAutoscaler/${hpa.metadata.name}: its target is scaled by a ScaledObject too`);
    const ref = hpa.spec.scaleTargetRef;
    if (!get(objects, ref.kind, ref.name)) problem(`HorizontalPodAutoscaler/${hpa.metadata.name}: scaleTargetRef ${ref.kind}/${ref.name} does not exist`);
    if (hpa.spec.metrics?.some((m) => m.type === "Resource" && m.resource.name === "cpu")) {
      const target = get(objects, ref.kind, ref.name);
      for (const c of target?.spec.template.spec.containers ?? []) {
        if (!c.resources?.requests?.cpu) problem(`HorizontalPodAutoscaler/${hpa.metadata.name}: CPU utilisation needs a CPU request on ${c.name}`);
      }
    }
  }
}

// Resolves a container's environment as the kubelet does: envFrom first, then env with $(VAR) expansion.
function resolveEnv(objects, c, cid) {
  const env = new Map();
  for (const e of c.envFrom ?? []) {
    const src = e.configMapRef ? get(objects, "ConfigMap", e.configMapRef.name) : get(objects, "Secret", e.secretRef?.name);
    for (const [k, v] of Object.entries(src?.data ?? {})) env.set(k, e.secretRef ? Buffer.from(v, "base64").toString("utf8") : v);
  }
  for (const e of c.env ?? []) {
    if (e.value !== undefined) {
      const expanded = e.value.replace(/\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g, (m, name) => {
        if (!env.has(name)) {
          problem(`${cid}: env ${e.name} uses $(${name}), which is not defined before it (it would stay literal)`);
          return m;
        }
        return env.get(name);
      });
      env.set(e.name, expanded);
    } else if (e.valueFrom?.fieldRef) {
      env.set(e.name, `<${e.valueFrom.fieldRef.fieldPath}>`);
    } else if (e.valueFrom?.secretKeyRef) {
      const s = get(objects, "Secret", e.valueFrom.secretKeyRef.name);
      const v = s?.data?.[e.valueFrom.secretKeyRef.key];
      env.set(e.name, v === undefined ? "<missing>" : Buffer.from(v, "base64").toString("utf8"));
    } else if (e.valueFrom?.configMapKeyRef) {
      const cm = get(objects, "ConfigMap", e.valueFrom.configMapKeyRef.name);
      env.set(e.name, cm?.data?.[e.valueFrom.configMapKeyRef.key] ?? "<missing>");
    }
  }
  return env;
}

// The file a container sees at `path`, if a ConfigMap/Secret volume provides it: { kind, name, key } or null.
function fileSource(objects, t, c, path) {
  for (const m of c.volumeMounts ?? []) {
    const v = (t.spec.volumes ?? []).find((x) => x.name === m.name);
    const src = v?.configMap ? { kind: "ConfigMap", name: v.configMap.name, items: v.configMap.items } : v?.secret ? { kind: "Secret", name: v.secret.secretName, items: v.secret.items } : null;
    if (!src) continue;
    let key = null;
    if (m.subPath && m.mountPath === path) key = m.subPath;
    else if (!m.subPath && path.startsWith(m.mountPath + "/")) {
      const file = path.slice(m.mountPath.length + 1);
      key = src.items ? src.items.find((i) => i.path === file)?.key ?? null : file;
    }
    if (key === null) continue;
    const obj = get(objects, src.kind, src.name);
    if (obj && key in (obj.data ?? {})) return { kind: src.kind, name: src.name, key, data: obj.data[key] };
  }
  return null;
}

function checkContract(objects) {
  const seedSts = get(objects, "StatefulSet", contract.seedsStatefulSet);
  const seedSvc = get(objects, "Service", contract.seedsService);
  if (!seedSts || !seedSvc) {
    problem(`the seed StatefulSet and headless Service '${contract.seedsService}' are required`);
    return;
  }
  if (seedSvc.spec.clusterIP !== "None" || seedSvc.spec.publishNotReadyAddresses !== true) {
    problem(`Service/${contract.seedsService}: must be headless (clusterIP: None) with publishNotReadyAddresses: true, so seed pod DNS resolves before the seeds are Up`);
  }
  if (seedSts.spec.serviceName !== contract.seedsService) problem(`StatefulSet/${contract.seedsStatefulSet}: serviceName must be '${contract.seedsService}' for the seed pod DNS names`);
  const seedCount = seedSts.spec.replicas ?? 1;
  if (seedCount < 2) problem(`StatefulSet/${contract.seedsStatefulSet}: at least 2 seeds are expected`);
  const expectedSeeds = Array.from({ length: seedCount }, (_, i) => `akka.tcp://${contract.actorSystem}@${contract.seedsStatefulSet}-${i}.${contract.seedsService}:${contract.ports.akka}`).join(",");
  // Each contact Service lists the pods of its component, ready or not, on the remoting port: its DNS names
  // exactly the addresses those members advertise (their pod IPs).
  for (const [component, name] of Object.entries(contract.contactServices)) {
    const svc = get(objects, "Service", name);
    if (!svc) { problem(`Service/${name}: the headless Service of the ${component} pods (a cluster contact) is required`); continue; }
    if (svc.spec.clusterIP !== "None" || svc.spec.publishNotReadyAddresses !== true)
      problem(`Service/${name}: must be headless (clusterIP: None) with publishNotReadyAddresses: true, so a starting seed finds every ${component} pod`);
    if (svc.spec.selector?.["app.kubernetes.io/component"] !== component) problem(`Service/${name}: must select the ${component} pods`);
    if (!svc.spec.ports?.some((p) => p.port === contract.ports.akka)) problem(`Service/${name}: must expose the remoting port ${contract.ports.akka}`);
  }
  const expectedContacts = Object.values(contract.contactServices).map((n) => `${n}:${contract.ports.akka}`).join(",");

  const cmdSvc = get(objects, "Service", contract.cmdService);
  if (!cmdSvc || !cmdSvc.spec.ports?.some((p) => p.port === contract.ports.cmd)) problem(`Service/${contract.cmdService} on port ${contract.ports.cmd} is required`);
  // The command host that submissions reach must stay when the workers scale to zero.
  else if (objects.some((o) => podTemplates(o).some((t) => matchesLabelSelector({ matchLabels: cmdSvc.spec.selector }, t.metadata?.labels)
             && t.metadata?.labels?.["app.kubernetes.io/component"] !== "coordinator")))
    problem(`Service/${contract.cmdService}: must select the coordinator's pods only (workers may scale to zero)`);

  const conditionsSource = readFileSync(join(repoRoot, contract.conditionsSource), "utf8");

  for (const o of objects) {
    for (const t of podTemplates(o)) {
      for (const c of t.spec.containers ?? []) {
        const cid = `${o.kind}/${o.metadata.name} container '${c.name}'`;
        if (contract.thirdPartyImages.has(c.image)) continue;
        if (c.image !== contract.image) {
          problem(`${cid}: image '${c.image}' differs from '${contract.image}' documented by k8s/Dockerfile`);
          continue;
        }
        const sc = { ...(t.spec.securityContext ?? {}), ...(c.securityContext ?? {}) };
        if (sc.runAsNonRoot !== true || sc.runAsUser !== contract.uid) problem(`${cid}: must run as non-root uid ${contract.uid}`);
        if (sc.readOnlyRootFilesystem === true && !(c.volumeMounts ?? []).some((m) => m.mountPath === "/tmp")) problem(`${cid}: read-only root filesystem without a writable /tmp`);
        if (t.spec.enableServiceLinks !== false) problem(`${cid}: needs enableServiceLinks: false (Service ${contract.cmdService} would inject NA64_CMD_* variables)`);
        const component = t.metadata?.labels?.["app.kubernetes.io/component"];
        const env = resolveEnv(objects, c, cid);
        const ports = new Set((c.ports ?? []).map((p) => p.containerPort));
        for (const p of ports) if (!Object.values(contract.ports).includes(p)) problem(`${cid}: port ${p} is not one of the contract's (${Object.values(contract.ports).join(", ")})`);

        if (component === "seed" || component === "coordinator" || component === "worker") {
          const expectedPorts = component === "seed" ? [contract.ports.akka, contract.ports.health] : [contract.ports.akka, contract.ports.cmd, contract.ports.health];
          for (const p of expectedPorts) if (!ports.has(p)) problem(`${cid}: must declare container port ${p}`);
          const healthPort = (c.ports ?? []).find((p) => p.containerPort === contract.ports.health)?.name;
          for (const [probeName, path] of [["readinessProbe", "/health/ready"], ["livenessProbe", "/health/alive"]]) {
            const g = c[probeName]?.httpGet;
            if (!g) problem(`${cid}: ${probeName} must be an httpGet on ${path}`);
            else if (g.path !== path || (g.port !== contract.ports.health && g.port !== healthPort)) problem(`${cid}: ${probeName} must be GET ${path} on port ${contract.ports.health}, is ${g.path} on ${g.port}`);
          }
          if ((t.spec.terminationGracePeriodSeconds ?? 30) < contract.minGraceSeconds) problem(`${cid}: terminationGracePeriodSeconds must be at least ${contract.minGraceSeconds} (CoordinatedShutdown takes up to 60 s)`);
          const expectEnv = (name, value) => {
            if (!env.has(name)) problem(`${cid}: env ${name} is missing`);
            else if (value !== undefined && env.get(name) !== value) problem(`${cid}: env ${name} is '${env.get(name)}', the contract says '${value}'`);
          };
          expectEnv("CLUSTER_IP", "<status.podIP>");
          expectEnv("CLUSTER_PORT", String(contract.ports.akka));
          expectEnv("CLUSTER_SEEDS", expectedSeeds);
          expectEnv("CLUSTER_CONTACTS", expectedContacts);
          expectEnv("CLUSTER_HOSTNAME", component === "seed" ? `<metadata.name>.${contract.seedsService}` : undefined);
          if (component === "seed" && JSON.stringify(c.command) !== JSON.stringify(contract.seedCommand)) problem(`${cid}: command must be ${JSON.stringify(contract.seedCommand)}`);
          if (component === "coordinator" || component === "worker") {
            if (c.command) problem(`${cid}: nodes use the image ENTRYPOINT (dotnet ${contract.nodeEntry}); no command override`);
            if (c.args?.[0] !== "node" || c.args?.[1] !== "--role" || c.args?.[2] !== component) problem(`${cid}: args must be 'node --role ${component}'`);
            expectEnv("NA64_DB");
            const db = env.get("NA64_DB") ?? "";
            if (!/^postgres:\/\/[^:@/]+:[^@/]+@na64-postgres:5432\/[A-Za-z0-9_]+$/.test(db)) problem(`${cid}: NA64_DB '${db.replace(/:[^:@]*@/, ":***@")}' is not postgres://USER:PASSWORD@na64-postgres:5432/DB`);
          }
          expectEnv("NA64_CONDITIONS", contract.conditionsFile);
          const cond = fileSource(objects, t, c, contract.conditionsFile);
          if (!cond) problem(`${cid}: no ConfigMap is mounted at ${contract.conditionsFile}`);
          else if (cond.data !== conditionsSource) problem(`${cid}: ${cond.kind} ${cond.name} key ${cond.key} differs from ${contract.conditionsSource} (copy it again into k8s/base/config/conditions.json)`);
          // Every member speaks TLS with the cluster certificate: a member without it could not join the others.
          expectEnv("NA64_TLS_CERTIFICATE", contract.tlsCertificate);
          expectEnv("NA64_TLS_PASSWORD_FILE", contract.tlsPasswordFile);
          for (const f of [contract.tlsCertificate, contract.tlsPasswordFile]) {
            const src = fileSource(objects, t, c, f);
            if (!src || src.kind !== "Secret") problem(`${cid}: no Secret provides ${f} (the cluster certificate, docs/operations.md "Cluster TLS")`);
          }
          // Submissions reach the coordinator's command host (Service na64-cmd); a worker's is for kubectl exec only.
          if (component === "worker") expectEnv("NA64_CMD_BIND", "127.0.0.1");
          else if (component === "coordinator" || env.get("NA64_CMD_BIND") !== undefined) {
            expectEnv("NA64_CMD_BIND", "0.0.0.0");
            expectEnv("NA64_CMD_TOKEN_FILE", contract.tokenFile);
            if (!fileSource(objects, t, c, contract.tokenFile)) problem(`${cid}: no Secret provides ${contract.tokenFile} (required when the command host binds to 0.0.0.0)`);
          }
        } else if (component === "submit") {
          const a = c.args ?? [];
          if (c.command) problem(`${cid}: the submit Job uses the image ENTRYPOINT; no command override`);
          if (a[0] !== "submit") problem(`${cid}: args must start with 'submit'`);
          // The Job follows its campaign (its exit code is the campaign's end) and writes the results to a claim.
          if (!a.includes("--follow")) problem(`${cid}: args must include --follow: the Job's end must be the campaign's`);
          const out = a.indexOf("--out") >= 0 ? a[a.indexOf("--out") + 1] : undefined;
          const outMount = (c.volumeMounts ?? []).find(m => m.mountPath === out);
          const outVolume = outMount && (t.spec.volumes ?? []).find(v => v.name === outMount.name);
          if (!out || !outVolume?.persistentVolumeClaim) problem(`${cid}: --out must name a folder mounted from a PersistentVolumeClaim`);
          const rules = o.spec.podFailurePolicy?.rules ?? [];
          const failJob = rules.find(r => r.action === "FailJob" && r.onExitCodes?.operator === "In");
          for (const code of [1, 2, 3]) if (!failJob?.onExitCodes.values.includes(code)) problem(`${cid}: podFailurePolicy must fail the Job on exit code ${code} (a retry cannot change it)`);
          if (t.spec.restartPolicy !== "Never") problem(`${cid}: restartPolicy must be Never (podFailurePolicy needs it)`);
          const spec = a[1];
          const host = a[a.indexOf("--host") + 1];
          const token = a[a.indexOf("--token-file") + 1];
          if (host !== `${contract.cmdService}:${contract.ports.cmd}`) problem(`${cid}: --host must be ${contract.cmdService}:${contract.ports.cmd}`);
          if (token !== contract.tokenFile || !fileSource(objects, t, c, contract.tokenFile)) problem(`${cid}: --token-file must be ${contract.tokenFile}, mounted from a Secret`);
          const specFile = fileSource(objects, t, c, spec);
          if (spec !== contract.campaignFile || !specFile) problem(`${cid}: the spec must be ${contract.campaignFile}, mounted from a ConfigMap`);
          else checkCampaignSpec(specFile, `${specFile.kind}/${specFile.name}`, objects);
        } else {
          problem(`${cid}: pod template label app.kubernetes.io/component '${component}' is not seed, coordinator, worker or submit`);
        }
      }
    }
  }
}

// The spec format read by the node (docs/campaign-spec.md): id, conditions, chunk_size, snapshot_every,
// inputs { raw: [paths] | samples: [{sample, mass_mev, epsilon, spills, events_per_spill, seed, run}] }.
function checkCampaignSpec(file, where, objects) {
  let spec;
  try {
    spec = JSON.parse(file.data);
  } catch (e) {
    problem(`${where}: campaign.json is not JSON: ${e.message}`);
    return;
  }
  const unknownKeys = (o, allowed, at) => Object.keys(o).filter((k) => !allowed.includes(k)).forEach((k) => problem(`${where}: campaign spec: unknown field ${at}${k}`));
  unknownKeys(spec, ["id", "conditions", "chunk_size", "snapshot_every", "inputs"], "");
  if (typeof spec.id !== "string" || !/^[A-Za-z0-9._-]{1,64}$/.test(spec.id)) problem(`${where}: campaign spec: id must be 1-64 of letters, digits, '.', '_', '-'`);
  const raw = spec.inputs?.raw ?? [];
  const samples = spec.inputs?.samples ?? [];
  unknownKeys(spec.inputs ?? {}, ["raw", "samples"], "inputs.");
  if ((raw.length === 0) === (samples.length === 0)) problem(`${where}: campaign spec: give exactly one of inputs.raw or inputs.samples`);
  samples.forEach((s, i) => {
    unknownKeys(s, ["sample", "mass_mev", "epsilon", "spills", "events_per_spill", "seed", "run"], `inputs.samples[${i}].`);
    if (!["beam", "hadron", "signal", "dimuon"].includes(s.sample)) problem(`${where}: campaign spec: inputs.samples[${i}].sample '${s.sample}' is not beam, hadron, signal or dimuon`);
    if ((s.sample === "signal") !== (s.mass_mev !== undefined && s.epsilon !== undefined)) problem(`${where}: campaign spec: inputs.samples[${i}]: mass_mev and epsilon are for signal samples, and required there`);
    if (!Number.isInteger(s.seed) || s.seed < 0) problem(`${where}: campaign spec: inputs.samples[${i}].seed must be a non-negative integer`);
  });
  if (raw.length > 0) {
    // Raw paths refer to the shared data volume: the coordinator (which lists the inputs at submission) and the
    // workers (which read them) must mount it at /data.
    const readers = objects.filter((o) => podTemplates(o).some((t) => ["coordinator", "worker"].includes(t.metadata?.labels?.["app.kubernetes.io/component"])));
    for (const p of raw) if (!p.startsWith("/data/")) problem(`${where}: campaign spec: raw path '${p}' is not under /data`);
    for (const w of readers) {
      const c = w.spec.template.spec.containers[0];
      if (!(c.volumeMounts ?? []).some((m) => m.mountPath === "/data" && m.readOnly === true)) problem(`${w.kind}/${w.metadata.name}: the spec reads raw data under /data, but its pods do not mount it read-only there`);
    }
  }
}

// ---- the Dockerfile --------------------------------------------------------------------------------
function readDockerfileImage() {
  context = "k8s/Dockerfile";
  const text = readFileSync(join(k8sDir, "Dockerfile"), "utf8");
  const label = (key) => text.match(new RegExp(`${key.replace(/\./g, "\\.")}="([^"]+)"`))?.[1];
  const name = label("org.opencontainers.image.ref.name");
  const version = label("org.opencontainers.image.version");
  if (!name || !version) {
    problem("needs LABEL org.opencontainers.image.ref.name=\"...\" and org.opencontainers.image.version=\"...\" naming the image");
    return null;
  }
  const props = readFileSync(join(repoRoot, "Directory.Build.props"), "utf8").match(/<Version>([^<]+)<\/Version>/)?.[1];
  if (props && props !== version) problem(`image version ${version} differs from <Version>${props}</Version> in Directory.Build.props`);
  return `${name}:${version}`;
}

// ---- comparison with the real kustomize ------------------------------------------------------------
function canonical(value) {
  // Lists keep their order: it matters (env entries may refer to earlier ones with $(VAR)).
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === "object") return Object.fromEntries(Object.keys(value).sort().map((k) => [k, canonical(value[k])]));
  return value;
}

function firstDifference(a, b, path) {
  if (a && b && typeof a === "object" && typeof b === "object") {
    for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
      if (JSON.stringify(a[k]) !== JSON.stringify(b[k])) return firstDifference(a[k], b[k], `${path}/${k}`);
    }
  }
  return `${path || "/"} (here ${JSON.stringify(a)?.slice(0, 80)}, kubectl ${JSON.stringify(b)?.slice(0, 80)})`;
}

function compareWithKubectl(dir, objects) {
  const r = spawnSync("kubectl", ["kustomize", dir], { encoding: "utf8", timeout: 60_000 });
  if (r.error) return "kubectl not available: skipped";
  if (r.status !== 0) {
    problem(`kubectl kustomize failed: ${r.stderr.trim()}`);
    return "kubectl kustomize failed";
  }
  const real = yaml.loadAll(r.stdout).filter(Boolean);
  // kubectl wraps long base64 values over lines: the same bytes.
  for (const o of real) if (o.kind === "Secret" && o.data) for (const k of Object.keys(o.data)) o.data[k] = String(o.data[k]).replace(/\s+/g, "");
  const key = (o) => `${o.kind}/${o.metadata.name}`;
  const ours = new Map(objects.map((o) => [key(o), JSON.stringify(canonical(o))]));
  const theirs = new Map(real.map((o) => [key(o), JSON.stringify(canonical(o))]));
  for (const k of new Set([...ours.keys(), ...theirs.keys()])) {
    if (!theirs.has(k)) problem(`${k}: composed here but not by kubectl kustomize`);
    else if (!ours.has(k)) problem(`${k}: composed by kubectl kustomize but not here`);
    else if (ours.get(k) !== theirs.get(k)) problem(`${k}: differs from kubectl kustomize's composition at ${firstDifference(JSON.parse(ours.get(k)), JSON.parse(theirs.get(k)), "")}`);
  }
  return "identical to kubectl kustomize";
}

// ---- main ------------------------------------------------------------------------------------------
const useKubectl = !process.argv.includes("--no-kubectl");
contract.image = readDockerfileImage();
for (const c of compositions) {
  context = `k8s/${c}`;
  const before = problems.length;
  let objects;
  try {
    objects = compose(join(k8sDir, c));
  } catch (e) {
    problem(`composition failed: ${e.message}`);
    continue;
  }
  for (const o of objects) validateSchema(o);
  checkReferences(objects);
  if (contract.image) checkContract(objects);
  const kubectl = useKubectl ? compareWithKubectl(join(k8sDir, c), objects) : "kubectl comparison disabled";
  const kinds = {};
  for (const o of objects) kinds[o.kind] = (kinds[o.kind] ?? 0) + 1;
  const summary = Object.entries(kinds).map(([k, n]) => `${n} ${k}`).join(", ");
  const found = problems.length - before;
  console.log(`${found === 0 ? "ok  " : "FAIL"} k8s/${c}: ${objects.length} objects (${summary}); ${kubectl}${found ? `; ${found} problem(s)` : ""}`);
}
if (problems.length > 0) {
  console.error(`\n${problems.length} problem(s):`);
  for (const p of problems) console.error(`  - ${p}`);
  process.exit(1);
}
console.log(`all ${compositions.length} compositions valid (image ${contract.image})`);
