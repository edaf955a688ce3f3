import { describe, expect, it } from 'vitest';
import { depthFirst, teamTree } from './teamTree.js';

describe('teamTree', () => {
  const teams = [
    { id: 'org' },
    { id: 'a', parentId: 'org' },
    { id: 'a1', parentId: 'a' },
    { id: 'b', parentId: 'org' },
    { id: 'x' },
  ];

  it('orders every team after all its sub-teams, and walks depth first from the roots', () => {
    const tree = teamTree(teams, 'test');
    const position = new Map(tree.order.map((id, i) => [id, i]));
    for (const team of teams) {
      if (team.parentId !== undefined)
        expect(position.get(team.id)!).toBeLessThan(position.get(team.parentId)!);
    }
    expect(tree.roots).toEqual(['org', 'x']);
    expect(depthFirst(tree)).toEqual([
      { id: 'org', depth: 0 },
      { id: 'a', depth: 1 },
      { id: 'a1', depth: 2 },
      { id: 'b', depth: 1 },
      { id: 'x', depth: 0 },
    ]);
  });

  it('refuses duplicate ids, unknown parents and cycles, naming the caller', () => {
    expect(() => teamTree([{ id: 'a' }, { id: 'a' }], 'f')).toThrow(/f requires unique team ids/);
    expect(() => teamTree([{ id: 'a', parentId: 'z' }], 'f')).toThrow(/unknown parent "z"/);
    expect(() =>
      teamTree(
        [
          { id: 'a', parentId: 'b' },
          { id: 'b', parentId: 'a' },
        ],
        'f',
      ),
    ).toThrow(/without cycles/);
  });
});
