// Builds the Teams app package: fills the ids into manifest/manifest.json, validates it offline against the schema
// bundled in @microsoft/app-manifest, checks the icons, and zips everything to appPackage/build/.
// Usage: npm run package [-- --local]   (--local: demo GUIDs for ids that are not set)
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { AppManifestUtils, type AppManifest } from '@microsoft/app-manifest';
import { config as loadDotenv } from 'dotenv';
import JSZip from 'jszip';

const ROOT = path.resolve(__dirname, '..', '..');
export const MANIFEST_DIR = path.join(ROOT, 'manifest');
export const OUT_FILE = path.join(ROOT, 'appPackage', 'build', 'trygg-fortroendevald.zip');

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Fixed, obviously fake ids so a --local package is reproducible and never mistaken for a real registration. */
export const DEMO_IDS = {
  TEAMS_APP_ID: '00000000-0000-4000-8000-00000000a001',
  BOT_ID: '00000000-0000-4000-8000-00000000b001',
} as const;

export type ManifestValues = Record<'TEAMS_APP_ID' | 'BOT_ID', string>;

/** Thrown with every problem found, so the caller can print one line per problem. */
export class PackageError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
  }
}

/** Reads the ids from the environment: TEAMS_APP_ID and MicrosoftAppId (the bot's Entra app id). */
export function resolveIds(env: NodeJS.ProcessEnv, local: boolean): ManifestValues {
  const problems: string[] = [];
  const pick = (envName: string, key: keyof ManifestValues): string => {
    const value = env[envName]?.trim();
    if (!value) {
      if (local) return DEMO_IDS[key];
      problems.push(`${envName} is not set: put its GUID in .env or the environment (or run with --local)`);
      return '';
    }
    if (!GUID.test(value)) problems.push(`${envName} is not a GUID: "${value}"`);
    return value;
  };
  const ids = {
    TEAMS_APP_ID: pick('TEAMS_APP_ID', 'TEAMS_APP_ID'),
    BOT_ID: pick('MicrosoftAppId', 'BOT_ID'),
  };
  if (problems.length) throw new PackageError(problems);
  return ids;
}

/** Replaces ${{NAME}} tokens (the Agents Toolkit style) in the template text; an unknown token is an error. */
export function fillManifest(template: string, values: Record<string, string>): string {
  const missing = new Set<string>();
  const filled = template.replace(/\$\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g, (token, name: string) => {
    if (values[name] === undefined) missing.add(name);
    return values[name] ?? token;
  });
  if (missing.size) throw new PackageError([...missing].map((n) => `manifest.json: no value for \${{${n}}}`));
  return filled;
}

type Json = Record<string, unknown>;
type Schema = NonNullable<Parameters<typeof AppManifestUtils.validateAgainstSchema>[1]>;

/**
 * Loads a schema that ships inside @microsoft/app-manifest. We pass it explicitly because the library's
 * own lookup silently falls back to fetching the $schema URL when it has no local copy (e.g. v1.18).
 */
function bundledSchema(
  version: string,
  file: 'MicrosoftTeams' | 'MicrosoftTeams.Localization',
): Schema | undefined {
  const pkgDir = path.dirname(require.resolve('@microsoft/app-manifest/package.json'));
  const p = path.join(pkgDir, 'build', 'json-schemas', 'teams', `v${version}`, `${file}.schema.json`);
  return fs.existsSync(p) ? (unicodeSafe(JSON.parse(fs.readFileSync(p, 'utf8'))) as Schema) : undefined;
}

/**
 * The library's ajv compiles patterns with the `u` flag, which rejects a lone `]` that every bundled
 * Localization schema (1.17–1.30) has in its activities.activityTypes keys. Escaping a `]` outside a
 * character class keeps the meaning it has without `u` (a literal `]`), so nothing gets looser.
 */
