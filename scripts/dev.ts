import { startPlayground } from './playground/playground';
import { localBotEnvironment, startBotProcess } from './botProcess';

/**
 * `npm run dev`: the bot in local mode (embedded Azurite, data in ./.data) and the Microsoft 365 Agents
 * Playground at http://localhost:56150 to chat with it as a Teams user. Ctrl-C stops the Playground, then
 * the bot, which stops Azurite with SIGINT so its data is written.
 */
async function main(): Promise<void> {
  const env = localBotEnvironment();
  const bot = await startBotProcess(env);
  const botEndpoint = `${bot.url}/api/messages`;
  const playground = await startPlayground({
    botEndpoint,
    port: Number(process.env.PLAYGROUND_PORT ?? 56150),
  }).catch(async (err: unknown) => {
    await bot.stop();
    throw err;
  });
  console.log(
    `\n  Trygg förtroendevald is running.\n  Bot:        ${botEndpoint}\n  Playground: ${playground.url}  (chat as ${playground.users[0]})\n  Stop with Ctrl-C.\n`,
  );

  let stopping = false;
  const stop = async (): Promise<void> => {
    if (stopping) return;
    stopping = true;
    await playground.stop();
    const code = await bot.stop();
    process.exit(code ?? 0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
  bot.exited.then(async (code) => {
    if (stopping) return;
    console.error(`the bot exited (code ${code}); stopping the Playground`);
    await playground.stop();
    process.exit(code ?? 1);
  });
}

main().catch((err: unknown) => {
  console.error(`dev: ${(err as Error)?.message ?? String(err)}`);
  process.exit(1);
});
