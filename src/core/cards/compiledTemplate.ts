import {
  Expression,
  ExpressionType,
  FunctionUtils,
  Options,
  SimpleObjectMemory,
  type MemoryInterface,
} from 'adaptive-expressions';
import { Template } from 'adaptivecards-templating';
import { constantOf, pathOf, Scope, substitution, valueAt } from './templateScope';

/**
 * An Adaptive Card template turned into functions once, giving what `Template.expand` gives for any data.
 *
 * Why: adaptivecards-templating walks the template and evaluates every `${…}` through adaptive-expressions at
 * each expansion. Each path lookup builds a memory object and options, splits the path with a regex and
 * compares every key of every object on the way lower-cased. For the report dialog's step card (not shared:
 * it carries her answers) that was ~0.2 ms and ~150 KB of garbage per turn, about a tenth of the bot's CPU at
 * 50 concurrent conversations.
 *
 * How it stays the library's behaviour: the library parses the template (`Template.parseInterpolatedString`,
 * its public parser), and the walk below is its `internalExpand` step by step ($data, $when, $index, null
 * items dropped from arrays, one result or an array). What the cards use is evaluated here, with the rules of
 * adaptive-expressions copied exactly: plain paths (`title`, `$root.x`, `staff[0].value`: case-insensitive keys,
 * the first match in key order, `${path}` put in for an undefined value), the library's own joining of an
 * interpolated string, `if`, `&&`, `count`, `==`/`!=` (by adaptive-expressions' own equality) and `<`, `<=`,
 * `>`, `>=`. Every other expression (`||`, `!`, a `concat` inside another expression, …) is handed to
 * adaptive-expressions with the memory and options the library would give it. The test
 * (test/unit/core/compiledTemplate.test.ts) compares both on every template with the data the real card
 * builders produce, on thousands of altered copies of it, and on the edge cases an independent review found.
 */
export class CompiledTemplate {
  private readonly expandRoot: Expand;

  constructor(payload: unknown) {
    this.expandRoot = compileNode(prepare(payload));
  }

  /** The same result as `new Template(payload).expand({ $root: root })`. */
  expand(root: unknown): unknown {
    return this.expandRoot(new Scope(root));
  }
}

type Expand = (scope: Scope) => unknown;
/** Evaluates in a scope; an evaluation error (not a JS exception) is thrown as EvaluationFailure. */
type Evaluate = (scope: Scope, substitute: boolean) => unknown;

class EvaluationFailure extends Error {}

/** The library's reserved keys: never copied to the card (compared case-sensitively, as it does). */
const RESERVED = new Set(['$data', '$when', '$root', '$index', '$host', '$_acTemplateVersion']);

/**
 * Template.prepare: every string with `${` parsed once into an expression. Keys are assigned one by one, as
 * there (a `__proto__` key then sets the prototype, whose `$when` and `$data` the walk inherits, as there).
 */
function prepare(node: unknown): unknown {
  if (typeof node === 'string') return Template.parseInterpolatedString(node);
  if (Array.isArray(node)) return node.map(prepare);
  if (typeof node === 'object' && node !== null) {
    const result: Record<string, unknown> = {};
    for (const key of Object.keys(node)) result[key] = prepare((node as Record<string, unknown>)[key]);
    return result;
  }
  return node;
}

function compileNode(node: unknown): Expand {
  if (Array.isArray(node)) return compileArray(node);
  if (node instanceof Expression) {
    const evaluate = compileForValue(node, true);
    return (scope) => {
      try {
        return evaluate(scope, true);
      } catch (err) {
        if (err instanceof EvaluationFailure) throw new Error(err.message, { cause: err });
        throw err;
      }
    };
  }
  if (typeof node === 'object' && node !== null) return compileObject(node as Record<string, unknown>);
  return () => node;
}

/** Items that expand to null are left out; an item that expands to an array is spliced in. */
function compileArray(items: unknown[]): Expand {
  const children = items.map(compileNode);
  return (scope) => {
    const result: unknown[] = [];
    for (const child of children) {
      const item = child(scope);
      if (item === null) continue;
      // One by one: spreading a long list into push's arguments overflows the stack (concat, there, does not).
      if (Array.isArray(item)) for (const each of item) result.push(each);
      else result.push(item);
    }
    return result;
  };
}

/**
 * An object: repeated for each item of an array `$data` (with `$index`), kept only where `$when` is true;
 * null when nothing is kept, the object when one is, an array when more are.
 */
