import fs from 'node:fs';
import Module from 'node:module';

/**
 * Preloaded into a bot process (NODE_OPTIONS=--require …) by the start-up test: every JavaScript file the
 * process compiles is written, one per line, to LOADED_MODULES_LOG when the process exits.
 */
const log = process.env.LOADED_MODULES_LOG;
if (log) {
  const loaded: string[] = [];
  const extensions = (
    Module as unknown as { _extensions: Record<string, (m: unknown, file: string) => void> }
  )._extensions;
  const compileJs = extensions['.js']!;
  extensions['.js'] = (module, filename) => {
    loaded.push(filename);
    compileJs(module, filename);
  };
  process.on('exit', () => fs.writeFileSync(log, loaded.join('\n')));
}
