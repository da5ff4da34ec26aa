import { parse } from 'acorn';

/**
 * With `keepNames`, esbuild wraps functions and classes in `__name(fn, "name")` wherever bundling might change
 * the name V8 would give them. Most of these calls change nothing: the language itself already gives that name.
 * They still run every time such a function is created, and a closure handed to `__name` escapes, so the
 * optimiser can neither inline nor drop it. Measured side by side on the guidance turn (the app's path,
 * botbuilder, restify; README, Benchmarks): a bundle with no `__name` at all used 8–11 % less main-thread CPU
 * per turn; dropping only the calls that change nothing saved about 5 %.
 *
 * A call is dropped only where the name is provably the same without it (ECMAScript's NamedEvaluation, function
 * declarations; the rules below), and every other call stays (a renamed `AbortError2`, a member assignment such
 * as `exports.run = function () {}`, a class with a static `name`). Code is only blanked or rewritten in place
 * and padded with spaces to its length, so the source map's columns stay right, except inside the callbacks
 * that get their name back as a named function expression (their bodies move by a few columns).
 */
/**
 * What each dropped call was, counted for the build's log:
 * - `binding`: `let f = __name(() => …, "f")`: an anonymous function, class or arrow bound to `f` is named `f`;
 * - `declaration`: `function f() {}` … `__name(f, "f")`: a declared function is named by its declaration;
 * - `staticBlock`: `class { static { __name(this, "C") } }` in `C = class …` or `class C`: the class already is `C`;
 * - `namedExpression`: `g(__name(function () {}, "f"))` → `g(function f() {})`, when the body never says `f`.
 */
type Rule = 'binding' | 'declaration' | 'staticBlock' | 'namedExpression';

/** An ESTree node as acorn makes it: its own fields are read by name below. */
interface SyntaxNode {
  type: string;
  start: number;
  end: number;
  [field: string]: unknown;
}

interface Edit {
  start: number;
  end: number;
  /** Exactly `end - start` characters long, unless a named expression's header (see nameExpression). */
  text: string;
}

