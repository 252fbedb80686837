// Reads a GEXF file with graphology-gexf, the reader of Gephi Lite, and prints
// what the Rust tests check: the counts, the self-loops and one node's
// attributes. Any parse error (an undeclared attribute, an edge to a missing
// node) makes it exit non-zero with the reader's message.
const fs = require('fs');
const path = require('path');
const Graph = require('graphology');
const gexf = require(path.join(__dirname, 'node_modules', 'graphology-gexf'));

const [file, label] = process.argv.slice(2);
const g = gexf.parse(Graph, fs.readFileSync(file, 'utf8'));
let selfLoops = 0;
g.forEachEdge((e, a, s, t) => {
  if (s === t) selfLoops += 1;
});
let node = null;
g.forEachNode((n, a) => {
  if (a.label === label) node = a;
});
console.log(JSON.stringify({ order: g.order, size: g.size, selfLoops, node }));
