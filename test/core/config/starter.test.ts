import { describe, expect, it } from 'vitest';
import { fillMap } from '../../../src/core/config/starter.js';
import type { FeatureRequest } from '../../../src/core/types.js';

const request = (segment: string[]): FeatureRequest => ({ id: 'R', title: 'R', lines: [2], accounts: [], numbers: {}, texts: { segment } });

describe('fillMap', () => {
  it('keeps known values (in the template order and spelling), drops unused ones, adds new ones at the fallback', () => {
    const template = { Enterprise: 1, 'Mid-Market': 0.7, SMB: 0.4 };
    const requests = [request(['smb', 'Public Sector']), request(['Enterprise']), request(['public  sector'])];
    expect(fillMap(template, requests, 'segment', 0.3)).toEqual({
      map: { Enterprise: 1, SMB: 0.4, 'Public Sector': 0.3 },
      added: ['Public Sector'],
    });
  });
});
