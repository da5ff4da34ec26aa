import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type Response as BotResponse,
} from 'botbuilder';
import restify from 'restify';

/**
 * The baseline: restify 11 + CloudAdapter without credentials, echoing every message. Nothing else — no state,
 * no validation, no logging — so the difference to the project bot is what the project itself costs.
 */
const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
const server = restify.createServer({ name: 'bench-echo' });
server.use(restify.plugins.bodyParser({ mapParams: false }));
server.post('/api/messages', async (req, res) => {
  await adapter.process(req, res as unknown as BotResponse, async (context) => {
    if (context.activity.type === 'message')
      await context.sendActivity(`echo: ${context.activity.text ?? ''}`);
  });
});
server.listen(Number(process.env.PORT ?? 0), process.env.HOST ?? '127.0.0.1');
const stop = () => server.close(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