/** Words a function expression's own name may not be (reserved in strict code, or special there). */
const NOT_A_NAME = new Set(
  (
    'arguments eval await yield let static implements interface package private protected public enum break ' +
    'case catch class const continue debugger default delete do else export extends finally for function if ' +
    'import in instanceof new return super switch this throw try typeof var void while with null true false'
  ).split(' '),
);
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** The bundle is a CommonJS script (its `return`s run inside Node's module wrapper). */
const SCRIPT = { ecmaVersion: 'latest', sourceType: 'script', allowReturnOutsideFunction: true } as const;

export function dropRedundantNameCalls(code: string): { code: string; dropped: Record<Rule, number> } {
  const finder = new RedundantNameCalls(code);
  finder.visit(parse(code, SCRIPT) as unknown as SyntaxNode, undefined, undefined);
  const rewritten = applyEdits(code, finder.edits);
  // A mistake here must fail the build, never ship: the result must parse and be exactly as long.
  parse(rewritten, SCRIPT);
  if (rewritten.length !== code.length) throw new Error('bundle: dropping __name calls changed the length');
  return { code: rewritten, dropped: finder.dropped };
}

class RedundantNameCalls {
  readonly edits: Edit[] = [];
  readonly dropped: Record<Rule, number> = { binding: 0, declaration: 0, staticBlock: 0, namedExpression: 0 };
  /** A one-statement static block (and its class) by that statement, and the name a nameless class is bound to. */
  private readonly staticBlocks = new Map<SyntaxNode, { block: SyntaxNode; cls: SyntaxNode }>();
  private readonly boundName = new Map<SyntaxNode, string | undefined>();

  constructor(private readonly code: string) {}

  /**
   * `statements`: the statement list a `__name(f, "f")` statement or sequence element runs in, passed down only
   * through nodes that open no scope (so `f` there is that list's declaration).
   */
  visit(node: SyntaxNode, parent: SyntaxNode | undefined, statements: SyntaxNode[] | undefined): void {
    if (node.type === 'ClassDeclaration' || node.type === 'ClassExpression') this.noteClass(node, parent);
    if (isNameCall(node) && parent) this.consider(node, parent, statements);
    for (const [field, value] of Object.entries(node)) {
      if (Array.isArray(value)) {
        const list = field === 'body' || field === 'consequent' ? (value as SyntaxNode[]) : undefined;
        const passed = node.type === 'SequenceExpression' ? statements : list;
        for (const child of value) if (isNode(child)) this.visit(child, node, passed);
      } else if (isNode(value))
        this.visit(value, node, passesStatements(node, field) ? statements : undefined);
    }
  }

  private consider(call: SyntaxNode, parent: SyntaxNode, statements: SyntaxNode[] | undefined): void {
    const [target, nameLiteral] = call.arguments as [SyntaxNode, SyntaxNode];
    const name = nameLiteral.value as string;
    if (namedByPosition(call, parent) === name && isAnonymous(target)) this.unwrap(call, target, 'binding');
    else if (target.type === 'Identifier' && target.name === name && declares(statements, name)) {
      // An empty statement in its place: the statement before it may have ended without a semicolon.
      if (parent.type === 'ExpressionStatement') this.replace(parent, ';', 'declaration');
      else if (parent.type === 'SequenceExpression') this.dropFromSequence(call, parent);
    } else if (target.type === 'ThisExpression' && parent.type === 'ExpressionStatement') {
      const found = this.staticBlocks.get(parent);
      if (found && this.classNameOf(found.cls) === name)
        this.blank(found.block.start, found.block.end, 'staticBlock');
    } else if (isArgument(call, parent) && canTakeName(target, name)) this.nameExpression(call, target, name);
  }

  private noteClass(cls: SyntaxNode, parent: SyntaxNode | undefined): void {
    for (const member of classMembers(cls))
      if (member.type === 'StaticBlock' && (member.body as SyntaxNode[]).length === 1)
        this.staticBlocks.set((member.body as SyntaxNode[])[0]!, { block: member, cls });
    if (!cls.id && parent) this.boundName.set(cls, namedByPosition(cls, parent));
  }

  /** The name the class has without `__name`, unless a static `name` member could make it something else. */
  private classNameOf(cls: SyntaxNode): string | undefined {
    if (hasStaticName(cls)) return undefined;
    return cls.id ? ((cls.id as SyntaxNode).name as string) : this.boundName.get(cls);
  }

  private unwrap(call: SyntaxNode, target: SyntaxNode, rule: Rule): void {
    this.edits.push(spaces(call.start, target.start), spaces(target.end, call.end));
    this.dropped[rule]++;
  }

  private replace(node: SyntaxNode, text: string, rule: Rule): void {
    this.edits.push({ start: node.start, end: node.end, text: text.padEnd(node.end - node.start) });
    this.dropped[rule]++;
  }

  private blank(start: number, end: number, rule: Rule): void {
    this.edits.push(spaces(start, end));
    this.dropped[rule]++;
  }

  /**
   * `__name(f, "f"), next` → `0, next`, padded: the element becomes a `0`, not nothing, so what follows keeps its
   * place in the expression (`{a: b}[k]` would otherwise start a statement as a block, and a line before without a
   * semicolon would run into it). Never the last element, which is the sequence's value.
   */
  private dropFromSequence(call: SyntaxNode, sequence: SyntaxNode): void {
    const elements = sequence.expressions as SyntaxNode[];
    const at = elements.indexOf(call);
    if (at === elements.length - 1) return;
    const end = elements[at + 1]!.start;
    this.edits.push({ start: call.start, end, text: '0,'.padEnd(end - call.start) });
    this.dropped.declaration++;
  }

  /**
   * `__name(function (a) {…}, "f")` → `function f(a) {…}` padded to the same length. The header may need more room
   * than `__name(function` had (names over six characters); the spaces that replace `, "f")` give it back, so
   * only the body moves, never what follows the call.
   */
  private nameExpression(call: SyntaxNode, fn: SyntaxNode, name: string): void {
    const params = this.code.indexOf('(', fn.start);
    const keyword = this.code.slice(fn.start, params).trim(); // function, function*, async function, …
    const header = `${keyword} ${name}`;
    const room = params - call.start;
    const grown = Math.max(0, header.length - room);
    this.edits.push(
      { start: call.start, end: params, text: header.padEnd(room) },
      { start: fn.end, end: call.end, text: ' '.repeat(call.end - fn.end - grown) },
    );
    this.dropped.namedExpression++;
  }
}

function isNode(value: unknown): value is SyntaxNode {
  return typeof value === 'object' && value !== null && typeof (value as SyntaxNode).type === 'string';
}

/** `__name(<expression>, "<string>")`, as esbuild writes it. */
function isNameCall(node: SyntaxNode): boolean {
  const callee = node.callee as SyntaxNode | undefined;
  const args = node.arguments as SyntaxNode[] | undefined;
  return (
    node.type === 'CallExpression' &&
    callee?.type === 'Identifier' &&
    callee.name === '__name' &&
    args?.length === 2 &&
    args[1]!.type === 'Literal' &&
    typeof args[1]!.value === 'string'
  );
}

/** Where `__name(f, "f")` may sit while `f` is still the statement list's declared function. */
function passesStatements(node: SyntaxNode, field: string): boolean {
  return (
    node.type === 'ExpressionStatement' ||
    node.type === 'ReturnStatement' ||
    (node.type === 'IfStatement' && field === 'test')
  );
}

/**
 * The name NamedEvaluation gives an anonymous function or class in this place: a variable's initialiser, a
 * plain `=` to an identifier, an object property's value or a class field's value (not computed keys).
 */
function namedByPosition(node: SyntaxNode, parent: SyntaxNode): string | undefined {
  const id = (field: unknown) =>
    isNode(field) && field.type === 'Identifier' ? (field.name as string) : undefined;
  if (parent.type === 'VariableDeclarator' && parent.init === node) return id(parent.id);
  if (parent.type === 'AssignmentExpression' && parent.operator === '=' && parent.right === node)
    return id(parent.left);
  const isProperty =
    parent.type === 'Property' && parent.kind === 'init' && !parent.method && !parent.shorthand;
  if ((isProperty || parent.type === 'PropertyDefinition') && parent.value === node && !parent.computed) {
    const key = keyName(parent.key as SyntaxNode);
    // `{ __proto__: value }` sets the prototype: no property, no name.
    return isProperty && key === '__proto__' ? undefined : key;
  }
  return undefined;
}

function keyName(key: SyntaxNode): string | undefined {
  if (key.type === 'Identifier') return key.name as string;
  return key.type === 'Literal' && typeof key.value === 'string' ? key.value : undefined;
}

function isAnonymous(node: SyntaxNode): boolean {
  if (node.type === 'ArrowFunctionExpression') return true;
  if (node.type === 'FunctionExpression') return !node.id;
  return node.type === 'ClassExpression' && !node.id && !hasStaticName(node);
}

function classMembers(cls: SyntaxNode): SyntaxNode[] {
  return (cls.body as SyntaxNode).body as SyntaxNode[];
}

/** A static member called `name` (method, accessor or field) replaces the class's own name; a computed one may. */
function hasStaticName(cls: SyntaxNode): boolean {
  return classMembers(cls).some(
    (member) =>
      member.static === true &&
      (member.computed === true || (isNode(member.key) && keyName(member.key) === 'name')),
  );
}

function declares(statements: SyntaxNode[] | undefined, name: string): boolean {
  return (statements ?? []).some(
    (statement) => statement.type === 'FunctionDeclaration' && (statement.id as SyntaxNode).name === name,
  );
}

function isArgument(node: SyntaxNode, parent: SyntaxNode): boolean {
  const callLike = parent.type === 'CallExpression' || parent.type === 'NewExpression';
  return callLike && (parent.arguments as SyntaxNode[]).includes(node);
}

/** Naming the function expression itself binds `name` inside it: only where nothing there says `name`. */
function canTakeName(fn: SyntaxNode, name: string): boolean {
  return (
    fn.type === 'FunctionExpression' &&
    !fn.id &&
    IDENTIFIER.test(name) &&
    !NOT_A_NAME.has(name) &&
    !mentions(fn, name)
  );
}

function mentions(node: SyntaxNode, name: string): boolean {
  if (node.type === 'Identifier' && node.name === name) return true;
  return Object.values(node).some((value) =>
    Array.isArray(value)
      ? value.some((child) => isNode(child) && mentions(child, name))
      : isNode(value) && mentions(value, name),
  );
}

function spaces(start: number, end: number): Edit {
  return { start, end, text: ' '.repeat(end - start) };
}

function applyEdits(code: string, edits: Edit[]): string {
  const ordered = [...edits].sort((a, b) => a.start - b.start);
  const parts: string[] = [];
  let at = 0;
  for (const edit of ordered) {
    if (edit.start < at) throw new Error(`bundle: overlapping __name edits at ${edit.start}`);
    parts.push(code.slice(at, edit.start), edit.text);
    at = edit.end;
  }
  parts.push(code.slice(at));
  return parts.join('');
}
