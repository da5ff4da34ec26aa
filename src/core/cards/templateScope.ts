import { Expression, ExpressionType } from 'adaptive-expressions';
import { GlobalSettings, Template } from 'adaptivecards-templating';

/**
 * Where CompiledTemplate evaluates, and the paths it reads itself: adaptivecards-templating's evaluation
 * context, and adaptive-expressions' rules for reading `a.b[0].c` from it, done without building a memory
 * object per lookup. See compiledTemplate.ts for why, and its test for how it is held to the library.
 */

/** What the library puts in $_acTemplateVersion, asked from the library itself. */
const TEMPLATE_VERSION = Template.tryEvaluateExpression(
  Template.parseInterpolatedString('${$_acTemplateVersion}') as Expression,
  { $root: {} },
  false,
).value as Record<string, unknown>;

/** Where an expression is evaluated: the library's EvaluationContext ($data defaults to $root). */
export class Scope {
  data: unknown;
  index: unknown = undefined;
  readonly host: unknown = undefined;
  /** Made anew for each expansion, as there: a function that changes it changes it for this card only. */
  readonly version = { ...TEMPLATE_VERSION };

  constructor(readonly root: unknown) {
    this.data = root;
  }
}

/** The library's text for an undefined value in a card property: the global setting or `${path}`. */
export function substitution(path: string): string {
  return GlobalSettings.getUndefinedFieldValueSubstitutionString?.(path) || `\${${path}}`;
}

// ---- paths ------------------------------------------------------------------------------------------------

/** A path read straight from the scope: its text (for `${path}`), where it starts, and its steps. */
export interface Path {
  text: string;
  start: 'root' | 'data' | 'index' | 'host' | 'version';
  steps: Array<{ name: string; lower: string; ascii: boolean; index: number }>;
}

/**
 * The memory's own keys in order, as adaptive-expressions matches a path's first part against them (its first
 * key, `_memory`, is left out: a path's first part there always starts with `$`).
 */
const MEMORY_KEYS: Array<[string, Path['start']]> = [
  ['$root', 'root'],
  ['$data', 'data'],
  ['$index', 'index'],
  ['$host', 'host'],
  ['$_actemplateversion', 'version'],
];

/**
 * A chain of property names and constant indexes (`a.b[0].c`), built as adaptive-expressions'
 * tryAccumulatePath builds it; undefined for anything else, which is then evaluated by the library.
 */
export function pathOf(expression: Expression): Path | undefined {
  if (expression.type !== ExpressionType.Accessor) return undefined;
  let text = '';
  let left: Expression | undefined = expression;
  while (left !== undefined) {
    if (left.type === ExpressionType.Accessor) {
      const name = constantOf(left.children[0]);
      if (typeof name !== 'string') return undefined;
      text = `${name}.${text}`;
      left = left.children.length === 2 ? left.children[1] : undefined;
    } else if (left.type === ExpressionType.Element) {
      const index = constantOf(left.children[1]);
      if (typeof index === 'number' && Number.isInteger(index)) text = `[${index}].${text}`;
      else return undefined;
      left = left.children[0];
    } else {
      return undefined;
    }
  }
  text = text.replace(/(\.*$)/g, '').replace(/(\.\[)/g, '[');
  if (text === '') return undefined;
  return stepsOf(text);
}

export function constantOf(expression: Expression | undefined): unknown {
  return expression?.type === ExpressionType.Constant
    ? (expression as unknown as { value: unknown }).value
    : undefined;
}

/** SimpleObjectMemory.getValue's reading of a path, done once. */
function stepsOf(text: string): Path | undefined {
  const full = text[0] !== '$' ? `$data.${text}` : text;
  const parts = full
    .split(/[.[\]]+/)
    .filter((part) => part !== '')
    .map((part) =>
      (part.startsWith('"') && part.endsWith('"')) || (part.startsWith("'") && part.endsWith("'"))
        ? part.slice(1, -1)
        : part,
    );
  const first = parts[0]!.toLowerCase();
  const start = MEMORY_KEYS.find(([key]) => key.toLowerCase() === first)?.[1];
  if (!start) return undefined; // any other `$name`: left to the library
  const steps = parts.slice(1).map((name) => ({
    name,
    lower: name.toLowerCase(),
    ascii: [...name].every((char) => char.charCodeAt(0) < 0x80),
    // parseInt without a radix, as SimpleObjectMemory reads it ("0x1" is 1 there too).
    index: parseInt(name),
  }));
  return { text, start, steps };
}

export function valueAt(path: Path, scope: Scope, substitute: boolean): unknown {
  let value: unknown = startOf(path.start, scope);
  for (const step of path.steps) {
    if (!Number.isNaN(step.index) && Array.isArray(value)) {
      if (step.index < 0 || step.index >= value.length) {
        value = undefined;
        break;
      }
      value = value[step.index];
    } else {
      value = property(value, step);
    }
  }
  if (value === undefined && substitute) return substitution(path.text);
  return value;
}

function startOf(start: Path['start'], scope: Scope): unknown {
  switch (start) {
    case 'root':
      return scope.root;
    case 'data':
      return scope.data;
    case 'index':
      return scope.index;
    case 'host':
      return scope.host;
    case 'version':
      return scope.version;
  }
}

const hasOwn = Object.prototype.hasOwnProperty;

/**
 * adaptive-expressions' accessProperty: keys match case-insensitively and the first in key order wins;
 * nothing is read from a falsy value. For an ASCII name a key of another length cannot match (only U+0130
 * changes length when lower-cased, and not into ASCII), so those keys are not lower-cased at all.
 *
 * The keys are walked with for…in over own keys, which visits exactly Object.keys' keys in Object.keys' order
 * (own keys come first in for…in, inherited ones after and are skipped), without the array Object.keys makes:
 * a card's lookups made that array ~14 KB of garbage per report turn, which at 50 conversations is paid for
 * in scavenges.
 */
function property(instance: unknown, { name, lower, ascii }: Path['steps'][number]): unknown {
  if (!instance) return undefined;
  if (instance instanceof Map) {
    const exact = instance.get(name);
    if (exact !== undefined) return exact;
    const key = [...instance.keys()].find((k: string) => k.toLowerCase() === lower);
    return key === undefined ? undefined : instance.get(key);
  }
  for (const key in instance as object) {
    if (!hasOwn.call(instance, key)) continue;
    if ((!ascii || key.length === name.length) && (key === name || key.toLowerCase() === lower))
      return (instance as Record<string, unknown>)[key];
  }
  return undefined;
}
