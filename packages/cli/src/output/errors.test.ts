import { PassThrough } from 'node:stream';
import {
  AuthenticationError,
  HostNotFoundError,
  InvalidRequestError,
  MissingCredentialsError,
  ProviderApiError,
  UnsupportedError,
  WaitTimeoutError,
} from '@provision/core';
import { CommanderError } from 'commander';
import { describe, expect, it } from 'vitest';
import { EXIT_CODES } from '../exit-codes.js';
import { InterruptedError } from '../interrupted-error.js';
import type { CliIo } from '../io.js';
import { UsageError } from '../usage-error.js';
import { exitCodeFor, inCliWords, reportError } from './errors.js';

function capture(): { io: CliIo; stdout: () => string; stderr: () => string } {
  const out = new PassThrough();
  const err = new PassThrough();
  let stdout = '';
  let stderr = '';
  out.on('data', (chunk) => {
    stdout += String(chunk);
  });
  err.on('data', (chunk) => {
    stderr += String(chunk);
  });
  return {
    io: { stdout: out, stderr: err, stdin: new PassThrough(), env: {}, cwd: '/' },
    stdout: () => stdout,
    stderr: () => stderr,
  };
}

describe('exit codes', () => {
  it.each([
    ['a bad flag', new CommanderError(1, 'commander.invalidArgument', 'error: bad'), EXIT_CODES.usage],
    ['--help', new CommanderError(0, 'commander.helpDisplayed', '(outputHelp)'), EXIT_CODES.success],
    ['--version', new CommanderError(0, 'commander.version', '0.1.0'), EXIT_CODES.success],
    ['help instead of a command', new CommanderError(1, 'commander.help', '(outputHelp)'), EXIT_CODES.usage],
    ['a usage error', new UsageError('no'), EXIT_CODES.usage],
    ['invalid input', new InvalidRequestError('bad name'), EXIT_CODES.usage],
    ['an unsupported OS', new UnsupportedError('no such OS'), EXIT_CODES.usage],
    ['missing credentials', new MissingCredentialsError('no token'), EXIT_CODES.usage],
    ['a wait timeout', new WaitTimeoutError('slow'), EXIT_CODES.waitTimeout],
    ['a rejected token', new AuthenticationError('401'), EXIT_CODES.failure],
    ['a missing host', new HostNotFoundError('1'), EXIT_CODES.failure],
    ['a cloud error', new ProviderApiError('500'), EXIT_CODES.failure],
    ['anything else', new Error('boom'), EXIT_CODES.failure],
    ['Ctrl-C', new InterruptedError(), EXIT_CODES.interrupted],
  ])('%s exits with the documented code', (_, error, code) => {
    expect(exitCodeFor(error)).toBe(code);
  });
});

describe('reportError', () => {
  it('prints message and hint on stderr, no stack without --debug', () => {
    const { io, stdout, stderr } = capture();
    const code = reportError(io, new HostNotFoundError('42', { provider: 'digitalocean' }), {
      json: false,
      debug: false,
    });
    expect(code).toBe(1);
    expect(stderr()).toMatch(/^error: Host 42 was not found on digitalocean\.\nhint: .+\n$/);
    expect(stderr()).not.toContain('    at ');
    expect(stdout()).toBe('');
  });

  it('adds the stack and cause with --debug', () => {
    const { io, stderr } = capture();
    reportError(io, new ProviderApiError('failed', { cause: new Error('socket hang up') }), {
      json: false,
      debug: true,
    });
    expect(stderr()).toContain('    at ');
    expect(stderr()).toContain('socket hang up');
  });

  it('with --output json also prints one error document on stdout', () => {
    const { io, stdout } = capture();
    reportError(io, new WaitTimeoutError('slow', { provider: 'digitalocean', hint: 'wait longer' }), {
      json: true,
      debug: false,
    });
    expect(JSON.parse(stdout())).toEqual({
      error: {
        code: 'wait_timeout',
        message: 'slow',
        hint: 'wait longer',
        provider: 'digitalocean',
        exitCode: 3,
        notes: [],
      },
    });
  });

  it('prints notes after the error, and in JSON every field is present', () => {
    const { io, stdout, stderr } = capture();
    reportError(io, new Error('boom'), { json: true, debug: false, notes: ['web may exist'] });
    expect(stderr()).toBe('error: boom\nnote: web may exist\n');
    expect(JSON.parse(stdout())).toEqual({
      error: {
        code: 'error',
        message: 'boom',
        hint: null,
        provider: null,
        exitCode: 1,
        notes: ['web may exist'],
      },
    });
  });

  it("speaks the CLI's language, not the library's", () => {
    expect(inCliWords('It may have been deleted; `list()` shows the hosts that exist.')).toBe(
      'It may have been deleted; `provision list` shows the hosts that exist.',
    );
    expect(inCliWords('delete({ ip }) needs a public IPv4 address.')).toBe(
      '`provision delete --ip` needs a public IPv4 address.',
    );
    expect(inCliWords('Repeat the call: provision() and delete() are safe to repeat.')).toBe(
      'Repeat the call: `provision create` and `provision delete` are safe to repeat.',
    );
    const { io, stderr } = capture();
    reportError(io, new HostNotFoundError('42', { provider: 'digitalocean' }), { json: false, debug: false });
    expect(stderr()).toContain('`provision list`');
    expect(stderr()).not.toContain('list()');
  });

  it('never shows raw SDK errors, and does not call a dropped connection a timeout', () => {
    const sdk = capture();
    reportError(
      sdk.io,
      new ProviderApiError(
        'Deserialization error: to see the raw response, inspect the hidden field {error}.$response on this object.',
        { provider: 'aws', operation: 'list' },
      ),
      { json: false, debug: false },
    );
    expect(sdk.stderr()).not.toContain('$response');
    expect(sdk.stderr()).toMatch(/^error: The answer from aws to list could not be read/m);

    const dropped = capture();
    reportError(
      dropped.io,
      new ProviderApiError('The request to AWS EC2 for list timed out; it may have been applied.', {
        provider: 'aws',
        code: 'timeout',
        retryable: true,
      }),
      { json: false, debug: false },
    );
    expect(dropped.stderr()).toContain('for list timed out');
    expect(dropped.stderr()).toMatch(/^hint: Repeat|^hint: Check the network/m);
  });

  it('names both AWS keys in the missing-credentials hint, in the provider’s own words', () => {
    const { io, stderr } = capture();
    reportError(
      io,
      new MissingCredentialsError('No AWS credentials.', {
        provider: 'aws',
        envVars: ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_PROFILE'],
      }),
      { json: false, debug: false, credentialsHelp: () => 'AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY' },
    );
    expect(stderr()).toMatch(/^hint: Set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY in the environment/m);
  });
});
