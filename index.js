// n8n loads the nodes and credentials listed in package.json's "n8n" block; this entry exists
// so that `require('n8n-nodes-awin')` resolves.
module.exports = {};
