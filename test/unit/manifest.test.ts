// The Teams app package: manifest template, schema validation (offline), icons and the zip itself.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import JSZip from 'jszip';
import {
  buildAppPackage,
  checkOutlineIcon,
  checkPackageFiles,
  decodePng,
  fillManifest,
  PackageError,
  readPngSize,
  resolveIds,
  validateManifest,
} from '../../scripts/packageApp';
import { encodePng } from '../../scripts/makeIcons';

const ROOT = path.resolve(__dirname, '..', '..', '..'); // dist/test/unit → project root
const MANIFEST_DIR = path.join(ROOT, 'manifest');
const SAMPLE = {
  TEAMS_APP_ID: '3f1c9a52-7d4e-4b8a-9c21-5e6f7a8b9c0d',
  BOT_ID: '8a7b6c5d-4e3f-4a1b-8c9d-0e1f2a3b4c5d',
};

const template = () => fs.readFileSync(path.join(MANIFEST_DIR, 'manifest.json'), 'utf8');
const filled = (values: Record<string, string> = SAMPLE) =>
  JSON.parse(fillManifest(template(), values)) as Record<string, unknown>;

describe('Teams app package', function () {
  this.timeout(20000); // compiling the Teams schema with ajv takes a moment

  describe('manifest template', () => {
    it('validates against the bundled schema with zero errors once the ids are filled', async () => {
      const manifest = filled();
      assert.deepEqual(await validateManifest(manifest), []);
      assert.deepEqual(await checkPackageFiles(manifest, MANIFEST_DIR), []);
    });

    it('offers the bot, with a Swedish command list, in personal, team and group chat', () => {
      type CommandList = { scopes: string[]; commands: { title: string }[] };
      const bot = (
        filled().bots as { scopes: string[]; supportsFiles: boolean; commandLists: CommandList[] }[]
      )[0]!;
      assert.deepEqual([...bot.scopes].sort(), ['groupChat', 'personal', 'team']);
      assert.equal(bot.supportsFiles, false);
      for (const scope of bot.scopes) {
        const titles =
          bot.commandLists.find((l) => l.scopes.includes(scope))?.commands.map((c) => c.title) ?? [];
        for (const t of ['hjälp', 'vad gör jag nu', 'rapportera incident', 'checklista sammanträde'])
          assert.ok(titles.includes(t), `${scope} lacks "${t}"`);
      }
    });

    it('tells people to call 112 in acute danger, in both languages', () => {
      const m = filled() as { description: { short: string; full: string } };
      const en = JSON.parse(fs.readFileSync(path.join(MANIFEST_DIR, 'en.json'), 'utf8'));
      for (const text of [
        m.description.short,
        m.description.full,
        en['description.short'],
        en['description.full'],
      ])
        assert.match(text, /112/);
    });

    it('rejects a manifest whose bot id is not a GUID', async () => {
      const errors = await validateManifest(filled({ ...SAMPLE, BOT_ID: 'not-a-guid' }));
      assert.ok(
        errors.some((e) => e.includes('/bots/0/botId')),
        errors.join('\n'),
      );
    });

    it('rejects a manifest version with no bundled schema instead of fetching one', async () => {
      const errors = await validateManifest({ ...filled(), manifestVersion: '1.18' });
      assert.equal(errors.length, 1);
      assert.match(errors[0]!, /no schema bundled/);
    });

    it('refuses to leave a ${{TOKEN}} unfilled', () => {
      assert.throws(
        () => fillManifest(template(), { TEAMS_APP_ID: SAMPLE.TEAMS_APP_ID }),
        (e: unknown) => e instanceof PackageError && /BOT_ID/.test(e.problems.join()),
      );
    });
  });

  describe('ids from the environment', () => {
    it('fails with one clear line per missing id, unless --local', () => {
      assert.throws(
        () => resolveIds({}, false),
        (e: unknown) =>
          e instanceof PackageError &&
          e.problems.length === 2 &&
          /TEAMS_APP_ID/.test(e.problems[0]!) &&
          /MicrosoftAppId/.test(e.problems[1]!),
      );
      const local = resolveIds({ MicrosoftAppId: SAMPLE.BOT_ID }, true);
      assert.equal(local.BOT_ID, SAMPLE.BOT_ID); // a real value still wins over the demo id
      assert.match(local.TEAMS_APP_ID, /^[0-9a-f-]{36}$/);
    });

    it('rejects an id that is not a GUID', () => {
      assert.throws(
        () => resolveIds({ TEAMS_APP_ID: 'abc', MicrosoftAppId: SAMPLE.BOT_ID }, false),
        /TEAMS_APP_ID is not a GUID/,
      );
    });
  });

  describe('zip', () => {
    let tmp: string;
    let zip: JSZip;

    before(async () => {
      tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'teams-package-'));
      const out = await buildAppPackage({ values: SAMPLE, outFile: path.join(tmp, 'app.zip') });
      zip = await JSZip.loadAsync(fs.readFileSync(out));
    });

    after(() => fs.rmSync(tmp, { recursive: true, force: true }));

    it('holds exactly the manifest, the icons and the English strings, at the root', () => {
      assert.deepEqual(Object.keys(zip.files).sort(), [
        'color.png',
        'en.json',
        'manifest.json',
        'outline.png',
      ]);
    });

    it('carries a manifest with the ids filled in', async () => {
      const m = JSON.parse(await zip.file('manifest.json')!.async('string'));
      assert.equal(m.id, SAMPLE.TEAMS_APP_ID);
      assert.equal(m.bots[0].botId, SAMPLE.BOT_ID);
      assert.doesNotMatch(JSON.stringify(m), /\$\{\{/);
    });

    it('carries icons of 192×192 and 32×32', async () => {
      assert.deepEqual(readPngSize(await zip.file('color.png')!.async('nodebuffer')), {
        width: 192,
        height: 192,
      });
      assert.deepEqual(readPngSize(await zip.file('outline.png')!.async('nodebuffer')), {
        width: 32,
        height: 32,
      });
    });
  });

  describe('icons', () => {
    const outline = () => decodePng(fs.readFileSync(path.join(MANIFEST_DIR, 'outline.png')));

    it('outline icon: only white or fully transparent pixels, with both present', () => {
      const png = outline();
      assert.equal(png.channels, 4);
      let visible = 0;
      let clear = 0;
      for (let i = 0; i < png.pixels.length; i += 4) {
        const [r, g, b, a] = png.pixels.subarray(i, i + 4);
        if (a === 0) clear++;
        else {
          visible++;
          assert.deepEqual([r, g, b], [255, 255, 255], `pixel ${i / 4} is visible but not white`);
        }
      }
      assert.ok(visible > 100 && clear > 100, `visible ${visible}, transparent ${clear}`);
      assert.equal(png.pixels[3], 0, 'top-left corner must be transparent');
    });

    it('outline check rejects a coloured pixel', () => {
      const px = new Uint8Array(32 * 32 * 4); // all transparent …
      px.set([31, 58, 95, 255], 0); // … but for one blue pixel
      assert.match(
        checkOutlineIcon('x.png', encodePng(32, 32, px)).join(),
        /\(0, 0\) is visible but not white/,
      );
    });

    it('colour icon: the background is the manifest accent colour', () => {
      const png = decodePng(fs.readFileSync(path.join(MANIFEST_DIR, 'color.png')));
      const hex = '#' + Buffer.from(png.pixels.subarray(0, 3)).toString('hex');
      assert.equal(hex.toUpperCase(), String(filled().accentColor).toUpperCase());
    });

    it('PNG decoder undoes all five scanline filters', () => {
      const w = 7;
      const h = 10;
      const px = Uint8Array.from({ length: w * h * 4 }, (_, i) => (i * 37 + (i >> 3) * 11) & 0xff);
      const got = decodePng(encodeWithFilters(w, h, px)).pixels;
      assert.deepEqual(Buffer.from(got), Buffer.from(px));
    });
  });
});

