/**
 * Which of many quotes occur verbatim in a text, in one pass over the text (Aho–Corasick). Checking each quote with
 * `text.includes` costs quotes × text length, which is quadratic when long inputs yield many claims.
 */

interface TrieNode {
  next: Map<number, number>;
  fail: number;
  /** Indexes of patterns ending here, including those reachable through failure links (filled in build). */
  outputs: number[];
}

function buildAutomaton(patterns: readonly string[]): TrieNode[] {
  const nodes: TrieNode[] = [{ next: new Map(), fail: 0, outputs: [] }];
  patterns.forEach((pattern, index) => {
    let state = 0;
    for (let i = 0; i < pattern.length; i += 1) {
      const code = pattern.charCodeAt(i);
      const node = nodes[state];
      if (node === undefined) return;
      let target = node.next.get(code);
      if (target === undefined) {
        target = nodes.length;
        nodes.push({ next: new Map(), fail: 0, outputs: [] });
        node.next.set(code, target);
      }
      state = target;
    }
    nodes[state]?.outputs.push(index);
  });
  // Breadth-first failure links.
  const queue: number[] = [...(nodes[0]?.next.values() ?? [])];
  for (let head = 0; head < queue.length; head += 1) {
    const state = queue[head] ?? 0;
    const node = nodes[state];
    if (node === undefined) continue;
    for (const [code, child] of node.next) {
      queue.push(child);
      let fallback = node.fail;
      while (fallback !== 0 && !nodes[fallback]?.next.has(code)) fallback = nodes[fallback]?.fail ?? 0;
      const candidate = nodes[fallback]?.next.get(code);
      const childNode = nodes[child];
      if (childNode === undefined) continue;
      childNode.fail = candidate !== undefined && candidate !== child ? candidate : 0;
      childNode.outputs.push(...(nodes[childNode.fail]?.outputs ?? []));
    }
  }
  return nodes;
}

/** The subset of `quotes` that occur verbatim in `text`. Empty quotes never match. */
export function findVerbatim(text: string, quotes: Iterable<string>): Set<string> {
  const patterns = [...new Set(quotes)].filter((q) => q.length > 0);
  const found = new Set<string>();
  if (patterns.length === 0) return found;
  const nodes = buildAutomaton(patterns);
  let state = 0;
  for (let i = 0; i < text.length && found.size < patterns.length; i += 1) {
    const code = text.charCodeAt(i);
    while (state !== 0 && !nodes[state]?.next.has(code)) state = nodes[state]?.fail ?? 0;
    state = nodes[state]?.next.get(code) ?? 0;
    for (const index of nodes[state]?.outputs ?? []) {
      const pattern = patterns[index];
      if (pattern !== undefined) found.add(pattern);
    }
  }
  return found;
}
