// The schema documents of one engine version (GET /schemas), cached per engine and version,
// and the lookups the form needs: a segment's options, a kind's plugins.
import { editorApi } from './api.js';

const cache = new Map();
let current = null;

/** Loads (once) and selects the documents for an engine and version. */
export async function useSchemas(engine, version) {
  const key = `${engine}@${version || ''}`;
  if (!cache.has(key)) {
    const loading = editorApi.schemas(engine, version);
    cache.set(key, loading);
    loading.catch(() => cache.delete(key));
  }
  current = await cache.get(key);
  return current;
}

/** Whether the selected documents are those of this engine and version. */
export function schemasMatch(engine, version) {
  return !!current && current.engine === engine && (!version || current.version === version);
}

function documentsOf(section) {
  return (current && current.sections && current.sections[section]) || [];
}

function findDocument(section, name) {
  if (!section || !name) return null;
  const wanted = String(name).toLowerCase();
  return documentsOf(section).find((d) => String(d.name).toLowerCase() === wanted) || null;
}

/**
 * The options a segment accepts: the plugin's own, then those every plugin of its kind accepts.
 * Returns {plugin, options, byName (lower-case name → option)}; options is empty without schema.
 */
export function optionsFor(segment) {
  const schema = segment.schema;
  const plugin = schema ? findDocument(schema.section, schema.name) : null;
  const global = schema ? findDocument('global', schema.global) : null;
  const byName = new Map();
  const options = [];
  for (const doc of [plugin, global]) {
    for (const option of (doc && doc.options) || []) {
      const key = String(option.name).toLowerCase();
      if (byName.has(key)) continue;
      byName.set(key, option);
      options.push(option);
    }
  }
  return { plugin, options, byName };
}

/** The plugins of a kind, by name. */
export function pluginsOf(kind) {
  return documentsOf(kind)
    .slice()
    .sort((a, b) => String(a.name).localeCompare(String(b.name)));
}

/** A kind without plugins to choose from (service, parser, label, …): its one document or none. */
export function isCoreKind(kind) {
  const docs = documentsOf(kind);
  return docs.length === 0 || (docs.length === 1 && String(docs[0].name).toLowerCase() === kind.toLowerCase());
}

/** The document of a core kind (e.g. service/service), or null. */
export function coreDocument(kind) {
  return findDocument(kind, kind);
}

/** Whether an option takes true/false. */
export function isBoolean(option) {
  if (!option) return false;
  const type = String(option.type || '').toLowerCase();
  return (option.rule && option.rule.kind === 'boolean') || type === 'bool' || type === 'boolean';
}

/** The values of an enumerated option, or null. */
export function enumValues(option) {
  return option && option.rule && option.rule.kind === 'enum' && Array.isArray(option.rule.values) ? option.rule.values : null;
}

/** The document of options every plugin of a kind accepts (section `global`), or null. */
export function globalDocument(kind) {
  return findDocument('global', kind);
}
