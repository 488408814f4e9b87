// Runs in the page, after mermaid.min.js: renders one Mermaid chart into #chart at Mermaid's default 500 px
// and returns the boxes of everything a reader must read, in px, for the test to compare in Node.
window.measureChart = async (code) => {
  const out = document.getElementById('chart');
  out.innerHTML = '';
  try {
    const { svg } = await window.mermaid.render(`chart${++window.chartCount}`, code);
    out.innerHTML = svg;
  } catch (error) {
    return {
      error: String(error?.message ?? error)
        .split('\n')
        .join(' '),
    };
  }
  const svg = out.querySelector('svg');
  svg.style.maxWidth = 'none';
  svg.style.width = '500px';
  const box = (element) => {
    const r = element.getBoundingClientRect();
    return { left: r.left, top: r.top, right: r.right, bottom: r.bottom };
  };
  const boxes = [];
  // A point's circle and label share an owner: they touch by design, unlike boxes of two owners.
  for (const [i, point] of [...svg.querySelectorAll('g.data-point')].entries()) {
    const name = `point "${point.querySelector('text')?.textContent ?? ''}"`;
    boxes.push({ owner: `point ${i}`, name, isPoint: true, ...box(point.querySelector('circle')) });
    boxes.push({ owner: `point ${i}`, name, isPoint: true, ...box(point.querySelector('text')) });
  }
  for (const [i, text] of [...svg.querySelectorAll('g.quadrant text, g.labels text, g.title text')].entries()) {
    boxes.push({ owner: `text ${i}`, name: `"${text.textContent}"`, isPoint: false, ...box(text) });
  }
  const quadrants = [...svg.querySelectorAll('g.quadrant rect')].map(box);
  // The plot is the union of the four quadrants; a chart of another kind has only its SVG.
  const plot =
    quadrants.length === 0
      ? box(svg)
      : {
          left: Math.min(...quadrants.map((q) => q.left)),
          top: Math.min(...quadrants.map((q) => q.top)),
          right: Math.max(...quadrants.map((q) => q.right)),
          bottom: Math.max(...quadrants.map((q) => q.bottom)),
        };
  return { boxes, svg: box(svg), plot };
};
window.chartCount = 0;
window.mermaid.initialize({ startOnLoad: false });
