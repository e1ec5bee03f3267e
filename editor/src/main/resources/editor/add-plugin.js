// "Add plugin" and "Add inside…": pick a kind, then a plugin from a searchable list (kinds such
// as service or parser have no plugin to pick), and any argument the kind needs (a Fluentd label
// name or tag pattern, a processor's signal).
import { h, replace, uniqueId } from '/kit/dom.js';
import { pickerList } from './add-option.js';
import { modal } from './dom.js';
import { coreDocument, globalDocument, isCoreKind, pluginsOf } from './schemas.js';

const SIGNALS = ['logs', 'metrics', 'traces'];

function argumentSpec(engine, kind) {
  if (kind === 'processor') return { label: 'Signal', select: SIGNALS, value: 'logs' };
  if (engine !== 'fluentd') return null;
  if (kind === 'label') return { label: 'Label name', placeholder: '@NAME', required: true, hint: 'Starts with @, e.g. @OUTPUT.' };
  if (kind === 'match' || kind === 'filter') return { label: 'Tag pattern', value: '**', required: true, hint: 'e.g. app.** or **' };
  if (kind === 'worker') return { label: 'Worker ids', placeholder: '0 or 0-3', required: true };
  if (kind === 'source' || kind === 'system') return null;
  return { label: 'Argument (optional)', placeholder: '', hint: kind === 'buffer' ? 'Chunk keys, e.g. tag,time' : '' };
}

/** The key spelling the document already uses for plugin names ("Name" or "name"). */
function nameKey(view) {
  const stack = [...(view.segments || [])];
  while (stack.length) {
    const s = stack.shift();
    const p = (s.properties || []).find((x) => x.key.toLowerCase() === 'name');
    if (p) return p.key;
    stack.push(...(s.children || []));
  }
  return 'name';
}

/** The properties a new segment starts with: its plugin and the required options that have defaults. */
export function initialProperties(view, kind, plugin) {
  const fluentd = view.engine === 'fluentd';
  const props = {};
  const typeKey = fluentd ? '@type' : nameKey(view);
  if (plugin) props[typeKey] = plugin.name;
  for (const doc of [plugin || coreDocument(kind), globalDocument(kind)]) {
    for (const o of (doc && doc.options) || []) {
      const taken = Object.keys(props).some((k) => k.toLowerCase() === String(o.name).toLowerCase());
      if (o.required && o.default != null && o.default !== '' && !taken) props[o.name] = String(o.default);
    }
  }
  return props;
}

/**
 * Opens the dialog. kinds: what may be added; parent: "" or a segment path; onAdd(edit, kind)
 * receives the add-section edit.
 */
export function showAddPlugin({ view, kinds, parent, where, onAdd }) {
  const kindId = uniqueId('kind');
  const kindSelect = h('select', { id: kindId, 'data-testid': 'plugin-kind' }, kinds.map((k) => h('option', { value: k }, k)));
  const argBox = h('div', { class: 'ap-arg' });
  const pickBox = h('div', { class: 'ap-pick' });
  const error = h('p', { class: 'form-error', role: 'alert', 'data-testid': 'add-plugin-error' });
  const body = h(
    'div',
    { class: 'ap' },
    where ? h('p', { class: 'muted' }, `Adds inside ${where}.`) : null,
    h('div', { class: 'field', hidden: kinds.length < 2 }, h('label', { for: kindId }, 'Kind'), kindSelect),
    argBox,
    error,
    pickBox,
  );
  const { close } = modal(parent ? 'Add inside' : 'Add plugin', body, { wide: true, testid: 'add-plugin-dialog' });
  let argument = () => '';

  function add(plugin) {
    const kind = kindSelect.value;
    const spec = argumentSpec(view.engine, kind);
    const arg = argument().trim();
    if (spec && spec.required && !arg) {
      error.textContent = `${spec.label} is needed.`;
      return;
    }
    if (kind === 'label' && view.engine === 'fluentd' && !arg.startsWith('@')) {
      error.textContent = 'A label name starts with @.';
      return;
    }
    close();
    onAdd({ op: 'add-section', parent, kind, argument: arg, properties: initialProperties(view, kind, plugin) }, kind);
  }

  function render() {
    const kind = kindSelect.value;
    error.textContent = '';
    const spec = argumentSpec(view.engine, kind);
    argument = () => '';
    replace(argBox);
    if (spec) {
      const id = uniqueId('arg');
      const control = spec.select
        ? h('select', { id, 'data-testid': 'plugin-argument' }, spec.select.map((v) => h('option', { value: v }, v)))
        : h('input', { id, type: 'text', 'data-testid': 'plugin-argument', placeholder: spec.placeholder || '', spellcheck: 'false', autocomplete: 'off' });
      control.value = spec.value || '';
      argument = () => control.value;
      argBox.append(h('div', { class: 'field' }, h('label', { for: id }, spec.label), control, spec.hint ? h('small', { class: 'hint' }, spec.hint) : null));
    }
    if (isCoreKind(kind)) {
      const doc = coreDocument(kind);
      replace(
        pickBox,
        doc && doc.description ? h('p', { class: 'muted' }, doc.description) : null,
        h('button', { type: 'button', class: 'btn btn-primary', 'data-testid': 'add-core', onclick: () => add(null) }, `Add ${kind}`),
      );
      return;
    }
    const docs = pluginsOf(kind);
    if (kind === 'processor') {
      // filters run as processors too
      for (const f of pluginsOf('filter')) if (!docs.some((d) => d.name === f.name)) docs.push({ ...f, description: `${f.description || ''} (filter)`.trim() });
    }
    const list = pickerList({
      items: docs.map((d) => ({ name: d.name, description: d.description, doc: d })),
      label: `${kind[0].toUpperCase()}${kind.slice(1)} plugins`,
      testid: 'plugin-picker',
      itemTestid: 'plugin-item',
      onPick: (item) => add(item.doc),
    });
    replace(pickBox, list.element);
    if (!spec || !spec.required) list.focus();
  }

  kindSelect.addEventListener('change', render);
  render();
  if (kinds.length > 1) kindSelect.focus();
  else if (argBox.querySelector('input')) argBox.querySelector('input').focus();
}
