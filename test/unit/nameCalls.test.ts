import assert from 'node:assert/strict';
import vm from 'node:vm';
import { transformSync } from 'esbuild';
import { dropRedundantNameCalls } from '../../scripts/nameCalls';

/** The build's esbuild options that shape `__name` calls (scripts/bundleEntry.ts). */
const BUILD_LIKE = {
  keepNames: true,
  minifyWhitespace: true,
  minifySyntax: true,
  format: 'cjs',
  target: 'node20',
  platform: 'node',
} as const;

/** Source with every kind of function and class the rules see, each reachable through `all()`. */
const SOURCE = `
function declared() { return 1; }
const arrow = () => 1;
let fnExpr = function () {};
const obj = { prop: () => 2, method() {} };
class Declared { static make() { return 1; } }
const Expr = class {};
const holder = { Held: class {} };
class WithStaticName { static name() { return 'custom'; } }
function outer() { function inner() {} const local = () => inner; return [inner, local]; }
exports.member = function () {};
function callbacks() {
  return [
    exports.take(function named() { return 1; }),
    exports.take(function again(n) { return n ? again(n - 1) : 0; }),
    exports.take(async function asyncNamed() {}),
    exports.take(function* generatorNamed() {}),
    exports.take(function named2(x) { return x; }),
  ];
}
function awaiter() {
  function adopt(v) { return v; }
  return adopt(1), new Promise(function (resolve) { function step(r) { resolve(r); } step(2); });
}
exports.take = (f) => f;
module.exports.all = () => ({
  declared, arrow, fnExpr, prop: obj.prop, method: obj.method, Declared, Expr, Held: holder.Held,
  WithStaticName, inner: outer()[0], local: outer()[1], member: exports.member, awaiter,
  ...Object.fromEntries(callbacks().map((f, i) => ['callback' + i, f])),
});
`;

/** Runs CommonJS code and returns the `name` property descriptor of every function `all()` gives. */
function namesIn(code: string): Record<string, PropertyDescriptor | undefined> {
  const module = { exports: {} as { all?: () => Record<string, unknown> } };
  vm.runInNewContext(code, { module, exports: module.exports });
  const functions = module.exports.all!();
  return Object.fromEntries(
    Object.entries(functions).map(([key, fn]) => {
      const descriptor = Object.getOwnPropertyDescriptor(fn, 'name');
      // A static `name` method is a function of the other context: compare what it is, not its identity.
      return [key, descriptor && { ...descriptor, value: String(descriptor.value).slice(0, 40) }];
    }),
  );
}

describe('dropping redundant __name calls from the bundle (scripts/nameCalls.ts)', () => {
  const esbuilt = transformSync(SOURCE, BUILD_LIKE).code;

  it('gives every function and class exactly the name descriptor esbuild keepNames gives it', () => {
    const { code } = dropRedundantNameCalls(esbuilt);

    assert.deepEqual(namesIn(code), namesIn(esbuilt));
    assert.equal(namesIn(code).callback0?.value, 'named', 'a callback whose name minification dropped');
    assert.equal(code.length, esbuilt.length, 'padded in place, so the source map columns stay');
  });

  it('drops the calls of every rule, so the comparison above covers each', () => {
    const { code, dropped } = dropRedundantNameCalls(esbuilt);

    assert.ok(dropped.binding >= 3, `binding ${dropped.binding}`); // arrow, fnExpr, prop
    assert.ok(dropped.declaration >= 5, `declaration ${dropped.declaration}`); // incl. adopt and step
    assert.ok(dropped.staticBlock >= 3, `staticBlock ${dropped.staticBlock}`); // Declared, Expr, Held
    assert.equal(dropped.namedExpression, 4); // not `again`, which keeps its own name
    const left = code.match(/__name\(/g) ?? [];
    assert.ok(left.length <= 2, `left: ${left.length} (the helper and again's)`);
  });

  it('keeps every call whose name the language would not give', () => {
    const keep = [
      // renamed by bundling: the declaration says AbortError2
      'function AbortError2(){}__name(AbortError2,"AbortError");',
      // a member assignment names nothing
      'exports.run=__name(function(){},"run");',
      // a static `name` member replaces the class's name, so the class must not be assumed to be "C"
      'var C=class{static{__name(this,"C")}static name=1};',
      'class D{static{__name(this,"D")}static get name(){return"x"}}',
      // a renamed class, and one whose computed static member may be `name`
      'var E2=class{static{__name(this,"E")}};',
      'var F=class{static{__name(this,"F")}static get[k](){return"x"}};',
      // `__proto__:` sets the prototype, it names nothing
      'var o={__proto__:__name(function(){},"__proto__")};',
      // naming the expression would bind `again` inside it, where the body refers to another `again`
      'use(__name(function(){return again},"again"));',
      // called at once: `function f(){}()` would be a declaration
      '__name(function(){},"f")();',
      // no identifier, and a reserved word
      'use(__name(function(){},"my-fn"));use(__name(function(){},"default"));',
      // a var that is not the declared function
      'var g=h;__name(g,"g");',
    ];
    for (const code of keep) {
      const result = dropRedundantNameCalls(code);
      assert.equal(result.code, code, code);
      assert.deepEqual(Object.values(result.dropped), [0, 0, 0, 0], code);
    }
  });

  it('leaves an empty statement where a dropped statement was, so the statement before stays ended', () => {
    // `x=y` ends only because `__name` cannot continue it; spaces alone would make it `x=y(0,exports.log)(x)`.
    const code = 'function f(){}var x;x=exports.y\n__name(f,"f");(0,exports.log)(x)';
    const { code: rewritten } = dropRedundantNameCalls(code);

    const logged: unknown[] = [];
    vm.runInNewContext(rewritten, { exports: { y: 5, log: (value: unknown) => logged.push(value) } });
    assert.deepEqual(logged, [5]);
    assert.equal(rewritten.length, code.length);
  });

  it('leaves a 0 where a dropped sequence element was, so what follows stays an expression', () => {
    // esbuild writes `function f(){}__name(f,"f"),{a:out}[m].push(1)`: without its first element the statement
    // would start with `{`, a block, and still parse.
    const source = `const out = [];
      function g(m) { function f() {} ({ a: out })[m].push(1); for (const x of out) globalThis.seen = x; return f; }
      module.exports.run = () => [g('a').name, out.length];`;
    const esbuilt = transformSync(source, BUILD_LIKE).code;
    const run = (code: string) => {
      const module = { exports: {} as { run?: () => unknown } };
      vm.runInNewContext(code, { module, exports: module.exports });
      return JSON.stringify(module.exports.run!());
    };
    const { code, dropped } = dropRedundantNameCalls(esbuilt);

    assert.ok(dropped.declaration >= 1);
    assert.match(esbuilt, /__name\(f,"f"\),\{a:out\}\[m\]\.push\(1\);/, 'the shape this is about');
    assert.equal(run(code), '["f",1]');
    assert.equal(run(code), run(esbuilt));
    // And a line before it without a semicolon still ends there.
    const asi = 'function f(){}var x;x=exports.y\n__name(f,"f"),(0,exports.log)(x)';
    const logged: unknown[] = [];
    vm.runInNewContext(dropRedundantNameCalls(asi).code, {
      exports: { y: 5, log: (value: unknown) => logged.push(value) },
    });
    assert.deepEqual(logged, [5]);
  });

  it('fails rather than write code that does not parse', () => {
    assert.throws(() => dropRedundantNameCalls('function ('), /Unexpected token/);
  });
});
