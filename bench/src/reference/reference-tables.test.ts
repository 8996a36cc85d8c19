import { describe, expect, it } from 'vitest';
import { listFigure, referenceFigure } from './reference-figures.ts';
import { REFERENCE } from './reference-tables.ts';

// `A, B ×3` back to its names, so a figure can be checked against the requests it shows.
function unfold(which: string): string[] {
  return which.split(', ').flatMap((part) => {
    const folded = / ×(\d+)$/.exec(part);
    return folded === null ? [part] : Array<string>(Number(folded[1])).fill(part.slice(0, folded.index));
  });
}

describe('reference tables', () => {
  it('count AWS provision as 5: the control port 8123 is always authorized', () => {
    const figure = referenceFigure('aws', 'provision', 0);
    expect(figure?.requests).toBe(5);
    expect(unfold(figure?.which ?? '')).toEqual([
      'DescribeImages',
      'CreateSecurityGroup',
      'AuthorizeSecurityGroupIngress',
      'RunInstances',
      'CreateTags',
    ]);
    const ingress = REFERENCE.aws?.provision.requests[2];
    expect(ingress?.source).toContain('8123');
  });

  it('add one ingress call per port after the control port', () => {
    const figure = referenceFigure('aws', 'provisionWithInbound', 2);
    expect(figure?.requests).toBe(7);
    expect(figure?.text).toBe('5 + 1 per port = 7');
    expect(
      unfold(figure?.which ?? '').filter((name) => name === 'AuthorizeSecurityGroupIngress'),
    ).toHaveLength(3);
  });

  it('count AWS delete as at least 4, the waiter poll and the group included', () => {
    const figure = referenceFigure('aws', 'delete', 0);
    expect(figure?.requests).toBe(4);
    expect(figure?.atLeast).toBe(true);
    expect(figure?.text).toBe('at least 4');
    expect(unfold(figure?.which ?? '')).toEqual([
      'DescribeInstances',
      'TerminateInstances',
      'DescribeInstances',
      'DeleteSecurityGroup',
    ]);
    expect(referenceFigure('aws', 'status', 0)?.requests).toBe(2);
  });

  it('count DigitalOcean as one request per operation and pages of 20 to list', () => {
    expect(referenceFigure('digitalocean', 'provision', 0)?.requests).toBe(1);
    expect(referenceFigure('digitalocean', 'status', 0)?.requests).toBe(1);
    expect(referenceFigure('digitalocean', 'delete', 0)?.requests).toBe(1);
    expect(referenceFigure('digitalocean', 'provisionWithInbound', 2)).toBeUndefined();
    expect(referenceFigure('digitalocean', 'list1000', 0)?.requests).toBe(50);
    expect(listFigure('digitalocean', 5000)?.requests).toBe(250);
    expect(listFigure('aws', 5000)?.requests).toBe(1);
  });

  it('give every figure exactly as many requests as it lists', () => {
    for (const provider of Object.keys(REFERENCE)) {
      for (const row of ['provision', 'provisionWithInbound', 'status', 'delete', 'list1000'] as const) {
        const figure = referenceFigure(provider, row, 2);
        if (figure === undefined) continue;
        expect(unfold(figure.which), `${provider} ${row}`).toHaveLength(figure.requests);
      }
    }
  });

  it('name, for every request, the function in the library file that sends it', () => {
    for (const [provider, reference] of Object.entries(REFERENCE)) {
      const file = reference.file.split('/').at(-1) ?? '';
      const rows = [
        ...reference.provision.requests,
        ...(reference.provision.perPort === undefined ? [] : [reference.provision.perPort]),
        ...reference.status.requests,
        ...reference.delete.requests,
        ...(reference.list === undefined ? [] : [reference.list.page]),
      ];
      for (const row of rows) {
        expect(row.source.startsWith(`${file} `), `${provider}: ${row.request}`).toBe(true);
        expect(row.source, `${provider}: ${row.request}`).toMatch(/^\S+\.go [A-Za-z]+(\.[A-Za-z]+)?/);
      }
    }
  });

  it('mark a figure "at least" exactly when one of its requests may repeat', () => {
    expect(referenceFigure('gcp', 'provision', 0)?.text).toBe('at least 5');
    expect(referenceFigure('scaleway', 'delete', 0)?.text).toBe('at least 5');
    expect(referenceFigure('vultr', 'delete', 0)?.text).toBe('4');
    expect(referenceFigure('hetzner', 'provision', 0)?.text).toBe('4');
  });
});