function unicodeSafe(node: unknown, isPatternMap = false): unknown {
  if (Array.isArray(node)) return node.map((n) => unicodeSafe(n));
  if (!node || typeof node !== 'object') return node;
  return Object.fromEntries(
    Object.entries(node).map(([k, v]) => [
      isPatternMap ? escapeLoneBrackets(k) : k,
      k === 'pattern' && typeof v === 'string'
        ? escapeLoneBrackets(v)
        : unicodeSafe(v, k === 'patternProperties'),
    ]),
  );
}

function escapeLoneBrackets(pattern: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '\\') out += c + (pattern[++i] ?? '');
    else if (c === ']' && !inClass) out += '\\]';
    else {
      if (c === '[') inClass = true;
      else if (c === ']') inClass = false;
      out += c;
    }
  }
  return out;
}

const schemaUrl = (version: string, file: string) =>
  `https://developer.microsoft.com/json-schemas/teams/v${version}/${file}.schema.json`;

async function schemaErrors(label: string, doc: Json, schema: Schema): Promise<string[]> {
  try {
    const errors = await AppManifestUtils.validateAgainstSchema(doc as AppManifest, schema);
    return errors.map((e) => `${label}: ${e.trim()}`);
  } catch (e) {
    return [`${label}: the bundled schema does not compile (${(e as Error).message})`];
  }
}

/** Schema validation plus the cross-field rules Teams enforces that the schema cannot express. No I/O. */
export async function validateManifest(manifest: Json): Promise<string[]> {
  const version = String(manifest.manifestVersion);
  const schema = bundledSchema(version, 'MicrosoftTeams');
  if (!schema)
    return [`manifest.json: manifestVersion "${version}" has no schema bundled in @microsoft/app-manifest`];
  const problems = await schemaErrors('manifest.json', manifest, schema);
  if (manifest.$schema !== schemaUrl(version, 'MicrosoftTeams'))
    problems.push(`manifest.json: $schema should be ${schemaUrl(version, 'MicrosoftTeams')}`);
  type Bot = { scopes?: string[]; commandLists?: { scopes?: string[] }[] };
  for (const [i, bot] of ((manifest.bots ?? []) as Bot[]).entries()) {
    const seen = new Set<string>();
    for (const [j, list] of (bot.commandLists ?? []).entries())
      for (const scope of list.scopes ?? []) {
        if (!bot.scopes?.includes(scope))
          problems.push(`manifest.json: /bots/${i}/commandLists/${j} uses scope "${scope}" the bot lacks`);
        if (seen.has(scope)) problems.push(`manifest.json: /bots/${i} has two command lists for "${scope}"`);
        seen.add(scope);
      }
  }
  return problems;
}

/** Follows a localization key such as "bots[0].commandLists[1].commands[2].title" into the manifest. */
function lookup(doc: unknown, key: string): unknown {
  return key
    .split(/\.|\[(\d+)\]/)
    .filter((k) => k)
    .reduce<unknown>((node, k) => (node && typeof node === 'object' ? (node as Json)[k] : undefined), doc);
}

/** The files the manifest points at (icons, language files): these, plus manifest.json, make up the package. */
export function referencedFiles(manifest: Json): string[] {
  const icons = (manifest.icons ?? {}) as Record<string, string>;
  const loc = (manifest.localizationInfo ?? {}) as {
    defaultLanguageFile?: string;
    additionalLanguages?: { file: string }[];
  };
  const files = [
    ...Object.values(icons),
    ...(loc.defaultLanguageFile ? [loc.defaultLanguageFile] : []),
    ...(loc.additionalLanguages ?? []).map((l) => l.file),
  ];
  return [...new Set(files)];
}

