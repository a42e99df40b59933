// The package entry (built into dist/index.js). n8n loads the nodes and credentials listed in
// package.json's "n8n" block; this only lets `require('n8n-nodes-awin')` resolve.
module.exports = {};
