import {
  type Host,
  HostNotFoundError,
  type HostSpec,
  InvalidRequestError,
  MissingCredentialsError,
  type ProvisionerV1,
  UnsupportedError,
} from '@provision/core';
import type { CommandContext } from '../context.js';
import { InterruptedError } from '../interrupted-error.js';
import { startProgress } from '../output/progress.js';
import { formatHostReference } from '../parse/host-reference.js';
import { UsageError } from '../usage-error.js';
import { type WaitSettings, waitWithProgress } from '../waiting.js';

/** Which host a create is about, before the cloud has given it an id. */
export interface CreateTarget {
  readonly provider: string;
  readonly name: string;
  readonly owner: string;
}

/** How long the check after Ctrl-C may take: the user is waiting to get the prompt back. */
const CHECK_AFTER_INTERRUPT_MS = 3000;

function listCommand(target: CreateTarget): string {
  return `\`provision list --provider ${target.provider} --owner ${target.owner}\``;
}

const REPEAT_IS_SAFE =
  'Repeating the same `provision create` is safe: it finds the host by owner and name and returns or repairs it instead of creating another.';

/** Errors raised before anything was sent: nothing can exist because of them. */
function beforeAnyRequest(error: unknown): boolean {
  return (
    error instanceof UsageError ||
    InvalidRequestError.isInstance(error) ||
    UnsupportedError.isInstance(error) ||
    MissingCredentialsError.isInstance(error)
  );
}

// Looks once, briefly, for the host a create was making when it was interrupted.
async function findAfterInterrupt(provisioner: ProvisionerV1, target: CreateTarget): Promise<string> {
  if (provisioner.list === undefined) return `Whether ${target.name} exists could not be checked.`;
  try {
    const hosts = await provisioner.list(
      { owner: target.owner },
      { signal: AbortSignal.timeout(CHECK_AFTER_INTERRUPT_MS) },
    );
    const found = hosts.find((host) => host.name === target.name);
    if (found === undefined)
      return `No host named ${target.name} exists yet (checked just now); a firewall or security group left without its host is deleted by \`provision gc\`.`;
    const ref = formatHostReference(found.provider, found.id);
    return `${ref} exists (${found.status}, checked just now); \`provision delete ${ref} --wait\` deletes it.`;
  } catch {
    return `Whether ${target.name} exists could not be checked: ${listCommand(target)} shows it.`;
  }
}

/**
 * `provision()` with something on screen while it runs. On Ctrl-C, says what was left; on a
 * failure after requests were sent, adds a note that the host may exist and a repeat is safe.
 */
export async function createHost(
  context: CommandContext,
  provisioner: ProvisionerV1,
  spec: HostSpec,
  target: CreateTarget,
): Promise<Host> {
  const progress = await startProgress(
    context.io.stderr,
    `${target.name} (${target.provider})`,
    context.io.env,
  );
  progress.update('creating');
  try {
    const host = await provisioner.provision(spec, { signal: context.signal });
    progress.succeed(`${target.name}: ${formatHostReference(host.provider, host.id)} is ${host.status}`);
    return host;
  } catch (error) {
    progress.stop();
    if (context.signal.aborted) {
      const found = await findAfterInterrupt(provisioner, target);
      throw new InterruptedError(
        `Interrupted while creating ${target.name} on ${target.provider}.`,
        `Nothing was undone, and the host may exist, partly set up. ${found} ${REPEAT_IS_SAFE}`,
      );
    }
    if (!beforeAnyRequest(error)) {
      context.errorNotes.push(
        `${target.name} may have been created (or partly). ${REPEAT_IS_SAFE} ${listCommand(target)} shows what exists.`,
      );
    }
    throw error;
  }
}

// Looks once, briefly, at a host whose wait was interrupted.
async function statusAfterInterrupt(provisioner: ProvisionerV1, host: Host, ref: string): Promise<string> {
  try {
    const now = await provisioner.status(host.id, { signal: AbortSignal.timeout(CHECK_AFTER_INTERRUPT_MS) });
    return `${ref} exists (${now.status}, checked just now).`;
  } catch (error) {
    if (HostNotFoundError.isInstance(error)) return `${ref} no longer exists (checked just now).`;
    return `${ref} existed when last seen (${host.status}); it could not be checked again.`;
  }
}

/**
 * `--wait` after a create. On Ctrl-C: whether the host exists now, that a repeat of the same
 * create repairs it, and how to keep waiting or delete it.
 */
export async function waitForCreated(
  context: CommandContext,
  provisioner: ProvisionerV1,
  host: Host,
  settings: WaitSettings,
): Promise<Host> {
  const ref = formatHostReference(host.provider, host.id);
  try {
    return await waitWithProgress(context, provisioner, host, 'active', settings);
  } catch (error) {
    if (!(error instanceof InterruptedError)) throw error;
    const state = await statusAfterInterrupt(provisioner, host, ref);
    throw new InterruptedError(
      `Interrupted while waiting for ${host.name} to become active.`,
      `Nothing was undone: ${state} ${REPEAT_IS_SAFE} \`provision status ${ref} --wait\` keeps waiting; \`provision delete ${ref} --wait\` deletes it.`,
    );
  }
}

/** The warning for an existing host returned in place of the one asked for. */
export function specMismatchWarning(host: Host, fields: readonly string[]): string {
  const ref = formatHostReference(host.provider, host.id);
  return `${host.name} (owner ${host.owner}) already exists as ${ref} with a different ${fields.join(', ')}; it was returned as it is, unchanged. To get the spec you asked for, delete it first (\`provision delete ${ref} --wait\`) or use another --name.`;
}
