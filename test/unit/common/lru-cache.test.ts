import { LruCache } from '../../../src/common/lru-cache';

test('evicts the least recently used entries once the weight budget is exceeded', () => {
  const cache = new LruCache<string>(10, (v) => v.length);
  cache.set('a', 'xxxx'); // 4
  cache.set('b', 'yyyy'); // 8
  expect(cache.get('a')).toBe('xxxx'); // a is now the most recent
  cache.set('c', 'zzzz'); // 12 > 10: b goes
  expect(cache.get('b')).toBeUndefined();
  expect(cache.get('a')).toBe('xxxx');
  expect(cache.get('c')).toBe('zzzz');
  expect(cache.weight).toBe(8);
  expect(cache.size).toBe(2);
});

test('replacing a key re-weighs it; an entry heavier than the budget is not kept', () => {
  const cache = new LruCache<string>(5, (v) => v.length);
  cache.set('a', 'xx');
  cache.set('a', 'xxx');
  expect(cache.weight).toBe(3);
  cache.set('huge', 'xxxxxxxxx');
  expect(cache.get('huge')).toBeUndefined();
  expect(cache.get('a')).toBe('xxx');
  expect(cache.hits).toBe(1);
  expect(cache.misses).toBe(1);
});

test('a new generation (data version) empties the cache; the same one keeps it', () => {
  const cache = new LruCache<string>(100);
  cache.generation('v1');
  cache.set('a', 'x');
  cache.generation('v1');
  expect(cache.get('a')).toBe('x');
  cache.generation('v2');
  expect(cache.get('a')).toBeUndefined();
  expect(cache.weight).toBe(0);
});
