// Runs one memory-measured section for one provider in a fresh process, so that its resident
// set size is not inflated by what earlier sections left behind. Usage (from section-process.ts):
// node section-child.ts fleet <provider> <hosts> | list <provider> [<hosts at scale> <runs>]; the
// result goes back over IPC.
import { findInstalledProviders } from './providers.ts';
import { describeError } from './results.ts';
import { measureFleet } from './sections/fleet.ts';
import { measureList } from './sections/list-thousand.ts';

const [section, providerId, hosts, runs] = process.argv.slice(2);
try {
  const { providers } = await findInstalledProviders();
  const provider = providers.find((item) => item.id === providerId);
  if (provider === undefined) throw new Error(`provider ${providerId} is not installed in the bench package`);
  const result =
    section === 'fleet'
      ? await measureFleet(provider, Number(hosts))
      : await measureList(
          provider,
          hosts === undefined ? undefined : { hosts: Number(hosts), runs: Number(runs ?? '1') },
        );
  process.send?.({ type: 'result', result, maxRssBytes: process.resourceUsage().maxRSS * 1024 });
} catch (error) {
  process.send?.({ type: 'error', error: describeError(error) });
}
process.disconnect?.();
