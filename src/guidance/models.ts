import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { projectRoot } from '../core/paths';
import { AcuteDangerDetector, loadAcuteExamples } from './domain/acuteDanger';
import type { SpellingModel } from './domain/spelling';
import { CHANNEL_WORDS_FILE, type ChannelWords } from './domain/channelWords';
import { TRAINING_QUESTIONS_FILE, type KnowledgeBase } from './domain/knowledgeBase';
import type { PackedBm25Model } from './domain/packedBm25';
import { CompactPostings } from './domain/termPostings';
import { DEFAULT_MATCHER_OPTIONS, TopicMatcher, type MatcherModel } from './domain/topicMatcher';
import { BlobReader, BlobWriter, type RefsOf } from './binaryArtifact';

/**
 * The guidance models trained from the data files (the topic matcher and the acute-danger detector), saved
 * at `npm run build` and loaded at start instead of trained: training takes seconds and leaves the MiniSearch
 * index of 10 000 labelled messages (some 50 MB of heap) behind, the packed postings are a few MB.
 *
 * The artifact names a hash of everything it was made from (the data files, the compiled code that trains,
 * the versions of nlp.js, MiniSearch and the stemmers); when the hash differs or the file is missing or unreadable, the
 * models are trained as before and the reason is logged: a stale artifact never answers.
 */
export interface GuidanceModels {
  matcher: TopicMatcher;
  dangerDetector: AcuteDangerDetector;
}

/** One line of JSON and the bytes of the large arrays after it (guidance/binaryArtifact.ts). */
export const MODELS_ARTIFACT = path.join(projectRoot, 'dist', 'models', 'guidance.bin');
/**
 * 5: the arrays as bytes after the JSON, the spelling's stems and the messages' acute flags saved, nlp.js's model
 * without its guesser's sentences. 6: the head names its byte order after the hash.
 */
const ARTIFACT_FORMAT = 6;

/** What the artifact holds, as the models are made from it. */
export interface Artifact {
  format: number;
  inputsHash: string;
  matcher: MatcherModel;
  detector: {
    terms: string[];
    offsets: Uint32Array;
    ids: Uint32Array;
    weights: Float64Array;
    /** 1 where labelled message `id` is acute, 0 where not. */
    acute: Uint8Array;
    spelling: SpellingModel;
  };
}

/** The large arrays of a packed BM25 index and of the acute postings, as the artifact stores them. */
const BM25_ARRAYS = { terms: 'lines', offsets: 'u32', docs: 'u32', weights: 'f64' } as const;
const DETECTOR_ARRAYS = { terms: 'lines', offsets: 'u32', ids: 'u32', weights: 'f64', acute: 'u8' } as const;
type StoredBm25 = Omit<PackedBm25Model, keyof typeof BM25_ARRAYS> & RefsOf<typeof BM25_ARRAYS>;

/** The artifact's JSON part: each large array is a reference to its bytes. */
interface StoredArtifact {
  format: number;
  inputsHash: string;
  /** The byte order its arrays were written in (`os.endianness()`): a reader of the other order refuses it. */
  endianness: 'LE' | 'BE';
  matcher: Omit<MatcherModel, 'index' | 'points'> & { index: StoredBm25; points: StoredBm25 };
  detector: RefsOf<typeof DETECTOR_ARRAYS> & { spelling: SpellingModel };
}

export interface ModelSources {
  knowledgeBase: KnowledgeBase;
  channels: ChannelWords;
  /** Where topics.json lives (another municipality's data gives another hash). */
  dataDir: string;
}

/** Trains both models from the data (as every start did before the artifact). */
export async function trainGuidanceModels({
  knowledgeBase,
  channels,
}: ModelSources): Promise<GuidanceModels> {
  // One after the other: nlp.js training writes progress to console.log, which each silences for its run.
  const matcher = await TopicMatcher.train(knowledgeBase, DEFAULT_MATCHER_OPTIONS, channels);
  const dangerDetector = await AcuteDangerDetector.train(
    loadAcuteExamples(),
    knowledgeBase.exampleQuestions(),
    knowledgeBase.answerTexts(),
  );
  return { matcher, dangerDetector };
}

