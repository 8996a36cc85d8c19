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
import { exitCodeFor, redact, reportError } from './errors.js';

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
      secrets: [],
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
      secrets: [],
    });
    expect(stderr()).toContain('    at ');
    expect(stderr()).toContain('socket hang up');
  });

  it('with --output json also prints one error document on stdout', () => {
    const { io, stdout } = capture();
    reportError(io, new WaitTimeoutError('slow', { provider: 'digitalocean', hint: 'wait longer' }), {
      json: true,
      debug: false,
      secrets: [],
    });
    expect(JSON.parse(stdout())).toEqual({
      error: {
        code: 'wait_timeout',
        message: 'slow',
        hint: 'wait longer',
        provider: 'digitalocean',
        exitCode: 3,
      },
    });
  });

  it('redacts credential values wherever they appear', () => {
    const { io, stdout, stderr } = capture();
    const token = 'dop_v1_feedfacefeedface';
    reportError(io, new Error(`request with ${token} failed`, { cause: new Error(token) }), {
      json: true,
      debug: true,
      secrets: [token],
    });
    expect(stderr()).not.toContain(token);
    expect(stdout()).not.toContain(token);
    expect(stderr()).toContain('[redacted]');
    expect(redact('short ab', ['ab'])).toBe('short ab');
  });
});