/** Checks the referenced files: present, inside the folder, language files valid, icons the right size. */
export async function checkPackageFiles(manifest: Json, dir: string): Promise<string[]> {
  const problems: string[] = [];
  const version = String(manifest.manifestVersion);
  const icons = (manifest.icons ?? {}) as Record<string, string>;
  for (const file of referencedFiles(manifest)) {
    const full = path.resolve(dir, file);
    if (path.dirname(full) !== path.resolve(dir)) {
      problems.push(`${file}: must sit next to manifest.json (the package is flat)`);
      continue;
    }
    if (!fs.existsSync(full)) {
      problems.push(`${file}: referenced by manifest.json but missing in ${dir}`);
      continue;
    }
    if (file.endsWith('.json')) problems.push(...(await checkLanguageFile(file, full, manifest, version)));
  }
  const color = icons.color && path.join(dir, icons.color);
  const outline = icons.outline && path.join(dir, icons.outline);
  if (color && fs.existsSync(color))
    problems.push(...checkIconSize(icons.color!, fs.readFileSync(color), 192));
  if (outline && fs.existsSync(outline))
    problems.push(...checkOutlineIcon(icons.outline!, fs.readFileSync(outline)));
  return problems;
}

async function checkLanguageFile(
  file: string,
  full: string,
  manifest: Json,
  version: string,
): Promise<string[]> {
  let doc: Json;
  try {
    doc = JSON.parse(fs.readFileSync(full, 'utf8')) as Json;
  } catch (e) {
    return [`${file}: not valid JSON (${(e as Error).message})`];
  }
  const schema = bundledSchema(version, 'MicrosoftTeams.Localization');
  const problems = schema ? await schemaErrors(file, doc, schema) : [];
  // A key whose path no longer exists in the manifest is silently ignored by Teams: catch the drift here.
  for (const key of Object.keys(doc))
    if (key !== '$schema' && key !== 'localizationKeys' && lookup(manifest, key) === undefined)
      problems.push(`${file}: key "${key}" does not match anything in manifest.json`);
  return problems;
}

/** Width and height from the IHDR chunk, which the PNG format requires to come first. */
export function readPngSize(buf: Buffer): { width: number; height: number } {
  const signature = '89504e470d0a1a0a';
  if (
    buf.length < 24 ||
    buf.subarray(0, 8).toString('hex') !== signature ||
    buf.toString('ascii', 12, 16) !== 'IHDR'
  )
    throw new Error('not a PNG file');
  return { width: buf.readUInt32BE(16), height: buf.readUInt32BE(20) };
}

export interface DecodedPng {
  width: number;
  height: number;
  channels: 1 | 2 | 3 | 4; // grey, grey+alpha, RGB, RGBA
  pixels: Uint8Array; // width * height * channels bytes, unfiltered
}

/** Decodes 8-bit, non-interlaced greyscale/RGB(A) PNGs, undoing all five scanline filters. */
export function decodePng(buf: Buffer): DecodedPng {
  const { width, height } = readPngSize(buf);
  const [depth, colorType, , , interlace] = buf.subarray(24, 29);
  const channels = ({ 0: 1, 4: 2, 2: 3, 6: 4 } as Record<number, 1 | 2 | 3 | 4>)[colorType!];
  if (depth !== 8 || !channels || interlace !== 0)
    throw new Error(`unsupported PNG (bit depth ${depth}, colour type ${colorType}, interlace ${interlace})`);
  const idat: Buffer[] = [];
  for (let o = 8; o + 8 <= buf.length;) {
    const len = buf.readUInt32BE(o);
    if (buf.toString('ascii', o + 4, o + 8) === 'IDAT') idat.push(buf.subarray(o + 8, o + 8 + len));
    o += 12 + len;
  }
  const raw = zlib.inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  if (raw.length < (stride + 1) * height) throw new Error('PNG image data is truncated');
  const out = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    const row = y * stride;
    for (let x = 0; x < stride; x++) {
      const a = x >= channels ? out[row + x - channels]! : 0; // left
      const b = y > 0 ? out[row - stride + x]! : 0; // up
      const c = x >= channels && y > 0 ? out[row - stride + x - channels]! : 0; // up-left
      let pred: number;
      if (filter === 0) pred = 0;
      else if (filter === 1) pred = a;
      else if (filter === 2) pred = b;
      else if (filter === 3) pred = (a + b) >> 1;
      else if (filter === 4) {
        const p = a + b - c;
        const pa = Math.abs(p - a);
        const pb = Math.abs(p - b);
        const pc = Math.abs(p - c);
        pred = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      } else throw new Error(`bad PNG filter type ${filter} on row ${y}`);
      out[row + x] = (line[x]! + pred) & 0xff;
    }
  }
  return { width, height, channels, pixels: out };
}

