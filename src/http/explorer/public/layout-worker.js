/**
 * The force-directed layout, in a worker so the page never freezes: repulsion between all nodes,
 * springs along relations, a weak pull to the centre, then label-aware overlap removal and a stretch to
 * the canvas's shape. Fixed (pinned) nodes do not move; nodes that have a position start from it (a
 * changed depth or year keeps the drawing), the others start near their placed neighbours.
 *
 * In:  { id, nodes: [{ x?, y?, fixed, w, h }], edges: [[i, j]], aspect, gentle }
 * Out: { id, type: 'progress', done } … then { id, type: 'done', positions: Float64Array (x, y, …) }
 */

/** @param {MessageEvent} event */
self.onmessage = (event) => {
  const job = event.data;
  const positions = layout(job, (done) => self.postMessage({ id: job.id, type: 'progress', done }));
  self.postMessage({ id: job.id, type: 'done', positions }, [positions.buffer]);
};

function random(seed) {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return ((s >>> 0) % 100000) / 100000;
  };
}

/**
 * @param {{ nodes: { x?: number, y?: number, fixed?: boolean, w: number, h: number }[], edges: [number, number][],
 *   aspect: number, gentle?: boolean }} job
 * @param {(done: number) => void} progress
 */
function layout(job, progress) {
  const n = job.nodes.length;
  const out = new Float64Array(2 * n);
  if (!n) return out;
  const rand = random(n * 7919 + job.edges.length);
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  const fixed = new Uint8Array(n);
  const placed = new Uint8Array(n);
  const neighbours = Array.from({ length: n }, () => []);
  for (const [a, b] of job.edges) {
    if (a === b) continue;
    neighbours[a].push(b);
    neighbours[b].push(a);
  }
  const k = 70; // ideal distance
  job.nodes.forEach((node, i) => {
    if (Number.isFinite(node.x) && Number.isFinite(node.y)) {
      x[i] = node.x;
      y[i] = node.y;
      placed[i] = 1;
    }
    if (node.fixed && placed[i]) fixed[i] = 1;
  });
  // Unplaced nodes: near their placed neighbours (breadth-first from them), else on a spiral.
  let anyPlaced = placed.some((p) => p === 1);
  if (!anyPlaced) {
    x[0] = 0;
    y[0] = 0;
    placed[0] = 1;
    anyPlaced = true;
  }
  for (let round = 0; round < n; round++) {
    let progressed = false;
    for (let i = 0; i < n; i++) {
      if (placed[i]) continue;
      const around = neighbours[i].filter((j) => placed[j]);
      if (!around.length) continue;
      let cx = 0;
      let cy = 0;
      for (const j of around) {
        cx += x[j];
        cy += y[j];
      }
      const angle = rand() * 2 * Math.PI;
      const r = k * (0.6 + rand() * 0.8);
      x[i] = cx / around.length + r * Math.cos(angle);
      y[i] = cy / around.length + r * Math.sin(angle);
      placed[i] = 2;
      progressed = true;
    }
    if (!progressed) break;
  }
  let spiral = 0;
  for (let i = 0; i < n; i++) {
    if (placed[i]) continue;
    spiral++;
    const angle = spiral * 2.4;
    const r = k * Math.sqrt(spiral) * 1.5;
    x[i] = r * Math.cos(angle);
    y[i] = r * Math.sin(angle);
  }

  // Force phase (Fruchterman–Reingold with a cooling temperature).
  const gentle = Boolean(job.gentle);
  const iterations = gentle ? 120 : n > 300 ? 220 : 320;
  let temperature = gentle ? k * 0.6 : k * 3;
  const cool = temperature / (iterations + 1);
  const dx = new Float64Array(n);
  const dy = new Float64Array(n);
  const k2 = k * k;
  const cutoff2 = (k * 6) ** 2;
  for (let iter = 0; iter < iterations; iter++) {
    dx.fill(0);
    dy.fill(0);
    for (let i = 0; i < n; i++) {
      const xi = x[i];
      const yi = y[i];
      for (let j = i + 1; j < n; j++) {
        let ddx = xi - x[j];
        let ddy = yi - y[j];
        let d2 = ddx * ddx + ddy * ddy;
        if (d2 > cutoff2) continue;
        if (d2 < 0.01) {
          ddx = rand() - 0.5;
          ddy = rand() - 0.5;
          d2 = 0.25;
        }
        const f = k2 / d2;
        dx[i] += ddx * f;
        dy[i] += ddy * f;
        dx[j] -= ddx * f;
        dy[j] -= ddy * f;
      }
    }
    for (const [a, b] of job.edges) {
      if (a === b) continue;
      const ddx = x[a] - x[b];
      const ddy = y[a] - y[b];
      const d = Math.sqrt(ddx * ddx + ddy * ddy) || 0.01;
      const f = d / k;
      dx[a] -= ddx * f;
      dy[a] -= ddy * f;
      dx[b] += ddx * f;
      dy[b] += ddy * f;
    }
    for (let i = 0; i < n; i++) {
      if (fixed[i]) continue;
      // A weak pull to the centre keeps separate components together.
      dx[i] -= x[i] * 0.02;
      dy[i] -= y[i] * 0.02;
      const d = Math.sqrt(dx[i] * dx[i] + dy[i] * dy[i]) || 1;
      const step = Math.min(d, temperature);
      x[i] += (dx[i] / d) * step;
      y[i] += (dy[i] / d) * step;
    }
    temperature = Math.max(temperature - cool, 1);
    if (iter % 20 === 0) progress((0.8 * iter) / iterations);
  }

  // Overlap removal: each node's box is its circle and its label below; boxes are pushed apart.
  const w = job.nodes.map((node) => node.w);
  const h = job.nodes.map((node) => node.h);
  const passes = 40;
  for (let pass = 0; pass < passes; pass++) {
    let moved = 0;
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        const ox = (w[i] + w[j]) / 2 + 6 - Math.abs(x[i] - x[j]);
        if (ox <= 0) continue;
        const oy = (h[i] + h[j]) / 2 + 4 - Math.abs(y[i] - y[j]);
        if (oy <= 0) continue;
        moved++;
        const share = fixed[i] ? 0 : fixed[j] ? 1 : 0.5;
        if (fixed[i] && fixed[j]) continue;
        // Push along the axis that needs the smaller move.
        if (ox < oy) {
          const s = x[i] < x[j] ? -1 : 1;
          x[i] += s * ox * share;
          x[j] -= s * ox * (1 - share);
        } else {
          const s = y[i] < y[j] ? -1 : 1;
          y[i] += s * oy * share;
          y[j] -= s * oy * (1 - share);
        }
      }
    }
    if (pass % 8 === 0) progress(0.8 + (0.2 * pass) / passes);
    if (!moved) break;
  }
  // Stretch to the canvas's shape (the drawing uses the whole canvas): one axis grows, none shrinks,
  // so no label comes to overlap another. Not when some nodes are pinned, or in a gentle run.
  if (!fixed.some((f) => f === 1) && !gentle) {
    let minX = Infinity;
    let maxX = -Infinity;
    let minY = Infinity;
    let maxY = -Infinity;
    for (let i = 0; i < n; i++) {
      minX = Math.min(minX, x[i]);
      maxX = Math.max(maxX, x[i]);
      minY = Math.min(minY, y[i]);
      maxY = Math.max(maxY, y[i]);
    }
    const ratio = (maxX - minX || 1) / (maxY - minY || 1);
    const want = job.aspect || 1.5;
    const sx = Math.min(2.5, Math.max(1, want / ratio));
    const sy = Math.min(2.5, Math.max(1, ratio / want));
    for (let i = 0; i < n; i++) {
      x[i] *= sx;
      y[i] *= sy;
    }
  }
  for (let i = 0; i < n; i++) {
    out[2 * i] = x[i];
    out[2 * i + 1] = y[i];
  }
  return out;
}
