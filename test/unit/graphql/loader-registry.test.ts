import { LoaderRegistry } from '../../../src/graphql/loader-registry';

describe('LoaderRegistry', () => {
  test('a memoised loader is one per name and arguments, and keeps its values for the request', async () => {
    const registry = new LoaderRegistry();
    const calls: string[][] = [];
    const get = () => registry.get<string, string>('x', { year: 2024 }, async (keys) => (calls.push([...keys]), keys.map((k) => k.toUpperCase())));
    expect(get()).toBe(get());
    expect(await Promise.all([get().load('a'), get().load('b')])).toEqual(['A', 'B']);
    expect(await get().load('a')).toBe('A');
    expect(calls).toEqual([['a', 'b']]);
  });

  test('a loader that does not memoise batches, then leaves the registry with its last batch (D31)', async () => {
    const registry = new LoaderRegistry();
    const calls: string[][] = [];
    const get = () => registry.get<string, string>('facts', { year: 2024 }, async (keys) => (calls.push([...keys]), keys.map((k) => k.toUpperCase())), { memoise: false });
    const first = get();
    expect(get()).toBe(first); // while its batch is being gathered, everyone joins it
    expect(await Promise.all([first.load('a'), get().load('b')])).toEqual(['A', 'B']);
    // Done: a DataLoader keeps its last batch (keys, callbacks, values), so the registry lets it go.
    const second = get();
    expect(second).not.toBe(first);
    expect(await second.load('a')).toBe('A');
    expect(calls).toEqual([['a', 'b'], ['a']]);
  });
});