function compileObject(node: Record<string, unknown>): Expand {
  const fields = Object.keys(node)
    .filter((key) => !RESERVED.has(key))
    .map((key) => [key, compileNode(node[key])] as const);
  const expandFields = (scope: Scope) => {
    const result: Record<string, unknown> = {};
    for (const [key, expand] of fields) {
      const value = expand(scope);
      if (value !== undefined) result[key] = value;
    }
    return result;
  };
  const when = node.$when;
  const dataContext = node.$data;
  if (when === undefined && dataContext === undefined) return expandFields;

  const keep = compileWhen(when);
  const contexts = compileDataContext(dataContext);
  return (scope) => {
    const saved = { data: scope.data, index: scope.index };
    const { items, isArray } = contexts(scope);
    const kept: unknown[] = [];
    for (let i = 0; i < items.length; i++) {
      if (isArray) scope.index = i;
      if (items[i] !== undefined) scope.data = items[i];
      if (keep(scope)) kept.push(expandFields(scope));
    }
    scope.data = saved.data;
    scope.index = saved.index;
    return kept.length === 0 ? null : kept.length === 1 ? kept[0] : kept;
  };
}

function compileWhen(when: unknown): (scope: Scope) => boolean {
  if (when === undefined) return () => true;
  if (!(when instanceof Expression)) return when ? () => false : () => true;
  const evaluate = compileForValue(when, true);
  return (scope) => {
    try {
      const value = evaluate(scope, false);
      return typeof value === 'boolean' && value;
    } catch (err) {
      if (err instanceof EvaluationFailure) return false;
      throw err;
    }
  };
}

function compileDataContext(dataContext: unknown): (scope: Scope) => { items: unknown[]; isArray: boolean } {
  if (dataContext === undefined) return () => ({ items: [undefined], isArray: false });
  const evaluate: (scope: Scope) => unknown =
    dataContext instanceof Expression ? compileNode(dataContext) : () => dataContext;
  return (scope) => {
    const value = evaluate(scope);
    return Array.isArray(value) ? { items: value, isArray: true } : { items: [value], isArray: false };
  };
}

// ---- expressions ------------------------------------------------------------------------------------------

/**
 * `whole`: the expression is a whole `${…}` string of the template (a property, $data or $when), not a part of
 * another expression; only there does the library join an interpolated string itself.
 */
function compileForValue(expression: Expression, whole = false): Evaluate {
  if (expression.type === ExpressionType.Constant) {
    const value = constantOf(expression);
    return () => value;
  }
  if (expression.type === ExpressionType.Concat)
    return whole ? compileConcat(expression) : delegated(expression);
  const path = pathOf(expression);
  if (path) return (scope, substitute) => valueAt(path, scope, substitute);
  const children = () => expression.children.map((child) => compileForValue(child));
  switch (expression.type) {
    case ExpressionType.If:
      return expression.children.length === 3 ? compileIf(children()) : delegated(expression);
    case ExpressionType.And:
      return compileAnd(children());
    case ExpressionType.Count:
      return expression.children.length === 1
        ? compileCount(children()[0]!, expression.children[0]!)
        : delegated(expression);
    case ExpressionType.Equal:
    case ExpressionType.NotEqual:
      return expression.children.length === 2
        ? compileEquality(expression.type === ExpressionType.Equal, children() as [Evaluate, Evaluate])
        : delegated(expression);
    case ExpressionType.GreaterThan:
    case ExpressionType.GreaterThanOrEqual:
    case ExpressionType.LessThan:
    case ExpressionType.LessThanOrEqual:
      return expression.children.length === 2
        ? compileOrder(expression.type, children() as [Evaluate, Evaluate])
        : delegated(expression);
    default:
      return delegated(expression);
  }
}

/** The value, or `failed` when the evaluation gave an error (JS exceptions go on up, as in the library). */
const failed = Symbol('failed');
function attempt(evaluate: Evaluate, scope: Scope, substitute: boolean): unknown {
  try {
    return evaluate(scope, substitute);
  } catch (err) {
    if (err instanceof EvaluationFailure) return failed;
    throw err;
  }
}

/** adaptive-expressions' isLogicTrue: booleans as they are, null and undefined false, anything else true. */
function isLogicTrue(value: unknown): boolean {
  return typeof value === 'boolean' ? value : value != null;
}

/** if(c, a, b): the condition without substitution (an error counts as false), the branch as asked. */
function compileIf([condition, then, otherwise]: Evaluate[]): Evaluate {
  return (scope, substitute) => {
    const value = attempt(condition!, scope, false);
    return (value !== failed && isLogicTrue(value) ? then! : otherwise!)(scope, substitute);
  };
}

/** a && b: each without substitution, in order; an error or a false one makes it false, never an error. */
function compileAnd(operands: Evaluate[]): Evaluate {
  return (scope) => {
    for (const operand of operands) {
      const value = attempt(operand, scope, false);
      if (value === failed || !isLogicTrue(value)) return false;
    }
    return true;
  };
}

