import { DEFAULT_GUIDELINE_DATA_DIR, loadGuidelineData } from '../src/app';
import { MODELS_ARTIFACT, saveGuidanceModels, trainGuidanceModels } from '../src/guidance/models';

/**
 * `npm run build`'s last step: trains the guidance models from the data files with the same code a start
 * would use, and saves them with the hash of their inputs (src/guidance/models.ts), so a start loads them.
 */
async function main(): Promise<void> {
  const startedAt = Date.now();
  const dataDir = DEFAULT_GUIDELINE_DATA_DIR;
  const { knowledgeBase, channels } = loadGuidelineData(dataDir);
  saveGuidanceModels(await trainGuidanceModels({ knowledgeBase, channels, dataDir }), dataDir);
  console.log(`guidance models: ${MODELS_ARTIFACT} (${Date.now() - startedAt} ms)`);
}

main().catch((err: unknown) => {
  console.error(`guidance models: ${(err as Error)?.stack ?? String(err)}`);
  process.exit(1);
});
