import { InvalidRequestError } from '@provision/core';
import { describeError, describeRequests, ensure, outcomeOf } from '../assert.js';
import { type ContractCheck, defineCheck } from '../contract-check.js';
import type { ContractConfig } from '../contract-config.js';
import { ContractHarness } from '../harness.js';

const GROUP = 'user-data';

/** Everything a transport likes to "fix": CRLF, tabs, trailing blanks, non-ASCII, a final line without newline. */
const AWKWARD_USER_DATA =
  '#!/bin/bash\r\n# contract: CRLF line\r\necho "tab\there"   \n' +
  "printf '%s\\n' 'caf\u00e9 \u65e5\u672c \u{1F680}' > /etc/motd\n\n\n" +
  '  indented line with trailing spaces   \n' +
  // biome-ignore lint/suspicious/noTemplateCurlyInString: shell text, meant literally.
  'base64-looking: SGVsbG8= $HOME ${PATH} `date` \\ backslash\n' +
  'no newline at the end';

/** UTF-16 code units as WTF-8: what "kept exact" means for a string UTF-8 cannot spell. */
function wtf8(text: string): Uint8Array {
  const bytes: number[] = [];
  for (let index = 0; index < text.length; index += 1) {
    let unit = text.charCodeAt(index);
    const next = text.charCodeAt(index + 1);
    if (unit >= 0xd800 && unit <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
      unit = 0x10000 + ((unit - 0xd800) << 10) + (next - 0xdc00);
      index += 1;
    }
    if (unit < 0x80) bytes.push(unit);
    else if (unit < 0x800) bytes.push(0xc0 | (unit >> 6), 0x80 | (unit & 63));
    else if (unit < 0x10000) bytes.push(0xe0 | (unit >> 12), 0x80 | ((unit >> 6) & 63), 0x80 | (unit & 63));
    else
      bytes.push(
        0xf0 | (unit >> 18),
        0x80 | ((unit >> 12) & 63),
        0x80 | ((unit >> 6) & 63),
        0x80 | (unit & 63),
      );
  }
  return new Uint8Array(bytes);
}

function sameBytes(actual: Uint8Array | undefined, expected: Uint8Array): boolean {
  return (
    actual !== undefined &&
    actual.length === expected.length &&
    actual.every((byte, i) => byte === expected[i])
  );
}

/** Where two byte strings first differ, for the failure message (never the bytes themselves: they may be secret). */
function firstDifference(actual: Uint8Array | undefined, expected: Uint8Array): string {
  if (actual === undefined) return 'the cloud would boot with no user-data at all';
  const length = Math.min(actual.length, expected.length);
  for (let index = 0; index < length; index += 1) {
    if (actual[index] !== expected[index]) return `the bytes differ first at offset ${index}`;
  }
  return `the cloud holds ${actual.length} bytes; ${expected.length} were given`;
}

/** The user-data reaches the machine unchanged, byte for byte, as the cloud would boot it. */
export function userDataChecks<Settings>(config: ContractConfig<Settings>): ContractCheck[] {
  return [
    defineCheck(GROUP, 'the user-data reaches the machine byte for byte', async (context) => {
      const harness = new ContractHarness(config, context);
      const provisioner = harness.provisioner();
      const host = await provisioner.provision(
        harness.spec('contract-user-data', { userData: AWKWARD_USER_DATA }),
      );
      const expected = new TextEncoder().encode(AWKWARD_USER_DATA);
      const booted = harness.contract.bootUserData(host);
      ensure(
        sameBytes(booted, expected),
        () =>
          `The cloud would not boot the machine with the user-data as given: ${firstDifference(booted, expected)}.`,
      );
      await harness.cleanUp(provisioner, host.id, 'after deleting the host');
    }),

    defineCheck(GROUP, 'no user-data boots the machine with none', async (context) => {
      const harness = new ContractHarness(config, context);
      const provisioner = harness.provisioner();
      const host = await provisioner.provision(harness.spec('contract-no-user-data'));
      const booted = harness.contract.bootUserData(host);
      ensure(
        booted === undefined || booted.length === 0,
        `Without userData the cloud would still boot the machine with ${booted?.length} bytes of user-data.`,
      );
      await harness.cleanUp(provisioner, host.id, 'after deleting the host');
    }),

    defineCheck(
      GROUP,
      'user-data that is not valid Unicode is refused before any request, or kept exact',
      async (context) => {
        const harness = new ContractHarness(config, context);
        const provisioner = harness.provisioner();
        // A lone surrogate: UTF-8 has no spelling for it, and encoders silently write U+FFFD instead.
        const userData = '#!/bin/sh\necho "broken \uD800 text"\n';
        const outcome = await outcomeOf(() =>
          provisioner.provision(harness.spec('contract-not-unicode', { userData })),
        );
        if (!outcome.ok) {
          ensure(
            InvalidRequestError.isInstance(outcome.error),
            () =>
              `User-data that is not valid Unicode should be refused with InvalidRequestError, not ${describeError(outcome.error)}.`,
          );
          ensure(
            harness.fake.requests.length === 0,
            () =>
              `User-data that is not valid Unicode was refused only after requests reached the cloud:\n${describeRequests(harness.fake.requests)}`,
          );
          return;
        }
        const booted = harness.contract.bootUserData(outcome.value);
        ensure(
          sameBytes(booted, wtf8(userData)),
          () =>
            `User-data that is not valid Unicode was accepted and rewritten (${firstDifference(booted, wtf8(userData))}); refuse it with InvalidRequestError instead.`,
        );
        await harness.cleanUp(provisioner, outcome.value.id, 'after deleting the host');
      },
    ),
  ];
}
