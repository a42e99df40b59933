const { src, dest } = require('gulp');

/** Copies icons, each node's codex (.node.json) and the package entry (index.js) into dist. */
function buildIcons() {
	return src(
		['nodes/**/*.{png,svg,json}', 'credentials/**/*.{png,svg}', 'icons/**/*.svg', 'index.js'],
		{
			base: '.',
			encoding: false,
		},
	).pipe(dest('dist'));
}

exports['build:icons'] = buildIcons;
