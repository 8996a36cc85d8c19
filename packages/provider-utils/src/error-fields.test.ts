import { describe, expect, it } from 'vitest';
import { parseErrorFields } from './error-fields.js';

describe('parseErrorFields', () => {
  const metal = parseErrorFields({ message: ['errors', 'error'] });
  const civo = parseErrorFields({ code: ['code', 'result'], message: ['reason'] });

  it('takes the first named field holding text, joining a list of sentences', () => {
    expect(metal({ errors: ['Plan is sold out', 'try another metro'] })).toEqual({
      message: 'Plan is sold out; try another metro',
    });
    expect(metal({ errors: [], error: 'Unauthorized' })).toEqual({ message: 'Unauthorized' });
    expect(civo({ result: 'quota_limit_reached', reason: 'Quota reached' })).toEqual({
      code: 'quota_limit_reached',
      message: 'Quota reached',
    });
  });

  it('answers nothing for bodies that hold none of the fields', () => {
    expect(metal('<html>')).toEqual({});
    expect(metal(null)).toEqual({});
    expect(metal({ errors: [{ reason: 'nested' }], error: '' })).toEqual({});
  });
});
