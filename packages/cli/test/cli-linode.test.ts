import { LINODE_FAKE_TOKEN, type LinodeFake } from '@provision/provider-linode/testing';
import { describeCliLifecycle } from './cli-provider-lifecycle.js';

// The CLI driving the Linode plugin over real HTTP against the emulator's fake Linode API: the
// full lifecycle with a Cloud Firewall.
describeCliLifecycle<LinodeFake>({
  provider: 'linode',
  displayName: 'Linode',
  secrets: [LINODE_FAKE_TOKEN],
  endpoints: { LINODE_URL: /^http:\/\/127\.0\.0\.1:\d+\/linode$/ },
  name: 'cli-linode',
  ports: ['443'],
  host: { firewalled: true },
  ref: /^linode:\d+\/\d+$/,
  deleteBy: 'ref',
});
