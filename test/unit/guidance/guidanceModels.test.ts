import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_GUIDELINE_DATA_DIR, loadGuidelineData } from '../../../src/app';
import { loadAcuteExamples } from '../../../src/guidance/domain/acuteDanger';
import { TRAINING_QUESTIONS_FILE } from '../../../src/guidance/domain/knowledgeBase';
import {
  loadGuidanceModels,
  modelInputsHash,
  MODELS_ARTIFACT,
  readArtifact,
  saveGuidanceModels,
  trainGuidanceModels,
  writeArtifact,
  type Artifact,
  type GuidanceModels,
} from '../../../src/guidance/models';
import { loadQaSets } from '../../../scripts/evalQa';
import sinon from 'sinon';
import { Spelling } from '../../../src/guidance/domain/spelling';
import * as stemmers from '../../../src/core/text/stemmers';
import * as acuteDanger from '../../../src/guidance/domain/acuteDanger';

/** nlp.js's language guesser, which learns trigrams from every sentence it is given (no types shipped). */
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the module nlp.js itself loads, to spy on
const { Language } = require('@nlpjs/language-min') as {
  Language: { prototype: { addTrigrams(locale: string, sentence: string): void } };
};

/**
 * The models saved at build time must answer exactly as freshly trained ones (same topics, scores, points,
 * danger levels and acute shares), and a start with a stale or missing artifact trains instead.
 */