/** A PNG whose row y uses filter y % 5, so a decoder that only handles filter 0 fails. */
function encodeWithFilters(w: number, h: number, px: Uint8Array): Buffer {
  const bpp = 4;
  const stride = w * bpp;
  const raw = Buffer.alloc((stride + 1) * h);
  const at = (x: number, y: number) => (x < 0 || y < 0 ? 0 : px[y * stride + x]!);
  for (let y = 0; y < h; y++) {
    const f = y % 5;
    raw[y * (stride + 1)] = f;
    for (let x = 0; x < stride; x++) {
      const a = at(x - bpp, y);
      const b = at(x, y - 1);
      const c = at(x - bpp, y - 1);
      const p = a + b - c;
      const paeth =
        Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c)
          ? a
          : Math.abs(p - b) <= Math.abs(p - c)
            ? b
            : c;
      const pred = [0, a, b, (a + b) >> 1, paeth][f]!;
      raw[y * (stride + 1) + 1 + x] = (at(x, y) - pred) & 0xff;
    }
  }
  // Re-wrap the IDAT of a plain encoding: keeps this helper free of chunk/CRC code.
  const plain = encodePng(w, h, px);
  const idatStart = plain.indexOf('IDAT') - 4;
  const idatLen = plain.readUInt32BE(idatStart);
  const data = zlib.deflateSync(raw);
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write('IDAT', 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(data, zlib.crc32('IDAT')) >>> 0, 0);
  return Buffer.concat([
    plain.subarray(0, idatStart),
    head,
    data,
    crc,
    plain.subarray(idatStart + 12 + idatLen),
  ]);
}
