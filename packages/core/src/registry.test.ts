import { backboneIds, getBackbone, registerBackbone, UnknownBackboneError } from './registry';
import type { Backbone } from './types';

const fake = (id: string): Backbone => ({
  id,
  name: id,
  family: 'fake',
  baseResolution: 32,
  base: { stem: 8, stages: [], head: null },
  rounding: { channelDivisor: 8, head: 'scale', resolutionDivisor: 8 },
  totalStride: 1,
  dropout: 0,
  dropConnect: 0,
  build: () => {
    throw new Error('not buildable');
  },
});

describe('backbone registry', () => {
  it('finds registered backbones and names the choices for unknown ids', () => {
    const a = fake('fake-a');
    registerBackbone(a);
    expect(getBackbone('fake-a')).toBe(a);
    expect(backboneIds()).toContain('fake-a');
    expect(() => getBackbone('nope')).toThrow(UnknownBackboneError);
    expect(() => getBackbone('nope')).toThrow(/unknown backbone 'nope'; choose one of: .*fake-a/);
  });

  it('refuses two different backbones under one id', () => {
    registerBackbone(fake('fake-b'));
    expect(() => registerBackbone(fake('fake-b'))).toThrow(/registered twice/);
  });
});