describe('guidance models: the build-time artifact', function () {
  this.timeout(180_000);
  const dataDir = DEFAULT_GUIDELINE_DATA_DIR;
  const { knowledgeBase, channels } = loadGuidelineData(dataDir);
  const sources = { knowledgeBase, channels, dataDir };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'models-'));
  const file = path.join(dir, 'guidance.bin');
  let trained: GuidanceModels;

  before(async () => {
    trained = await trainGuidanceModels(sources);
    saveGuidanceModels(trained, dataDir, file);
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('answers every dev question and labelled message exactly as the freshly trained models', async () => {
    const loaded = await loadGuidanceModels(sources, file);
    assert.deepEqual(loaded.origin, { from: 'artifact' });
    const { qaSet, qaUnseen, acuteUnseen } = loadQaSets();
    const questions = [...qaSet, ...qaUnseen];
    assert.ok(questions.length >= 600);
    for (const { q, lang } of questions) {
      const locale = lang === 'en' ? 'en' : 'sv';
      assert.deepEqual(await loaded.matcher.match(q, locale), await trained.matcher.match(q, locale), q);
    }
    // Every 7th labelled message (1 300 of them) and every dev and unseen message through the detector.
    const messages = [
      ...questions.map(({ q }) => q),
      ...acuteUnseen.map(({ q }) => q),
      ...loadAcuteExamples()
        .filter((_, i) => i % 7 === 0)
        .map(({ q }) => q),
    ];
    let possibleOrAcute = 0;
    for (const q of messages) {
      const level = await loaded.dangerDetector.assess(q);
      assert.equal(level, await trained.dangerDetector.assess(q), q);
      assert.equal(loaded.dangerDetector.acuteShare(q), trained.dangerDetector.acuteShare(q), q);
      if (level !== 'none') possibleOrAcute++;
    }
    assert.ok(possibleOrAcute > 100, `the comparison covers danger too (${possibleOrAcute} messages)`);
  });

  it('a start from the artifact counts no words for the spelling (it is saved; counting cost ~100 ms)', async () => {
    const counting = sinon.spy(Spelling, 'fromTexts');
    try {
      const loaded = await loadGuidanceModels(sources, file);
      assert.deepEqual(loaded.origin, { from: 'artifact' });
      assert.equal(counting.callCount, 0);
      assert.equal(
        await loaded.dangerDetector.assess('hanärinneihuset'),
        await trained.dangerDetector.assess('hanärinneihuset'),
      );
    } finally {
      counting.restore();
    }
  });

  it('a start from the artifact stems no known word, feeds nlp.js’s language guesser no sentence and reads no labelled message', async () => {
    // Stemming the spelling's 6 600 known words (~60 ms), rebuilding the guesser's trigrams from every training
    // sentence (30–80 ms; classification is always given the locale) and parsing the 10 000 labelled messages
    // for their acute flags (~25 ms) were work of every start.
    const trigrams = sinon.spy(Language.prototype, 'addTrigrams');
    const swedish = sinon.spy(stemmers, 'stemSwedish');
    const english = sinon.spy(stemmers, 'stemEnglish');
    const examples = sinon.spy(acuteDanger, 'loadAcuteExamples');
    let loaded: Awaited<ReturnType<typeof loadGuidanceModels>>;
    try {
      // The spies see that work where it is done: a start without an artifact trains, and does all three.
      const training = await loadGuidanceModels(sources, path.join(dir, 'absent.bin'));
      assert.equal(training.origin.from, 'training');
      assert.ok(trigrams.callCount > 0, 'the spy sees the guesser learn when training');
      assert.ok(swedish.callCount > 0 && english.callCount > 0, 'the spies see stemming when training');
      assert.equal(examples.callCount, 1, 'the spy sees the labelled messages read when training');
      for (const spy of [trigrams, swedish, english, examples]) spy.resetHistory();
      loaded = await loadGuidanceModels(sources, file);
      assert.deepEqual(loaded.origin, { from: 'artifact' });
      assert.equal(trigrams.callCount, 0, 'guesser sentences');
      assert.equal(swedish.callCount + english.callCount, 0, 'words stemmed');
      assert.equal(examples.callCount, 0, 'labelled messages read');
    } finally {
      trigrams.restore();
      swedish.restore();
      english.restore();
      examples.restore();
    }
    for (const [q, locale] of [
      ['hur anmäler jag ett hot?', 'sv'],
      ['how do I report a threat?', 'en'],
      ['någon följer efter mig hem', 'sv'],
    ] as const)
      assert.deepEqual(await loaded.matcher.match(q, locale), await trained.matcher.match(q, locale), q);
  });

  it('trains instead, with the reason, when the artifact is missing, stale or unreadable', async () => {
    const missing = await loadGuidanceModels(sources, path.join(dir, 'none.json'));
    assert.equal(missing.origin.from, 'training');
    assert.match(missing.origin.from === 'training' ? missing.origin.reason : '', /no artifact/);

    const stale = path.join(dir, 'stale.bin');
    const bytes = fs.readFileSync(file);
    const hashAt = bytes.indexOf('"inputsHash":"') + '"inputsHash":"'.length;
    fs.writeFileSync(
      stale,
      Buffer.concat([bytes.subarray(0, hashAt), Buffer.from('00000000'), bytes.subarray(hashAt + 8)]),
    );
    const fromStale = await loadGuidanceModels(sources, stale);
    assert.match(fromStale.origin.from === 'training' ? fromStale.origin.reason : '', /other data or code/);
    assert.equal(
      await fromStale.dangerDetector.assess('han står utanför dörren med en kniv nu'),
      'acute',
      'the trained fallback answers',
    );

    const broken = path.join(dir, 'broken.bin');
    fs.writeFileSync(broken, bytes.subarray(0, 5_000));
    const fromBroken = await loadGuidanceModels(sources, broken);
    assert.match(fromBroken.origin.from === 'training' ? fromBroken.origin.reason : '', /unreadable/);

    // Cut in the arrays' bytes after a whole JSON part.
    const cut = path.join(dir, 'cut.bin');
    fs.writeFileSync(cut, bytes.subarray(0, bytes.length - 1_000));
    const fromCut = await loadGuidanceModels(sources, cut);
    assert.match(
      fromCut.origin.from === 'training' ? fromCut.origin.reason : '',
      /unreadable: artifact: .*cut short/,
    );
  });

  it('records the byte order it was written in, and a start on a machine of the other order trains instead', async () => {
    const bytes = fs.readFileSync(file);
    const ours = `"endianness":"${os.endianness()}"`;
    const head = bytes.subarray(0, 200).toString('utf8');
    assert.ok(head.includes(ours), `the head names the byte order: ${head.slice(0, 120)}`);
    const other = `"endianness":"${os.endianness() === 'LE' ? 'BE' : 'LE'}"`;
    const at = bytes.indexOf(ours);
    const swapped = path.join(dir, 'other-order.bin');
    fs.writeFileSync(
      swapped,
      Buffer.concat([bytes.subarray(0, at), Buffer.from(other), bytes.subarray(at + ours.length)]),
    );
    const loaded = await loadGuidanceModels(sources, swapped);
    assert.equal(loaded.origin.from, 'training');
    assert.match(loaded.origin.from === 'training' ? loaded.origin.reason : '', /another byte order/);
    assert.throws(() => readArtifact(swapped), /another byte order/);
  });

  it('is stale when the compiled code of the artifact’s layout changes (models.js, binaryArtifact.js)', () => {
    for (const name of ['models.js', 'binaryArtifact.js']) {
      const compiled = path.join(path.dirname(MODELS_ARTIFACT), '..', 'src', 'guidance', name);
      const original = fs.readFileSync(compiled);
      const before = modelInputsHash(dataDir);
      try {
        fs.writeFileSync(compiled, Buffer.concat([original, Buffer.from('\n// changed\n')]));
        assert.notEqual(modelInputsHash(dataDir), before, name);
      } finally {
        fs.writeFileSync(compiled, original);
      }
      assert.equal(modelInputsHash(dataDir), before, name);
    }
  });

  it('is stale for other knowledge-base data (another municipality’s topics.json)', async () => {
    const otherDir = path.join(dir, 'other');
    fs.mkdirSync(otherDir);
    const topics = JSON.parse(fs.readFileSync(path.join(dataDir, 'topics.json'), 'utf8')) as unknown[];
    fs.writeFileSync(path.join(otherDir, 'topics.json'), JSON.stringify(topics.slice(1)));
    const fromOther = await loadGuidanceModels({ ...sources, dataDir: otherDir }, file);
    assert.match(fromOther.origin.from === 'training' ? fromOther.origin.reason : '', /other data or code/);
  });

  it('is stale when the training questions beside topics.json change', () => {
    const copy = path.join(dir, 'questions');
    fs.mkdirSync(copy);
    fs.copyFileSync(path.join(dataDir, 'topics.json'), path.join(copy, 'topics.json'));
    const withoutQuestions = modelInputsHash(copy);
    const questions = JSON.parse(fs.readFileSync(path.join(dataDir, TRAINING_QUESTIONS_FILE), 'utf8')) as {
      questions: unknown[];
    };
    fs.writeFileSync(path.join(copy, TRAINING_QUESTIONS_FILE), JSON.stringify(questions));
    const withQuestions = modelInputsHash(copy);
    questions.questions.pop();
    fs.writeFileSync(path.join(copy, TRAINING_QUESTIONS_FILE), JSON.stringify(questions));
    assert.notEqual(withQuestions, withoutQuestions);
    assert.notEqual(modelInputsHash(copy), withQuestions);
  });

  it('is stale when channel-words.json beside topics.json changes (the vocabulary is built from it)', () => {
    const copy = path.join(dir, 'channels');
    fs.mkdirSync(copy);
    fs.copyFileSync(path.join(dataDir, 'topics.json'), path.join(copy, 'topics.json'));
    fs.copyFileSync(path.join(dataDir, 'channel-words.json'), path.join(copy, 'channel-words.json'));
    const original = modelInputsHash(copy);
    const channelWords = JSON.parse(fs.readFileSync(path.join(copy, 'channel-words.json'), 'utf8')) as {
      about?: string;
    };
    channelWords.about = `${channelWords.about ?? ''} (changed)`;
    fs.writeFileSync(path.join(copy, 'channel-words.json'), JSON.stringify(channelWords));
    assert.notEqual(modelInputsHash(copy), original);
  });

  it('trains instead when the artifact parses but does not fit together (a document number out of range, counts that differ)', async () => {
    const broken = {
      'a topic document number past the last topic': (artifact: Artifact) => {
        const docs = artifact.matcher.index.docs;
        docs[docs.length - 1] = artifact.matcher.index.documentCount;
      },
      'a point document number past the last point': (artifact: Artifact) => {
        artifact.matcher.points.docs[0] = 1_000_000;
      },
      'one topic id fewer than topic documents': (artifact: Artifact) => {
        artifact.matcher.topicIds.pop();
      },
      'one point fewer than point documents': (artifact: Artifact) => {
        artifact.matcher.pointDocuments.pop();
      },
      'acute flags for fewer messages than the postings name': (artifact: Artifact) => {
        artifact.detector.acute = artifact.detector.acute.subarray(0, 100);
      },
      'an acute flag that is neither 0 nor 1': (artifact: Artifact) => {
        artifact.detector.acute[5] = 7;
      },
      'the acute postings’ terms out of order': (artifact: Artifact) => {
        const terms = artifact.detector.terms;
        [terms[10], terms[11]] = [terms[11]!, terms[10]!];
      },
      'the acute postings’ offsets out of order': (artifact: Artifact) => {
        const offsets = artifact.detector.offsets;
        // Every length still fits: only the order of the offsets is wrong.
        offsets[10] = offsets[12]! + 1;
      },
      'the acute postings’ last offset short of the ids': (artifact: Artifact) => {
        const offsets = artifact.detector.offsets;
        offsets[offsets.length - 1] = offsets[offsets.length - 1]! - 1;
      },
      'an acute posting’s weight of 0': (artifact: Artifact) => {
        artifact.detector.weights[100] = 0;
      },
      'an acute posting’s weight NaN': (artifact: Artifact) => {
        artifact.detector.weights[200] = Number.NaN;
      },
    };
    for (const [name, breakIt] of Object.entries(broken)) {
      const artifact = readArtifact(file);
      breakIt(artifact);
      const brokenFile = path.join(dir, 'misfit.bin');
      writeArtifact(brokenFile, artifact);
      const loaded = await loadGuidanceModels(sources, brokenFile);
      assert.equal(loaded.origin.from, 'training', name);
      const reason = loaded.origin.from === 'training' ? loaded.origin.reason : '';
      assert.match(
        reason,
        /unreadable: (packed BM25: document|matcher: \d+ (topics|points)|postings: terms not in ascending order|postings: offsets|postings: a weight|packed postings: not these messages|acute flags: not 0 or 1)/,
        name,
      );
    }
  });

  it('npm run build saved one for the data and code in this checkout', async () => {
    const built = await loadGuidanceModels(sources, MODELS_ARTIFACT);
    assert.deepEqual(built.origin, { from: 'artifact' });
  });
});
