// Architecture rules for src/ (README, "Architecture"), as one local ESLint rule so the boundaries are checked,
// not only described:
// - botbuilder and restify are spoken only in src/bot/ and src/core/http/ (and the composition root,
//   src/app.ts and src/index.ts, which builds the adapter and the server);
// - a capability (a folder of src/ other than core, bot and types) and src/bot import a capability only
//   through its index.ts or its domain/ (pure types and logic), never one of its internal files;
// - src/core/ imports no capability;
// - a capability's domain/ imports only domain/ folders (its own or another capability's) and src/core/: the
//   domain says what is wrong in codes, and the capability's edge says it in words (messages.ts, cards);
// - a card verb ("<capability>.<action>") is written only in its capability's domain/verbs.ts; everywhere else
//   it is that file's constant, so a renamed or removed verb fails to build instead of leaving a dead button.
import fs from 'node:fs';
import path from 'node:path';

const SDK = /^(botbuilder|restify)(\/|-|$)/;
/** What a domain/ file imports besides domain/ folders: the shared core and the type declarations. */
const DOMAIN_MAY_IMPORT = new Set(['core', 'types']);
const NOT_CAPABILITIES = new Set(['core', 'bot', 'types']);
const COMPOSITION_ROOT = new Set(['app.ts', 'index.ts']);

/** The part of a path below src/, split, or undefined outside src/. */
function underSrc(file, root) {
  const relative = path.relative(path.join(root, 'src'), file);
  if (relative.startsWith('..') || path.isAbsolute(relative)) return undefined;
  return relative.split(path.sep);
}

function mayUseSdk(parts) {
  if (parts.length === 1) return COMPOSITION_ROOT.has(parts[0]);
  return parts[0] === 'bot' || (parts[0] === 'core' && parts[1] === 'http');
}

/** Public surface of a capability: its folder (index.ts), its index.ts, or anything under domain/. */
function isPublicSurface(parts) {
  if (parts.length === 1) return true;
  if (parts.length === 2 && /^index(\.ts)?$/.test(parts[1])) return true;
  return parts[1] === 'domain';
}

export const architecture = {
  meta: {
    type: 'problem',
    docs: {
      description: 'Keep botbuilder/restify at the edge and capabilities apart (README, Architecture).',
    },
    messages: {
      sdk: '{{module}} is spoken only in src/bot/ and src/core/http/ (found in src/{{from}}).',
      capability:
        "src/{{from}} imports {{target}}, an internal file of the '{{capability}}' capability: import its index.ts or domain/ instead.",
      core: 'src/core/ imports no capability (src/{{from}} imports {{target}}).',
      domain:
        'src/{{from}} is domain logic: it imports only domain/ folders and src/core/, not {{target}} (README, Architecture).',
    },
    schema: [],
  },
  create(context) {
    const root = context.cwd;
    const fromParts = underSrc(context.filename, root);
    if (!fromParts) return {};
    const from = fromParts.join('/');
    const fromCapability = fromParts.length > 1 ? fromParts[0] : undefined;
    const fromDomain = fromCapability !== undefined && fromParts[1] === 'domain';

    function check(node, source) {
      if (typeof source !== 'string') return;
      if (SDK.test(source)) {
        if (!mayUseSdk(fromParts)) context.report({ node, messageId: 'sdk', data: { module: source, from } });
        return;
      }
      if (!source.startsWith('.')) return;
      const targetParts = underSrc(path.resolve(path.dirname(context.filename), source), root);
      if (!targetParts || targetParts.length === 0) return;
      // Domain logic stays off every edge: src/bot and the composition root here, capabilities' files below.
      const targetIsCapability = !NOT_CAPABILITIES.has(targetParts[0]) && targetParts.length > 1;
      if (fromDomain && !targetIsCapability && !DOMAIN_MAY_IMPORT.has(targetParts[0])) {
        context.report({ node, messageId: 'domain', data: { from, target: targetParts.join('/') } });
        return;
      }
      const targetCapability = NOT_CAPABILITIES.has(targetParts[0]) ? undefined : targetParts[0];
      if (!targetCapability || (targetParts.length === 1 && COMPOSITION_ROOT.has(targetParts[0]))) return;
      const target = targetParts.join('/');
      if (fromCapability === 'core') {
        context.report({ node, messageId: 'core', data: { from, target } });
        return;
      }
      // The composition root (src/*.ts) wires internals; src/bot adapts the capabilities' ports through
      // their public surface like any other caller.
      if (!fromCapability || fromCapability === 'types') return;
      if (fromCapability !== targetCapability && !isPublicSurface(targetParts)) {
        context.report({
          node,
          messageId: 'capability',
          data: { from, target, capability: targetCapability },
        });
        return;
      }
      if (fromDomain && targetParts[1] !== 'domain')
        context.report({ node, messageId: 'domain', data: { from, target } });
    }

    return {
      ImportDeclaration: (node) => check(node.source, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node.source, node.source.value),
      ExportAllDeclaration: (node) => check(node.source, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node.source, node.source.value),
    };
  },
};

/** "alerts.ask": a capability's folder name, a dot and a camelCase action. */
const VERB = /^([a-z]+)\.([a-z][A-Za-z]*)$/;
/** File names that look like verbs ("guidance.json"): never a verb, since no action is named like a file type. */
const FILE_EXTENSIONS = new Set([
  'json',
  'bin',
  'ts',
  'js',
  'mjs',
  'cjs',
  'md',
  'txt',
  'csv',
  'tsv',
  'html',
  'png',
  'svg',
]);

function isCapability(root, name) {
  if (NOT_CAPABILITIES.has(name)) return false;
  try {
    return fs.statSync(path.join(root, 'src', name)).isDirectory();
  } catch {
    return false;
  }
}

export const verbs = {
  meta: {
    type: 'problem',
    docs: {
      description:
        "A card verb is written only in its capability's domain/verbs.ts (README, How to add a verb).",
    },
    messages: {
      bare: "'{{verb}}' is a bare verb: use the constant from src/{{capability}}/domain/verbs.ts.",
    },
    schema: [],
  },
  create(context) {
    const root = context.cwd;
    const fromParts = underSrc(context.filename, root);
    if (!fromParts) return {};
    const isVerbList = fromParts.length === 3 && fromParts[1] === 'domain' && fromParts[2] === 'verbs.ts';
    if (isVerbList) return {};

    function check(node, text) {
      const match = VERB.exec(text);
      if (!match || FILE_EXTENSIONS.has(match[2]) || !isCapability(root, match[1])) return;
      context.report({ node, messageId: 'bare', data: { verb: text, capability: match[1] } });
    }

    return {
      Literal: (node) => typeof node.value === 'string' && check(node, node.value),
      TemplateLiteral: (node) =>
        node.expressions.length === 0 && check(node, node.quasis[0].value.cooked ?? ''),
    };
  },
};

export default { rules: { architecture, verbs } };
