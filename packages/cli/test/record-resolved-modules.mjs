// Loaded with `node --import` before the CLI: records the URL of every module the process
// resolves, and writes them (one per line) to the file named by PROVISION_TEST_MODULE_LOG at exit.
import { writeFileSync } from 'node:fs';
import { registerHooks } from 'node:module';

const urls = [];

registerHooks({
  resolve(specifier, context, nextResolve) {
    const result = nextResolve(specifier, context);
    urls.push(result.url);
    return result;
  },
});

process.on('exit', () => {
  writeFileSync(process.env.PROVISION_TEST_MODULE_LOG, `${urls.join('\n')}\n`);
});