/** count(x): the argument as asked; a string, list, map or object, else an error (null errs as in the library). */
function compileCount(argument: Evaluate, source: Expression): Evaluate {
  return (scope, substitute) => {
    const value = argument(scope, substitute);
    if (
      typeof value !== 'string' &&
      !Array.isArray(value) &&
      !(value instanceof Map) &&
      typeof value !== 'object'
    )
      throw new EvaluationFailure(`${source.toString()} must be a string, list, map or object.`);
    try {
      if (typeof value === 'string' || Array.isArray(value)) return value.length;
      if (value instanceof Map) return value.size;
      return Object.keys(value as object).length;
    } catch (err) {
      throw new EvaluationFailure((err as Error).message);
    }
  };
}

/** a == b, a != b: operands without substitution, an error makes it false; equality is the library's own. */
function compileEquality(equal: boolean, [left, right]: [Evaluate, Evaluate]): Evaluate {
  return (scope) => {
    const a = attempt(left, scope, false);
    if (a === failed) return false;
    const b = attempt(right, scope, false);
    if (b === failed) return false;
    try {
      return FunctionUtils.commonEquals(a, b) === equal;
    } catch (err) {
      throw new EvaluationFailure((err as Error).message);
    }
  };
}

type Ordered = number | string | Date;

const ORDER: Record<string, (a: Ordered, b: Ordered) => boolean> = {
  [ExpressionType.GreaterThan]: (a, b) => a > b,
  [ExpressionType.GreaterThanOrEqual]: (a, b) => a >= b,
  [ExpressionType.LessThan]: (a, b) => a < b,
  [ExpressionType.LessThanOrEqual]: (a, b) => a <= b,
};

/**
 * a > b and the like: operands without substitution; an error or a null operand makes it false; numbers,
 * strings or dates are compared, anything else is an error.
 */
function compileOrder(type: string, [left, right]: [Evaluate, Evaluate]): Evaluate {
  const compare = ORDER[type]!;
  return (scope) => {
    const a = attempt(left, scope, false);
    if (a === failed || a == null) return false;
    const b = attempt(right, scope, false);
    if (b === failed || b == null) return false;
    const comparable =
      (FunctionUtils.isNumber(a) && FunctionUtils.isNumber(b)) ||
      (typeof a === 'string' && typeof b === 'string') ||
      (a instanceof Date && b instanceof Date);
    if (!comparable) throw new EvaluationFailure(notComparable(a, b));
    return compare(a as Ordered, b as Ordered);
  };
}

/**
 * The library's message, made as it makes it (a template literal). Writing a value may itself fail (an object
 * whose `toString` is not a function): there that failure becomes the comparison's error, so here too.
 */
function notComparable(a: unknown, b: unknown): string {
  try {
    return `${a as string} and ${b as string} must be comparable.`;
  } catch (err) {
    return (err as Error).message;
  }
}

/**
 * A whole interpolated string of the template. With substitution (card properties, $data) the library joins it
 * itself: a part that fails becomes `${part}`, and each value is turned into text with toString (so null
 * throws, as there). Without (a $when), adaptive-expressions' concat is used.
 */
function compileConcat(expression: Expression): Evaluate {
  const parts = expression.children.map((child) => ({ child, evaluate: compileForValue(child) }));
  const whole = delegated(expression);
  return (scope, substitute) => {
    if (!substitute) return whole(scope, false);
    let text = '';
    for (const { child, evaluate } of parts) {
      let value: unknown;
      try {
        value = evaluate(scope, true);
      } catch {
        value = `\${${child.toString()}}`;
      }
      text += (value as { toString(): string }).toString();
    }
    return text;
  };
}

/** Anything but a path: adaptive-expressions evaluates it, seeing exactly what the library gives it. */
function delegated(expression: Expression): Evaluate {
  return (scope, substitute) => {
    const { value, error } = expression.tryEvaluate(
      new TemplateMemory(scope),
      substitute ? substitutingOptions() : undefined,
    );
    if (error) throw new EvaluationFailure(String(error));
    return value;
  };
}

/** The library's options for card properties: an undefined value becomes `${path}` (or the global setting). */
function substitutingOptions(): Options {
  const options = new Options();
  options.nullSubstitution = substitution;
  return options;
}

/**
 * The library's TemplateObjectMemory: the same own fields in the same order (paths match them by key order),
 * and a path without a leading `$` read under `$data`.
 */
class TemplateMemory implements MemoryInterface {
  private readonly _memory: SimpleObjectMemory;
  readonly $root: unknown;
  readonly $data: unknown;
  readonly $index: unknown;
  readonly $host: unknown;
  readonly $_acTemplateVersion: unknown;

  constructor(scope: Scope) {
    this._memory = new SimpleObjectMemory(this);
    this.$root = scope.root;
    this.$data = scope.data;
    this.$index = scope.index;
    this.$host = scope.host;
    this.$_acTemplateVersion = scope.version;
  }

  getValue(path: string): unknown {
    return this._memory.getValue(path.length > 0 && path[0] !== '$' ? `$data.${path}` : path);
  }

  setValue(path: string, input: unknown): void {
    this._memory.setValue(path, input);
  }

  version(): string {
    return this._memory.version();
  }
}