function checkIconSize(name: string, buf: Buffer, size: number): string[] {
  try {
    const { width, height } = readPngSize(buf);
    return width === size && height === size
      ? []
      : [`${name}: is ${width}×${height}, must be ${size}×${size}`];
  } catch (e) {
    return [`${name}: ${(e as Error).message}`];
  }
}

/** Teams' rule for the outline icon: 32×32, white where visible, fully transparent elsewhere. */
export function checkOutlineIcon(name: string, buf: Buffer): string[] {
  const sizeProblems = checkIconSize(name, buf, 32);
  if (sizeProblems.length) return sizeProblems;
  let png: DecodedPng;
  try {
    png = decodePng(buf);
  } catch (e) {
    return [`${name}: ${(e as Error).message}`];
  }
  if (png.channels % 2 !== 0) return [`${name}: has no alpha channel, the background must be transparent`];
  let transparent = 0;
  for (let i = 0; i < png.width * png.height; i++) {
    const px = png.pixels.subarray(i * png.channels, (i + 1) * png.channels);
    const alpha = px[png.channels - 1]!;
    if (alpha === 0) transparent++;
    else if (px.subarray(0, png.channels - 1).some((v) => v !== 255))
      return [`${name}: pixel (${i % png.width}, ${Math.floor(i / png.width)}) is visible but not white`];
  }
  return transparent ? [] : [`${name}: has no transparent pixels`];
}

/** Zips manifest.json and the files it references at the zip root. A fixed date keeps the zip byte-identical. */
export async function buildZip(manifestText: string, dir: string): Promise<Buffer> {
  const zip = new JSZip();
  const date = new Date('2024-02-13T00:00:00Z'); // the day kommunstyrelsen adopted the guideline
  zip.file('manifest.json', manifestText, { date });
  for (const file of referencedFiles(JSON.parse(manifestText) as Json))
    zip.file(file, fs.readFileSync(path.join(dir, file)), { date });
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 9 } });
}

/** Fill → validate → check files → zip → write. Throws PackageError listing every problem found. */
export async function buildAppPackage(opts: {
  values: ManifestValues;
  manifestDir?: string;
  outFile?: string;
}): Promise<string> {
  const dir = opts.manifestDir ?? MANIFEST_DIR;
  const outFile = opts.outFile ?? OUT_FILE;
  const text = fillManifest(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'), opts.values);
  const manifest = JSON.parse(text) as Json;
  const problems = [...(await validateManifest(manifest)), ...(await checkPackageFiles(manifest, dir))];
  if (problems.length) throw new PackageError(problems);
  fs.mkdirSync(path.dirname(outFile), { recursive: true });
  fs.writeFileSync(outFile, await buildZip(text, dir));
  return outFile;
}

async function main(argv: string[]): Promise<void> {
  const local = argv.includes('--local');
  loadDotenv({ path: path.join(ROOT, '.env'), quiet: true }); // never overrides variables already set
  const values = resolveIds(process.env, local);
  const outFile = await buildAppPackage({ values });
  console.log(`Teams app package: ${path.relative(process.cwd(), outFile) || outFile}`);
  if (local) console.log(`(--local: TEAMS_APP_ID=${values.TEAMS_APP_ID}, bot id ${values.BOT_ID})`);
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((e: unknown) => {
    const lines = e instanceof PackageError ? e.problems : [e instanceof Error ? e.message : String(e)];
    for (const line of lines) console.error(`packageApp: ${line}`);
    process.exit(1);
  });
}