/** Writes the trained models and the hash of their inputs to `file`. */
export function saveGuidanceModels(models: GuidanceModels, dataDir: string, file = MODELS_ARTIFACT): void {
  const postings = models.dangerDetector.packPostings();
  writeArtifact(file, {
    format: ARTIFACT_FORMAT,
    inputsHash: modelInputsHash(dataDir),
    matcher: models.matcher.toModel(),
    detector: {
      terms: [...postings.terms],
      offsets: postings.offsets,
      ids: postings.ids,
      weights: postings.weights,
      acute: Uint8Array.from(models.dangerDetector.packAcute(), Number),
      spelling: models.dangerDetector.packSpelling(),
    },
  });
}

/** Writes an artifact (the tests write broken ones with it). */
export function writeArtifact(file: string, artifact: Artifact): void {
  const blobs = new BlobWriter();
  const storeBm25 = (model: PackedBm25Model): StoredBm25 => ({
    ...model,
    ...blobs.arrays(BM25_ARRAYS, model),
  });
  const { matcher, detector } = artifact;
  // The format, the hash and the byte order first: the stale check reads them from the head of the file.
  const stored: StoredArtifact = {
    format: artifact.format,
    inputsHash: artifact.inputsHash,
    endianness: os.endianness(),
    matcher: { ...matcher, index: storeBm25(matcher.index), points: storeBm25(matcher.points) },
    detector: { ...blobs.arrays(DETECTOR_ARRAYS, detector), spelling: detector.spelling },
  };
  fs.mkdirSync(path.dirname(file), { recursive: true });
  // Written beside and renamed, so a start never reads half a file.
  fs.writeFileSync(`${file}.tmp`, blobs.file(stored));
  fs.renameSync(`${file}.tmp`, file);
}

/** Reads an artifact `writeArtifact` wrote (its arrays copies of their own; the file's bytes are let go). */
export function readArtifact(file: string): Artifact {
  const { head, blobs } = BlobReader.open(fs.readFileSync(file));
  const stored = head as StoredArtifact;
  // Byte-swapped weights pass every other check: the bytes are only read in the order they were written in.
  if (stored.endianness !== os.endianness()) throw new Error(anotherByteOrder(stored.endianness));
  const readBm25 = (model: StoredBm25): PackedBm25Model => ({
    ...model,
    ...blobs.arrays(BM25_ARRAYS, model),
  });
  const { matcher, detector } = stored;
  return {
    format: stored.format,
    inputsHash: stored.inputsHash,
    matcher: { ...matcher, index: readBm25(matcher.index), points: readBm25(matcher.points) },
    detector: { ...blobs.arrays(DETECTOR_ARRAYS, detector), spelling: detector.spelling },
  };
}

export type ModelsOrigin = { from: 'artifact' } | { from: 'training'; reason: string };

/** The saved models when they were made from these inputs; otherwise trained, with the reason. */
export async function loadGuidanceModels(
  sources: ModelSources,
  file = MODELS_ARTIFACT,
): Promise<GuidanceModels & { origin: ModelsOrigin }> {
  // Hashed once (it reads every input file): the head is checked against it, and then the whole file.
  let hash: string | undefined;
  const inputsHash = () => (hash ??= modelInputsHash(sources.dataDir));
  const reason = staleReason(file, inputsHash);
  if (reason === undefined) {
    try {
      const artifact = readArtifact(file);
      // The file may have been replaced since its head was checked: what was read must pass the same check.
      if (artifact.format !== ARTIFACT_FORMAT || artifact.inputsHash !== inputsHash())
        throw new Error('artifact: replaced while read (another format or hash)');
      await nextTurn();
      return { ...(await fromArtifact(artifact, sources)), origin: { from: 'artifact' } };
    } catch (err) {
      return { ...(await trainGuidanceModels(sources)), origin: { from: 'training', reason: errorOf(err) } };
    }
  }
  return { ...(await trainGuidanceModels(sources)), origin: { from: 'training', reason } };
}

function staleReason(file: string, inputsHash: () => string): string | undefined {
  if (!fs.existsSync(file)) return `no artifact at ${path.relative(projectRoot, file)}`;
  try {
    // The hash is the file's first field: read the head, not 9 MB, to decide.
    const head = readHead(file, 200);
    const saved = /"format":(\d+),"inputsHash":"([0-9a-f]+)","endianness":"(\w+)"/.exec(head);
    if (!saved || Number(saved[1]) !== ARTIFACT_FORMAT) return 'artifact of another format';
    if (saved[3] !== os.endianness()) return anotherByteOrder(saved[3]);
    return saved[2] === inputsHash() ? undefined : 'artifact built from other data or code';
  } catch (err) {
    return errorOf(err);
  }
}

async function fromArtifact(artifact: Artifact, { channels }: ModelSources): Promise<GuidanceModels> {
  const matcher = await TopicMatcher.fromModel(artifact.matcher, DEFAULT_MATCHER_OPTIONS, channels);
  // Between the synchronous parts: /livez (and anything else waiting) is answered meanwhile.
  await nextTurn();
  const { terms, offsets, ids, weights, acute, spelling } = artifact.detector;
  const postings = new CompactPostings(terms, offsets, ids, weights);
  // Only 0 and 1 are written: anything else is a broken file, not a message's label.
  if (acute.some((flag) => flag > 1)) throw new Error('acute flags: not 0 or 1');
  const dangerDetector = AcuteDangerDetector.fromPacked(
    Array.from(acute, (flag) => flag === 1),
    postings,
    spelling,
  );
  return { matcher, dangerDetector };
}

function anotherByteOrder(written: string | undefined): string {
  return `artifact of another byte order (written ${written ?? 'unnamed'}, this machine ${os.endianness()})`;
}

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

function readHead(file: string, bytes: number): string {
  const fd = fs.openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(bytes);
    return buffer.subarray(0, fs.readSync(fd, buffer, 0, bytes, 0)).toString('utf8');
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Everything the models are made from: the knowledge base, its training questions and channel words, the
 * labelled messages, the compiled code of the guidance domain and text normalisation (a change to how terms
 * are made changes the models), that of the file layout (models.js, binaryArtifact.js: a layout change read with
 * the old offsets must not depend on luck to fail), and the versions of nlp.js, MiniSearch and the Snowball stemmers.
 */
export function modelInputsHash(dataDir: string): string {
  const hash = createHash('sha256');
  const add = (file: string) => hash.update(`${path.basename(file)}\0`).update(fs.readFileSync(file));
  add(path.join(dataDir, 'topics.json'));
  // The training questions beside it (guide2: the one change here for the new data file).
  const questions = path.join(dataDir, TRAINING_QUESTIONS_FILE);
  if (fs.existsSync(questions)) add(questions);
  // The matcher's vocabulary leaves out the channel names it lists (TopicMatcher.train).
  const channelWords = path.join(dataDir, CHANNEL_WORDS_FILE);
  if (fs.existsSync(channelWords)) add(channelWords);
  const examples = path.join(projectRoot, 'src', 'guidance', 'data', 'acute-examples');
  // The compiled files by their place in dist/src, not beside __dirname: `npm start` runs a one-file bundle
  // (scripts/bundleEntry.ts) made from exactly these files.
  const compiled = path.join(projectRoot, 'dist', 'src');
  const code = [path.join(compiled, 'guidance', 'domain'), path.join(compiled, 'core', 'text')];
  for (const dir of [examples, ...code]) {
    for (const name of fs.readdirSync(dir).sort()) {
      if (name.endsWith('.json') || name.endsWith('.js')) add(path.join(dir, name));
    }
  }
  for (const layout of ['models.js', 'binaryArtifact.js']) add(path.join(compiled, 'guidance', layout));
  // @orama/stemmers makes every saved search term and vocabulary word (core/text/stemmers).
  const libraries = [
    '@nlpjs/nlp',
    '@nlpjs/core',
    '@nlpjs/lang-sv',
    '@nlpjs/lang-en-min',
    'minisearch',
    '@orama/stemmers',
  ];
  for (const pkg of libraries) {
    hash.update(`${pkg}@${versionOf(pkg)}\0`);
  }
  return hash.digest('hex');
}

function versionOf(pkg: string): string {
  const manifest = path.join(projectRoot, 'node_modules', ...pkg.split('/'), 'package.json');
  return (JSON.parse(fs.readFileSync(manifest, 'utf8')) as { version: string }).version;
}

function errorOf(err: unknown): string {
  return `artifact unreadable: ${(err as Error)?.message ?? String(err)}`;
}
